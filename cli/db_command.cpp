// `berkas db start|stop|status|url`: the embedded PostgreSQL server that
// holds the store, or a note that an external one (BERKAS_DATABASE_URL) is
// in use.
#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "core/paths.hpp"
#include "store/database.hpp"
#include "store/embedded_postgres.hpp"

namespace berkas::cli {
namespace {

constexpr int kExitNotRunning = 3;

std::string external_url() {
  const char* value = std::getenv("BERKAS_DATABASE_URL");
  return value == nullptr ? "" : value;
}

// main() maps every exception to status 1 or 2, so "not running" (3) has to
// leave from here.
[[noreturn]] void exit_with(int status) {
  std::cout.flush();
  std::fflush(stdout);
  std::exit(status);
}

const char* yes_no(bool value) { return value ? "yes" : "no"; }

}  // namespace

void add_db_command(CLI::App& app) {
  auto* db = app.add_subcommand("db", "Manage the embedded PostgreSQL server that holds the store");
  db->require_subcommand(1);
  db->footer(
      "The embedded server lives in $BERKAS_HOME/pg (default <source>/var/pg), listens on a Unix socket "
      "only, and keeps running after berkas exits. If BERKAS_DATABASE_URL is set, berkas uses that "
      "server instead and start/stop do nothing.");

  auto* start =
      db->add_subcommand("start",
                         "Start the embedded server, creating it on first use; harmless if it already runs, and "
                         "restarts it after a crash");
  start->callback([] {
    if (std::string url = external_url(); !url.empty()) {
      std::cout << "BERKAS_DATABASE_URL is set: using the external server at " << redact_database_url(url)
                << "; nothing to start\n";
      return;
    }
    EmbeddedPostgres server(state_dir());
    server.start();
    const PostgresStatus status = server.status();
    std::cout << "database running (pid " << status.pid << "), url: " << status.url << "\n";
  });

  auto* stop = db->add_subcommand("stop", "Stop the embedded server (fast shutdown); harmless if it is not running");
  stop->callback([] {
    if (std::string url = external_url(); !url.empty()) {
      std::cout << "BERKAS_DATABASE_URL is set: using the external server at " << redact_database_url(url)
                << "; nothing to stop\n";
      return;
    }
    EmbeddedPostgres server(state_dir());
    const bool was_running = server.status().running;
    server.stop();
    std::cout << (was_running ? "database stopped\n" : "database was not running\n");
  });

  auto* status = db->add_subcommand("status",
                                    "Show whether the server exists and runs, its pid and URL. Exit status: 0 running, "
                                    "3 not running, 1 on error");
  status->callback([] {
    if (std::string url = external_url(); !url.empty()) {
      // PQping never authenticates, so this says "reachable", not "usable".
      const bool up = PQping(url.c_str()) == PQPING_OK;
      std::cout << "server: external (BERKAS_DATABASE_URL)\n"
                << "running: " << yes_no(up) << "\n"
                << "url: " << redact_database_url(url) << "\n";
      exit_with(up ? 0 : kExitNotRunning);
    }
    EmbeddedPostgres server(state_dir());
    const PostgresStatus s = server.status();
    std::cout << "initialised: " << yes_no(s.initialised) << "\n"
              << "running: " << yes_no(s.running) << "\n"
              << "pid: " << (s.running ? std::to_string(s.pid) : "-") << "\n"
              << "url: " << s.url << "\n"
              << "data: " << server.data_dir().string() << "\n"
              << "log: " << server.log_file().string() << "\n";
    exit_with(s.running ? 0 : kExitNotRunning);
  });

  auto* url =
      db->add_subcommand("url", "Print the database URL (libpq syntax, e.g. for psql) without starting anything");
  url->callback([] {
    std::string external = external_url();
    std::cout << (external.empty() ? EmbeddedPostgres(state_dir()).url() : external) << "\n";
  });
}

}  // namespace berkas::cli
