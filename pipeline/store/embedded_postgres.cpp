#include "store/embedded_postgres.hpp"

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/sha256.hpp"

extern char** environ;

namespace berkas {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kPort = 5432;
constexpr const char* kSocketName = ".s.PGSQL.5432";
// sizeof(sockaddr_un::sun_path) is 108 on Linux, including the final NUL.
constexpr std::size_t kMaxSocketPath = 107;
constexpr const char* kDefaultBinDir = "/usr/lib/postgresql/15/bin";
// How long start() waits for leftovers of a crashed server to exit.
constexpr auto kRestartPatience = std::chrono::seconds(15);
constexpr auto kReadyTimeout = std::chrono::seconds(60);

std::string errno_text() { return std::strerror(errno); }

fs::path bin_dir() {
  const char* value = std::getenv("BERKAS_PG_BINDIR");
  if (value != nullptr && *value != '\0') return value;
  return kDefaultBinDir;
}

fs::path pg_program(const char* name) {
  fs::path program = bin_dir() / name;
  if (access(program.c_str(), X_OK) != 0) {
    throw Error(ErrorCode::NotFound, "PostgreSQL program " + program.string() +
                                         " is missing or not executable (install postgresql-15, or set "
                                         "BERKAS_PG_BINDIR to its bin directory)");
  }
  return program;
}

// PostgreSQL refuses to run as root, so root hands the server programs to
// the postgres OS user.
struct Account {
  bool as_postgres = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

Account server_account() {
  Account account;
  if (geteuid() != 0) return account;
  const passwd* pw = getpwnam("postgres");
  if (pw == nullptr) {
    throw Error(ErrorCode::NotFound,
                "running as root, the embedded database must run as the 'postgres' user, which does not "
                "exist (install the postgresql-15 package, or run berkas as an ordinary user)");
  }
  account.as_postgres = true;
  account.uid = pw->pw_uid;
  account.gid = pw->pw_gid;
  return account;
}

void give_to(const Account& account, const fs::path& path) {
  if (!account.as_postgres) return;
  if (lchown(path.c_str(), account.uid, account.gid) != 0) {
    throw Error(ErrorCode::Io, "cannot give " + path.string() + " to the postgres user: " + errno_text());
  }
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string url_for_database(const fs::path& run, const std::string& database) {
  return "postgresql:///" + database + "?host=" + percent_encode(run.string()) + "&port=" + std::to_string(kPort) +
         "&user=berkas";
}

std::string timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buffer;
}

std::string read_first_line(const fs::path& path, int line_number = 1) {
  std::ifstream in(path);
  std::string line;
  for (int i = 0; i < line_number; ++i) {
    if (!std::getline(in, line)) return "";
  }
  return line;
}

long parse_pid(const std::string& text) {
  char* end = nullptr;
  long pid = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || pid <= 0) return 0;
  return pid;
}

// A process belongs to the cluster if it is a postgres program whose working
// directory is the data directory (the postmaster and every backend chdir
// there). Unlike kill(pid, 0) this is not fooled by zombies (a killed
// postmaster stays one here when PID 1 does not reap orphans) or by a pid
// reused by another program.
bool belongs_to_cluster(long pid, const fs::path& data) {
  const fs::path proc = fs::path("/proc") / std::to_string(pid);
  std::string comm = read_first_line(proc / "comm");
  if (comm != "postgres") return false;
  std::error_code ec;
  fs::path cwd = fs::read_symlink(proc / "cwd", ec);
  return !ec && cwd == data;
}

std::vector<long> cluster_processes(const fs::path& data) {
  std::vector<long> pids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    long pid = parse_pid(name);
    if (pid != 0 && belongs_to_cluster(pid, data)) pids.push_back(pid);
  }
  return pids;
}

fs::path canonical_or_self(const fs::path& path) {
  std::error_code ec;
  fs::path result = fs::weakly_canonical(path, ec);
  return ec ? path : result;
}

