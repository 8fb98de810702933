// `berkas serve` (the HTTP API), `berkas work` (a worker on the job queue)
// and `berkas user` (users and station tokens). serve and work run until
// SIGINT or SIGTERM.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "api/http_service.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "users/user_store.hpp"
#include "workers/job_worker.hpp"

namespace berkas::cli {
namespace {

std::atomic<bool> g_stop{false};

void on_signal(int) { g_stop = true; }

void stop_on_signals() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::signal(SIGPIPE, SIG_IGN);  // a client that goes away must not end the server
}

struct WorkArgs {
  int threads = 0, lease = 30, max_attempts = 5;
  bool until_idle = false;
  std::string name;
};

void add_work_options(CLI::App* cmd, WorkArgs& a) {
  cmd->add_option("--threads", a.threads, "Pages read at once (default: every core)")->check(CLI::Range(1, 256));
  cmd->add_option("--lease", a.lease, "Seconds a job stays this worker's without a heartbeat (default 30)")
      ->check(CLI::Range(3, 3600));
  cmd->add_option("--max-attempts", a.max_attempts, "Attempts before a job is dead-lettered (default 5)")
      ->check(CLI::Range(1, 100));
}

WorkerOptions worker_options(const WorkArgs& a) {
  WorkerOptions o;
  o.threads = a.threads;
  o.queue.lease = std::chrono::seconds(a.lease);
  o.queue.max_attempts = a.max_attempts;
  o.until_idle = a.until_idle;
  o.name = a.name;
  o.intake.actor = "worker:" + os_user();
  return o;
}

}  // namespace

void add_service_commands(CLI::App& app) {
  {
    auto* cmd = app.add_subcommand("serve", "Serve the HTTP API for scanner stations, verifiers and approvers");
    struct Args {
      ServiceOptions service;
      std::string tls_cert, tls_key;
      uint64_t max_request_mb = 1024;
      bool with_worker = false;
      WorkArgs work;
    };
    auto a = std::make_shared<Args>();
    cmd->add_option("--host", a->service.host, "Address to listen on (default 127.0.0.1)");
    cmd->add_option("--port", a->service.port, "Port (default 8080; 0: any free port)")->check(CLI::Range(0, 65535));
    cmd->add_option("--tls-cert", a->tls_cert, "PEM certificate: serve HTTPS only")->check(CLI::ExistingFile);
    cmd->add_option("--tls-key", a->tls_key, "PEM private key of --tls-cert")->check(CLI::ExistingFile);
    cmd->add_option("--max-request-mb", a->max_request_mb, "Largest request, e.g. one upload (default 1024)")
        ->check(CLI::Range(1, 1 << 20));
    cmd->add_option("--max-files", a->service.max_files_per_batch, "Most files in one batch (default 2000)")
        ->check(CLI::Range(1, 100000));
    cmd->add_option("--timeout", a->service.timeout_seconds, "Seconds to read or write one request (default 120)")
        ->check(CLI::Range(1, 3600));
    cmd->add_flag("--public-metrics", a->service.public_metrics, "Serve /metrics without signing in");
    cmd->add_flag("--with-worker", a->with_worker, "Also run a worker in this process (one-PC offices)");
    add_work_options(cmd, a->work);
    cmd->callback([a] {
      stop_on_signals();
      a->service.tls_cert = a->tls_cert;
      a->service.tls_key = a->tls_key;
      a->service.max_request_bytes = a->max_request_mb << 20;
      open_store();  // migrate (and start the embedded server) before listening
      std::thread worker;
      if (a->with_worker) worker = std::thread([a] { run_worker(worker_options(a->work), g_stop, std::cerr); });
      try {
        run_service(a->service, g_stop, std::cerr, [&](int port) {
          std::printf("berkas serve: listening on %s://%s:%d\n", a->tls_cert.empty() ? "http" : "https",
                      a->service.host.c_str(), port);
          std::fflush(stdout);
        });
      } catch (...) {
        g_stop = true;
        if (worker.joinable()) worker.join();
        throw;
      }
      if (worker.joinable()) worker.join();
    });
  }
  {
    auto* cmd = app.add_subcommand("work", "Run a worker on the shared job queue (read pages, settle batches)");
    auto a = std::make_shared<WorkArgs>();
    add_work_options(cmd, *a);
    cmd->add_flag("--until-idle", a->until_idle, "Stop once nothing is queued or running");
    cmd->add_option("--name", a->name, "Worker id in the queue (default host:pid)");
    cmd->callback([a] {
      stop_on_signals();
      open_store();
      const WorkerTotals t = run_worker(worker_options(*a), g_stop, std::cerr);
      std::printf("berkas work: %ld jobs done, %ld failed, %ld pages read\n", t.jobs_done, t.jobs_failed, t.pages_read);
    });
  }
  {
    auto* cmd = app.add_subcommand("user", "Users of the HTTP service and scanner-station tokens");
    cmd->require_subcommand(1);
    auto* add = cmd->add_subcommand("add", "Create a user; the password is read from the first line of stdin");
    auto u = std::make_shared<NewUser>();
    add->add_option("username", u->username, "Login name")->required();
    add->add_option("--role", u->role, "scanner, verifier, approver, archivist or admin")->required();
    add->add_option("--official", u->official, "Approvers: the official's key in templates/office.json");
    add->add_option("--display-name", u->display_name, "Full name");
    add->callback([u] {
      std::string password;
      std::getline(std::cin, password);
      if (!password.empty() && password.back() == '\r') password.pop_back();
      u->password = password;
      auto conn = open_store();
      const User created = create_user(*conn, *u, "cli:" + os_user());
      std::printf("user %s (%s) created\n", created.username.c_str(), created.role.c_str());
    });
    auto* token = cmd->add_subcommand("token", "Print a new long-lived token for a scanner station");
    struct TokenArgs {
      std::string username, label;
      int days = 365;
    };
    auto t = std::make_shared<TokenArgs>();
    token->add_option("username", t->username, "A scanner user")->required();
    token->add_option("--label", t->label, "Which station (for the audit log)");
    token->add_option("--days", t->days, "Valid for this many days (default 365)")->check(CLI::Range(1, 3650));
    token->callback([t] {
      auto conn = open_store();
      const auto user = find_user(*conn, t->username);
      if (!user) throw Error(ErrorCode::NotFound, "no user " + t->username);
      if (user->role != "scanner") throw Error(ErrorCode::InvalidArgument, "station tokens are for scanner users");
      std::printf("%s\n", open_session(*conn, *user, "station", std::chrono::hours(24 * t->days), t->label).c_str());
    });
    auto* list = cmd->add_subcommand("list", "List the users");
    list->callback([] {
      auto conn = open_store();
      for (const auto& user : list_users(*conn))
        std::printf("%s\t%s\t%s\n", user.username.c_str(), user.role.c_str(), user.official.c_str());
    });
  }
}

}  // namespace berkas::cli