// Serialises start/stop across processes; the descriptor is close-on-exec so
// the server (started while we hold it) never inherits the lock.
class FileLock {
 public:
  explicit FileLock(const fs::path& path) {
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw Error(ErrorCode::Io, "cannot open lock file " + path.string() + ": " + errno_text());
    while (flock(fd_, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      std::string reason = errno_text();
      close(fd_);
      throw Error(ErrorCode::Io, "cannot lock " + path.string() + ": " + reason);
    }
  }
  ~FileLock() { close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

// The last lines a command added to the log, folded into one line so the
// error a user sees stays one line.
std::string log_tail(const fs::path& log, std::uintmax_t from, int max_lines = 3) {
  std::ifstream in(log, std::ios::binary);
  if (!in) return "(cannot read " + log.string() + ")";
  in.seekg(0, std::ios::end);
  const std::uintmax_t size = static_cast<std::uintmax_t>(in.tellg());
  constexpr std::uintmax_t kMaxBytes = 64 * 1024;
  std::uintmax_t begin = std::max(from, size > kMaxBytes ? size - kMaxBytes : 0);
  if (begin > size) begin = 0;  // the log was truncated meanwhile
  in.seekg(static_cast<std::streamoff>(begin));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  if (lines.empty()) return "(nothing was logged)";
  std::string out;
  for (std::size_t i = lines.size() > static_cast<std::size_t>(max_lines) ? lines.size() - max_lines : 0;
       i < lines.size(); ++i) {
    out += (out.empty() ? " " : " | ") + lines[i];
  }
  return out;
}

// Runs programs without a shell, output appended to the server log.
class Runner {
 public:
  Runner(fs::path log, Account account) : log_(std::move(log)), account_(account) {
    // PG* variables (PGPORT, PGDATA, PGHOST...) would silently redirect initdb,
    // pg_ctl and the server; the cluster is configured by files only.
    for (char** entry = environ; *entry != nullptr; ++entry) {
      if (std::strncmp(*entry, "PG", 2) != 0) env_.emplace_back(*entry);
    }
    if (account_.as_postgres) {
      for (const char* candidate : {"/usr/sbin/runuser", "/sbin/runuser"}) {
        if (access(candidate, X_OK) == 0) {
          runuser_ = candidate;
          break;
        }
      }
      if (runuser_.empty()) {
        throw Error(ErrorCode::NotFound, "running as root needs runuser(1) to start PostgreSQL as postgres");
      }
    }
  }

  struct Result {
    int status = 0;             // exit status, 128 + signal if killed
    std::uintmax_t log_offset;  // where this command's output starts in the log
  };

  Result run(std::vector<std::string> args) const {
    if (account_.as_postgres) args.insert(args.begin(), {runuser_, "-u", "postgres", "--"});
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& entry : env_) envp.push_back(const_cast<char*>(entry.c_str()));
    envp.push_back(nullptr);

    int log_fd = open(log_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (log_fd < 0) throw Error(ErrorCode::Io, "cannot open " + log_.string() + ": " + errno_text());
    Result result;
    struct stat st {};
    result.log_offset = fstat(log_fd, &st) == 0 ? static_cast<std::uintmax_t>(st.st_size) : 0;
    std::string header = "\n--- berkas " + timestamp() + ":";
    for (const auto& arg : args) header += " " + arg;
    header += "\n";
    if (write(log_fd, header.data(), header.size()) < 0) {
      // The command's own output will still land in the log.
    }
    int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    const std::string exec_failed = "berkas: cannot execute " + args[0] + "\n";

    pid_t pid = fork();
    if (pid < 0) {
      std::string reason = errno_text();
      close(log_fd);
      if (null_fd >= 0) close(null_fd);
      throw Error(ErrorCode::Internal, "cannot fork to run " + args[0] + ": " + reason);
    }
    if (pid == 0) {
      // Only async-signal-safe calls from here on.
      if (null_fd >= 0) dup2(null_fd, 0);
      dup2(log_fd, 1);
      dup2(log_fd, 2);
      // Descriptors opened without O_CLOEXEC by libraries (a libpq socket...)
      // must not reach the long-lived server.
      if (close_range(3, ~0U, 0) != 0) {
        for (int fd = 3; fd < 4096; ++fd) close(fd);
      }
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      for (int sig : {SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD}) signal(sig, SIG_DFL);
      // The caller's directory may not be accessible to postgres.
      if (chdir("/") != 0) _exit(126);
      execve(argv[0], argv.data(), envp.data());
      ssize_t ignored = write(2, exec_failed.data(), exec_failed.size());
      (void)ignored;
      _exit(127);
    }
    close(log_fd);
    if (null_fd >= 0) close(null_fd);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0) {
      if (errno != EINTR) throw Error(ErrorCode::Internal, "waiting for " + args[0] + ": " + errno_text());
    }
    result.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    return result;
  }

  std::string failure(const std::string& what, const Result& result) const {
    return what + " failed (exit status " + std::to_string(result.status) + "); last lines of " + log_.string() + ":" +
           log_tail(log_, result.log_offset);
  }

 private:
  fs::path log_;
  Account account_;
  std::vector<std::string> env_;
  std::string runuser_;
};

// The first directory on the way to `path` that the postgres user cannot
// enter (or, when `writable_leaf`, read and write `path` itself), or "" when
// none.
// Checked in a child that drops to postgres, because only the kernel knows
// (ACLs, mounts). Directories that do not exist yet end the walk: root will
// create them searchable.
std::string first_blocked_for_postgres(const Account& account, const fs::path& path, bool writable_leaf) {
  if (!account.as_postgres) return "";
  std::vector<std::string> chain;
  fs::path walk;
  for (const auto& part : path) {
    walk /= part;
    chain.push_back(walk.string());
  }
  if (chain.size() > 200) return "";  // exit statuses cannot name the culprit; let initdb complain
  pid_t pid = fork();
  if (pid < 0) throw Error(ErrorCode::Internal, "cannot fork: " + errno_text());
  if (pid == 0) {
    if (setgroups(1, &account.gid) != 0 || setgid(account.gid) != 0 || setuid(account.uid) != 0) _exit(255);
    for (std::size_t i = 0; i < chain.size(); ++i) {
      int mode = writable_leaf && i + 1 == chain.size() ? R_OK | W_OK | X_OK : X_OK;
      if (access(chain[i].c_str(), mode) != 0) _exit(errno == ENOENT ? 0 : static_cast<int>(i) + 1);
    }
    _exit(0);
  }
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) == 0 || WEXITSTATUS(wstatus) == 255) return "";
  return chain[WEXITSTATUS(wstatus) - 1];
}

void check_postgres_can_reach(const Account& account, const fs::path& root) {
  const std::string blocked = first_blocked_for_postgres(account, root, true);
  if (blocked.empty()) return;
  throw Error(ErrorCode::Io,
              "the postgres user (which runs the embedded database when berkas runs as root) "
              "cannot enter " +
                  blocked + "; make it searchable (chmod o+x " + blocked + ") or choose another BERKAS_HOME");
}

// postgresql.conf string literal: '' for a quote; the path has no backslash
// (check_paths rejects it).
std::string conf_quote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

void write_file_atomically(const fs::path& path, const std::string& content, const Account& account) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) throw Error(ErrorCode::Io, "cannot write " + tmp.string());
  }
  give_to(account, tmp);
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw Error(ErrorCode::Io, "cannot replace " + path.string() + ": " + ec.message());
}

bool is_cluster(const fs::path& data) {
  std::error_code ec;
  return fs::exists(data / "PG_VERSION", ec);
}

// After a crash the old postmaster.pid and socket lock name a dead (or zombie,
// or reused) pid; PostgreSQL refuses to start while kill(pid, 0) succeeds.
// Called only when no process of the cluster is left, so nothing is attached
// to the old shared memory segment either and it can go too (only if key and
// owner still match: after a reboot the id may belong to someone else).
void remove_stale_lock_files(const fs::path& data, const fs::path& run, uid_t owner) {
  const fs::path pid_file = data / "postmaster.pid";
  std::istringstream shm_fields(read_first_line(pid_file, 7));
  long key = 0;
  long shmid = -1;
  if (shm_fields >> key >> shmid && shmid >= 0) {
    shmid_ds info{};
    if (shmctl(static_cast<int>(shmid), IPC_STAT, &info) == 0 && info.shm_nattch == 0 &&
        static_cast<long>(info.shm_perm.__key) == key && info.shm_perm.uid == owner) {
      shmctl(static_cast<int>(shmid), IPC_RMID, nullptr);
    }
  }
  std::error_code ec;
  fs::remove(pid_file, ec);
  fs::remove(run / (std::string(kSocketName) + ".lock"), ec);
}

}  // namespace

EmbeddedPostgres::EmbeddedPostgres(const fs::path& state) {
  const fs::path home = fs::absolute(state).lexically_normal();
  root_ = home / "pg";
  // Root's own checkouts often live where the postgres user may not enter
  // (/root is 0700). Rather than loosen the user's permissions, the cluster
  // of such a state directory lives under /var/lib/berkas, named after it,
  // and <state>/pg-location says where.
  if (geteuid() == 0 && getpwnam("postgres") != nullptr &&
      !first_blocked_for_postgres(server_account(), home, false).empty()) {
    const std::string key = home.string();
    root_ = fs::path("/var/lib/berkas") /
            ("pg-" + sha256_hex({reinterpret_cast<const uint8_t*>(key.data()), key.size()}).substr(0, 16));
    relocated_from_ = home;
  }
  data_ = root_ / "data";
  run_ = root_ / "run";
  log_ = root_ / "server.log";
  lock_ = root_ / "lock";
}

std::string EmbeddedPostgres::url() const { return url_for_database(run_, "berkas"); }

namespace {

// pg_ctl hands the data directory and log path to /bin/sh inside double
// quotes, and the socket path has a hard length limit.
void check_paths(const fs::path& root, const fs::path& run) {
  const std::string text = root.string();
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f || c == '"' || c == '$' || c == '`' || c == '\\') {
      throw Error(ErrorCode::InvalidArgument, "the state directory " + text +
                                                  " contains characters PostgreSQL's tools cannot handle "
                                                  "(quotes, $, `, \\ or control characters); set BERKAS_HOME "
                                                  "to a plainer path");
    }
  }
  const std::string socket = (run / kSocketName).string();
  if (socket.size() > kMaxSocketPath) {
    throw Error(ErrorCode::LimitExceeded, "the database socket path " + socket + " is " +
                                              std::to_string(socket.size()) + " bytes, over the " +
                                              std::to_string(kMaxSocketPath) +
                                              "-byte limit of Unix sockets; set BERKAS_HOME to a shorter "
                                              "directory");
  }
}

void wait_until_accepting(const std::string& url, const fs::path& log) {
  const std::string ping_url = url + "&connect_timeout=5";
  const auto deadline = Clock::now() + kReadyTimeout;
  while (true) {
    PGPing ping = PQping(ping_url.c_str());
    if (ping == PQPING_OK) return;
    if (ping == PQPING_NO_ATTEMPT) {
      throw Error(ErrorCode::Internal, "libpq rejected the embedded database URL " + url);
    }
    if (Clock::now() > deadline) {
      throw Error(ErrorCode::Database,
                  "the embedded PostgreSQL server is running but did not accept "
                  "connections within 60 s; last lines of " +
                      log.string() + ":" + log_tail(log, 0));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

void ensure_berkas_database(const std::string& admin_url) {
  try {
    pqxx::connection conn(admin_url);
    pqxx::nontransaction tx(conn);
    if (tx.exec("SELECT 1 FROM pg_database WHERE datname = 'berkas'").empty()) {
      tx.exec("CREATE DATABASE berkas");
    }
  } catch (const std::exception& e) {
    throw Error(ErrorCode::Database, "cannot create the berkas database (" + admin_url + "): " + e.what());
  }
}

long live_postmaster(const fs::path& data) {
  long pid = parse_pid(read_first_line(data / "postmaster.pid"));
  if (pid == 0) return 0;
  return belongs_to_cluster(pid, canonical_or_self(data)) ? pid : 0;
}

}  // namespace

PostgresStatus EmbeddedPostgres::status() const {
  PostgresStatus status;
  status.initialised = is_cluster(data_);
  status.pid = status.initialised ? live_postmaster(data_) : 0;
  status.running = status.pid != 0;
  status.url = url();
  return status;
}

void EmbeddedPostgres::start() {
  check_paths(root_, run_);
  const Account account = server_account();
  const fs::path initdb = pg_program("initdb");
  const fs::path pg_ctl = pg_program("pg_ctl");

  try {
    fs::create_directories(root_);
    fs::create_directories(run_);
  } catch (const fs::filesystem_error& e) {
    throw Error(ErrorCode::Io, "cannot create the database directory " + root_.string() + ": " + e.code().message());
  }
  // Private: the cluster holds every scanned document.
  chmod(root_.c_str(), 0700);
  chmod(run_.c_str(), 0700);
  give_to(account, root_);
  give_to(account, run_);
  {
    int fd = open(log_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) throw Error(ErrorCode::Io, "cannot create " + log_.string() + ": " + errno_text());
    close(fd);
    give_to(account, log_);  // the server itself appends to it as postgres
  }
  check_postgres_can_reach(account, root_);
  if (!relocated_from_.empty()) {
    std::error_code ec;
    fs::create_directories(relocated_from_, ec);
    std::ofstream(relocated_from_ / "pg-location")
        << root_.string() << "\n# The postgres user cannot enter this folder, so berkas keeps its database there.\n";
  }

  FileLock lock(lock_);
  const Runner runner(log_, account);

  if (!is_cluster(data_)) {
    std::error_code ec;
    if (fs::exists(data_, ec) && !fs::is_empty(data_, ec)) {
      throw Error(ErrorCode::Database, data_.string() +
                                           " exists but holds no PostgreSQL cluster (no PG_VERSION); move it "
                                           "away and run 'berkas db start' again");
    }
    // initdb into a side directory and rename, so a half-made cluster is never
    // mistaken for a real one after an interruption.
    const fs::path staging = root_ / "data.initdb";
    fs::remove_all(staging, ec);
    if (ec) throw Error(ErrorCode::Io, "cannot remove the unfinished " + staging.string() + ": " + ec.message());
    auto result = runner.run({initdb.string(), "-D", staging.string(), "--username=berkas", "--auth-local=trust",
                              "--auth-host=reject", "--encoding=UTF8", "--locale=C"});
    if (result.status != 0) throw Error(ErrorCode::Database, runner.failure("initdb", result));
    std::ofstream conf(staging / "postgresql.conf", std::ios::app);
    conf << "\n# berkas: settings that depend on where the state directory is live in berkas.conf,\n"
            "# rewritten at every 'berkas db start'.\ninclude_if_exists = 'berkas.conf'\n";
    if (!conf.flush()) throw Error(ErrorCode::Io, "cannot append to " + staging.string() + "/postgresql.conf");
    conf.close();
    fs::rename(staging, data_, ec);
    if (ec) throw Error(ErrorCode::Io, "cannot move the new cluster to " + data_.string() + ": " + ec.message());
  }

  // unix_socket_directories takes a list: double-quote the single element.
  std::string settings = "# Written by berkas at every start; edits are lost.\n";
  settings += "listen_addresses = ''\n";
  settings += "port = " + std::to_string(kPort) + "\n";
  settings += "unix_socket_directories = " + conf_quote("\"" + run_.string() + "\"") + "\n";
  settings += "unix_socket_permissions = 0700\n";
  const fs::path settings_file = data_ / "berkas.conf";
  std::ifstream current_in(settings_file, std::ios::binary);
  const std::string current((std::istreambuf_iterator<char>(current_in)), std::istreambuf_iterator<char>());
  if (current != settings) write_file_atomically(settings_file, settings, account);

  if (live_postmaster(data_) == 0) {
    const fs::path data = canonical_or_self(data_);
    const auto deadline = Clock::now() + kRestartPatience;
    std::string last_problem;
    while (true) {
      // Backends of a killed postmaster linger until they notice; starting a
      // new server beside them would corrupt the cluster, so wait them out.
      std::vector<long> leftovers = cluster_processes(data);
      if (leftovers.empty()) {
        remove_stale_lock_files(data_, run_, account.as_postgres ? account.uid : geteuid());
        auto result =
            runner.run({pg_ctl.string(), "start", "-w", "-t", "60", "-s", "-D", data_.string(), "-l", log_.string()});
        if (result.status == 0 && live_postmaster(data_) != 0) break;
        last_problem = runner.failure("pg_ctl start", result);
      } else {
        std::string pids;
        for (long pid : leftovers) pids += (pids.empty() ? "" : " ") + std::to_string(pid);
        last_problem = "processes of a previous server are still running (pids " + pids + "); stop them and try again";
      }
      if (Clock::now() > deadline) {
        throw Error(ErrorCode::Database,
                    "cannot start the embedded PostgreSQL server in " + data_.string() + ": " + last_problem);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }

  wait_until_accepting(url_for_database(run_, "postgres"), log_);
  ensure_berkas_database(url_for_database(run_, "postgres"));
}

void EmbeddedPostgres::stop() {
  check_paths(root_, run_);
  if (!is_cluster(data_)) return;
  const Account account = server_account();
  FileLock lock(lock_);
  // pg_ctl's own check trusts kill(pid, 0), which a zombie passes: it would
  // then wait a minute for a dead server.
  if (live_postmaster(data_) == 0) return;
  const Runner runner(log_, account);
  auto result =
      runner.run({pg_program("pg_ctl").string(), "stop", "-w", "-t", "60", "-s", "-m", "fast", "-D", data_.string()});
  if (result.status != 0 && live_postmaster(data_) != 0) {
    throw Error(ErrorCode::Database, runner.failure("pg_ctl stop", result));
  }
}

}  // namespace berkas
