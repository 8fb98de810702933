// The HTTP service and the job queue as stations, verifiers, approvers and
// operators meet them: `berkas serve` and `berkas work` run as real
// processes on a private database; requests go over loopback.
#include <archive.h>
#include <archive_entry.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <pqxx/pqxx>
#include <set>

#include "core/sha256.hpp"
#include "test_support.hpp"

namespace berkas {
namespace {

using nlohmann::json;

// A berkas process with its stdout on a pipe and stderr in a log file.
class Child {
 public:
  Child(const std::vector<std::string>& args, const fs::path& log) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      const int err = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(err, 2);
      close(out[0]);
      std::vector<char*> argv{const_cast<char*>(BERKAS_BINARY)};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(BERKAS_BINARY, argv.data());
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];
  }
  ~Child() {
    stop(SIGTERM);
    close(out_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The next line on stdout, or "" after `seconds`.
  std::string read_line(int seconds) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char ch;
      if (read(out_, &ch, 1) != 1) break;
      if (ch == '\n') return line;
      line += ch;
    }
    return line;
  }

  // Signals the process and waits for it (SIGKILL after 20 s).
  int stop(int sig) {
    if (pid_ <= 0) return status_;
    kill(pid_, sig);
    int wstatus = 0;
    for (int i = 0; i < 200; ++i) {
      if (waitpid(pid_, &wstatus, WNOHANG) == pid_) {
        pid_ = 0;
        return status_ = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &wstatus, 0);
    pid_ = 0;
    return status_ = -1;
  }

  // Waits for the process to end on its own.
  int wait(int seconds) {
    int wstatus = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (pid_ > 0 && std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid_, &wstatus, WNOHANG) == pid_) {
        pid_ = 0;
        return status_ = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return pid_ > 0 ? -2 : status_;
  }

  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = 0;
  int out_ = -1;
  int status_ = -1;
};

// Sends raw bytes, optionally half-closes, and returns the HTTP status
// answered (0 when the server answered nothing).
int raw_request(int port, const std::string& bytes, bool half_close, std::string* response = nullptr) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return 0;
  }
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  if (half_close) shutdown(fd, SHUT_WR);
  std::string answer;
  char buffer[4096];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) {
      if (answer.find("\r\n\r\n") != std::string::npos) break;
      continue;
    }
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  if (response) *response = answer;
  if (answer.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(answer.substr(9, 3));
}

const std::map<std::string, std::string> kPasswords = {{"scanner", "scanner-password"},
                                                       {"verifier", "verifier-password"},
                                                       {"approver", "approver-password"},
                                                       {"archivist", "archivist-password"},
                                                       {"admin", "admin-password"}};

class ServiceTest : public TempHomeTest {
 protected:
  void SetUp() override {
    TempHomeTest::SetUp();
    log_ = home_ / "processes.log";
    for (const auto& [role, password] : kPasswords) {
      const std::string official = role == "approver" ? " --official kepala-seksi" : "";
      const std::string command = "printf '%s\\n' '" + password + "' | '" + BERKAS_BINARY + "' user add " + role +
                                  " --role " + role + official + " >/dev/null 2>&1";
      ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
  }

  void TearDown() override {
    server_.reset();
    TempHomeTest::TearDown();
  }

  void start_server(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"serve", "--port", "0", "--timeout", "3"};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = std::make_unique<Child>(args, log_);
    const std::string line = server_->read_line(60);
    const std::string scheme = std::find(extra.begin(), extra.end(), "--tls-cert") != extra.end() ? "https" : "http";
    ASSERT_EQ(line.rfind("berkas serve: listening on " + scheme + "://127.0.0.1:", 0), 0u) << line << "\n" << log();
    port_ = std::stoi(line.substr(line.rfind(':') + 1));
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    return c;
  }

  std::string login(const std::string& role) {
    auto res = client().Post("/api/login", json{{"username", role}, {"password", kPasswords.at(role)}}.dump(),
                             "application/json");
    if (!res || res->status != 200) return "";
    return json::parse(res->body)["token"].get<std::string>();
  }

  httplib::Headers auth(const std::string& token) const {
    return token.empty() ? httplib::Headers{} : httplib::Headers{{"Authorization", "Bearer " + token}};
  }

  std::string log() const {
    std::ifstream in(log_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // Uploads files as a scanner station; returns the batch id (0 on failure).
  long upload(const std::string& token, const std::vector<fs::path>& files, const std::string& label = "") {
    httplib::MultipartFormDataItems items;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      items.push_back({"files", s.str(), f.filename().string(), "application/octet-stream"});
    }
    if (!label.empty()) items.push_back({"label", label, "", ""});
    auto res = client().Post("/api/batches", auth(token), items);
    if (!res || (res->status != 201 && res->status != 200)) {
      ADD_FAILURE() << "upload: " << (res ? res->status : 0) << " " << (res ? res->body : "");
      return 0;
    }
    return json::parse(res->body)["batch_id"].get<long>();
  }

  fs::path pages(int n, int seed) {
    const fs::path out = home_ / ("pages-" + std::to_string(seed));
    const auto r = run_cli("generate --pages " + std::to_string(n) + " --seed " + std::to_string(seed) + " --out '" +
                           out.string() + "'");
    EXPECT_EQ(r.status, 0) << r.output;
    return out / "scans";
  }

  std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }

  bool wait_for(const std::function<bool()>& done, int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return false;
  }

  long long db_count(const std::string& query) {
    pqxx::connection conn(EmbeddedPostgres(home_).url());
    return count(conn, query);
  }

  fs::path log_;
  std::unique_ptr<Child> server_;
  int port_ = 0;
};

// --- authorisation -----------------------------------------------------------

struct Endpoint {
  std::string method, path, body;
  std::set<std::string> roles;  // empty: public
};

// The table of docs/api.md, written out again here so that a change to the
// server's routes that the documentation does not make fails this test.
const std::vector<Endpoint> kEndpoints = {
    {"GET", "/health", "", {}},
    {"GET", "/verify/1", "", {}},
    {"GET", "/metrics", "", {"admin"}},
    {"GET", "/api/me", "", {"scanner", "verifier", "approver", "archivist", "admin"}},
    {"GET", "/api/users", "", {"admin"}},
    {"POST", "/api/users", R"({"username":"u-{n}","role":"verifier","password":"long-enough-password"})", {"admin"}},
    {"POST", "/api/tokens", R"({"username":"scanner","label":"meja 2"})", {"admin"}},
    {"POST", "/api/separators", R"({"case":"C-1"})", {"scanner", "verifier", "admin"}},
    {"POST", "/api/batches", "", {"scanner", "admin"}},
    {"GET", "/api/batches", "", {"scanner", "verifier", "admin"}},
    {"GET", "/api/batches/1", "", {"scanner", "verifier", "admin"}},
    {"POST", "/api/cases", R"({"case_id":"X"})", {"scanner", "verifier", "admin"}},
    {"GET", "/api/cases", "", {"verifier", "approver", "archivist", "admin"}},
    {"GET", "/api/cases/C-1", "", {"verifier", "approver", "archivist", "admin"}},
    {"GET", "/api/cases/C-1/history", "", {"verifier", "approver", "admin"}},
    {"PATCH", "/api/cases/C-1", R"({"care":{}})", {"verifier", "admin"}},
    {"POST", "/api/cases/C-1/return", R"({"note":"KK belum dilampirkan"})", {"verifier"}},
    {"GET", "/api/review-queue", "", {"verifier", "admin"}},
    {"POST", "/api/flags/1/review", R"({"action":"accept_case"})", {"verifier"}},
    {"GET", "/api/inbox", "", {"approver"}},
    {"POST", "/api/cases/C-1/approval", R"({"decision":"approve"})", {"approver"}},
    {"POST", "/api/cases/C-1/letter", "", {"approver", "admin"}},
    {"GET", "/api/letters", "", {"verifier", "approver", "archivist", "admin"}},
    {"GET", "/api/letters/1/pdf", "", {"verifier", "approver", "archivist", "admin"}},
    {"GET", "/api/pages/1/image", "", {"verifier", "approver", "archivist", "admin"}},
    {"GET", "/api/search?q=WULANDARI", "", {"verifier", "approver", "archivist", "admin"}},
    {"GET", "/api/registers/review", "", {"archivist", "admin"}},
    {"GET", "/api/register-cells/1/image", "", {"archivist", "admin"}},
    {"POST", "/api/register-cells/1", R"({"value":"x"})", {"archivist", "admin"}},
    {"POST", "/api/logout", "", {"scanner", "verifier", "approver", "archivist", "admin"}},
};

TEST_F(ServiceTest, EveryEndpointAllowsExactlyTheDocumentedRoles) {
  start_server();
  std::map<std::string, std::string> tokens;
  for (const auto& [role, _] : kPasswords) {
    tokens[role] = login(role);
    ASSERT_FALSE(tokens[role].empty()) << role;
  }
  int n = 0;
  for (const auto& e : kEndpoints) {
    for (const std::string role : {"", "scanner", "verifier", "approver", "archivist", "admin"}) {
      // Logging out ends the session: use a fresh one for it.
      std::string token = role.empty() ? "" : e.path == "/api/logout" ? login(role) : tokens[role];
      std::string body = e.body;
      if (const auto at = body.find("{n}"); at != std::string::npos) body.replace(at, 3, std::to_string(++n));
      auto c = client();
      auto send = [&]() -> httplib::Result {
        if (e.method == "GET") return c.Get(e.path.c_str(), auth(token));
        if (e.method == "PATCH") return c.Patch(e.path.c_str(), auth(token), body, "application/json");
        if (e.path == "/api/batches") {
          httplib::MultipartFormDataItems items{{"files", "not a scan", "note.txt", "text/plain"}};
          return c.Post(e.path.c_str(), auth(token), items);
        }
        return c.Post(e.path.c_str(), auth(token), body, "application/json");
      };
      auto res = send();
      ASSERT_TRUE(res) << e.method << " " << e.path;
      const bool allowed = e.roles.empty() || (!role.empty() && e.roles.count(role) > 0);
      const std::string what = e.method + " " + e.path + " as " + (role.empty() ? "nobody" : role) + " -> " +
                               std::to_string(res->status) + " " + res->body;
      if (allowed) {
        EXPECT_NE(res->status, 401) << what;
        EXPECT_NE(res->status, 403) << what;
        EXPECT_LT(res->status, 500) << what;
      } else {
        EXPECT_EQ(res->status, role.empty() ? 401 : 403) << what;
        EXPECT_NE(res->body.find("\"error\""), std::string::npos) << what;
      }
    }
  }
  // A token that was signed out, or made up, opens nothing.
  const std::string gone = login("verifier");
  ASSERT_TRUE(client().Post("/api/logout", auth(gone), "", "application/json"));
  EXPECT_EQ(client().Get("/api/cases", auth(gone))->status, 401);
  EXPECT_EQ(client().Get("/api/cases", auth(std::string(64, 'a')))->status, 401);
  EXPECT_EQ(
      client().Post("/api/login", R"({"username":"admin","password":"wrong password"})", "application/json")->status,
      401);
}

// The web pages: each opens only for its roles (the browser test checks the
// same from Chromium); signed out, a page leads to the sign-in page and back.
TEST_F(ServiceTest, WebPagesOpenOnlyForTheirRolesAndLoadOnlyTheirOwnFiles) {
  start_server();
  auto page = [&](const std::string& path, const std::string& role) {
    httplib::Headers headers;
    if (!role.empty()) headers.insert({"Cookie", "berkas_session=" + login(role)});
    return client().Get(path.c_str(), headers);
  };
  auto res = page("/", "");
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/masuk");
  res = page("/berkas/C-0001", "");
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/masuk?lanjut=/berkas/C-0001");
  const std::map<std::string, std::string> home = {{"scanner", "/kiriman"},
                                                   {"verifier", "/antrian"},
                                                   {"approver", "/persetujuan"},
                                                   {"archivist", "/arsip"},
                                                   {"admin", "/kiriman"}};
  for (const auto& [role, start] : home) EXPECT_EQ(page("/", role)->get_header_value("Location"), start) << role;

  const std::map<std::string, std::set<std::string>> pages = {
      {"/antrian", {"verifier", "admin"}},
      {"/persetujuan", {"approver"}},
      {"/berkas/C-0001", {"verifier", "approver", "archivist", "admin"}},
      {"/surat", {"verifier", "approver", "archivist", "admin"}},
      {"/arsip", {"verifier", "approver", "archivist", "admin"}},
      {"/tinjau-register", {"archivist", "admin"}},
      {"/kiriman", {"scanner", "verifier", "admin"}},
      {"/masuk", {"scanner", "verifier", "approver", "archivist", "admin"}},
  };
  for (const auto& [path, roles] : pages) {
    for (const auto& [role, _] : kPasswords) {
      res = page(path, role);
      const std::string what = path + " as " + role;
      if (!roles.count(role)) {
        EXPECT_EQ(res->status, 403) << what;
        EXPECT_NE(res->body.find("Akses ditolak"), std::string::npos) << what;
        continue;
      }
      ASSERT_EQ(res->status, 200) << what;
      EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
      EXPECT_NE(res->body.find("<html lang=\"id\">"), std::string::npos) << what;
      // The browser may load nothing but this server's own files.
      EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
      EXPECT_EQ(res->body.find("http://"), std::string::npos) << what;
      EXPECT_EQ(res->body.find("https://"), std::string::npos) << what;
      // Every file the page names is served, and so is every module it imports.
      std::vector<std::string> files;
      for (size_t at = res->body.find("/aset/"); at != std::string::npos; at = res->body.find("/aset/", at + 1))
        files.push_back(res->body.substr(at, res->body.find('"', at) - at));
      ASSERT_GE(files.size(), 3u) << what;  // icon, stylesheet, script
      for (size_t i = 0; i < files.size(); ++i) {
        auto file = client().Get(files[i].c_str());
        ASSERT_EQ(file->status, 200) << files[i] << " named by " << path;
        std::string text = file->body;
        // An SVG names its XML namespace with a URL; that is no request.
        for (size_t at; (at = text.find("http://www.w3.org/")) != std::string::npos;) text.erase(at, 18);
        EXPECT_EQ(text.find("http://"), std::string::npos) << files[i];
        EXPECT_EQ(text.find("https://"), std::string::npos) << files[i];
        for (size_t at = file->body.find("from './"); at != std::string::npos;
             at = file->body.find("from './", at + 1)) {
          const std::string module = "/aset/" + file->body.substr(at + 8, file->body.find('\'', at + 8) - at - 8);
          if (std::find(files.begin(), files.end(), module) == files.end()) files.push_back(module);
        }
      }
    }
  }
  EXPECT_EQ(client().Get("/aset/antrian.html")->status, 404) << "pages only behind their role check";
  EXPECT_EQ(client().Get("/aset/nothing.js")->status, 404);
  EXPECT_EQ(client().Get("/aset/..%2Fberkas")->status, 404);
}

// --- hostile requests ----------------------------------------------------------

std::string multipart(const std::string& boundary, const std::string& filename, const std::string& content) {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + filename +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
}

std::string post_head(const std::string& token, const std::string& content_type, uint64_t length) {
  return "POST /api/batches HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
         "\r\nContent-Type: " + content_type + "\r\nContent-Length: " + std::to_string(length) +
         "\r\nConnection: close\r\n\r\n";
}

// A ZIP of one entry of `bytes` zeros: a few hundred KB that inflate to much more.
std::string zip_bomb(uint64_t bytes) {
  std::string out;
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_open(
      a, &out, nullptr,
      [](archive*, void* self, const void* data, size_t n) -> la_ssize_t {
        static_cast<std::string*>(self)->append(static_cast<const char*>(data), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, "scan.tif");
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_perm(e, 0644);
  archive_entry_set_size(e, static_cast<la_int64_t>(bytes));
  archive_write_header(a, e);
  const std::string zeros(1 << 20, '\0');
  for (uint64_t done = 0; done < bytes; done += zeros.size()) archive_write_data(a, zeros.data(), zeros.size());
  archive_entry_free(e);
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

TEST_F(ServiceTest, HostileUploadsGetAClearRefusalAndTheServerGoesOn) {
  start_server();
  const std::string token = login("scanner");
  auto healthy = [&] {
    auto r = client().Get("/health");
    return r && r->status == 200;
  };
  auto spool_empty = [&] {
    const fs::path spool = home_ / "spool";
    if (!fs::exists(spool)) return true;
    for (const auto& e : fs::recursive_directory_iterator(spool))
      if (e.is_regular_file()) return false;
    return true;
  };
  const auto passwd_time = fs::last_write_time("/etc/passwd");
  std::string answer;

  // Malformed multipart: the boundary in the body is not the announced one.
  const std::string bad = multipart("other-boundary", "a.jpg", "xyz");
  EXPECT_EQ(
      raw_request(port_, post_head(token, "multipart/form-data; boundary=announced", bad.size()) + bad, false, &answer),
      400)
      << answer;
  EXPECT_TRUE(healthy());

  // A truncated upload: the station promised more bytes than it sent, then
  // went quiet (answered once the read times out) or hung up (nothing to answer).
  const std::string body = multipart("b0undary", "ktp.jpg", std::string(50000, 'x'));
  const std::string head = post_head(token, "multipart/form-data; boundary=b0undary", body.size());
  EXPECT_EQ(raw_request(port_, head + body.substr(0, body.size() / 2), false, &answer), 400) << answer;
  EXPECT_NE(answer.find("incomplete"), std::string::npos) << answer;
  raw_request(port_, head + body.substr(0, body.size() / 2), true);
  EXPECT_TRUE(healthy());

  // A 2 GB upload is refused from its announced length, before it is read.
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(
      raw_request(port_, post_head(token, "multipart/form-data; boundary=b", 2ull << 30) + "--b\r\n", false, &answer),
      413)
      << answer;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_TRUE(healthy());

  // Path traversal in a file name.
  const std::string traversal = multipart("b1", "../../etc/passwd", "root:x:0:0::/root:/bin/sh\n");
  EXPECT_EQ(raw_request(port_, post_head(token, "multipart/form-data; boundary=b1", traversal.size()) + traversal,
                        false, &answer),
            400)
      << answer;
  EXPECT_NE(answer.find(".."), std::string::npos) << answer;
  EXPECT_EQ(fs::last_write_time("/etc/passwd"), passwd_time);
  EXPECT_TRUE(healthy());

  // A ZIP bomb: 3 GiB of zeros in a few MB.
  const std::string bomb = zip_bomb(3ull << 30);
  ASSERT_LT(bomb.size(), 8u << 20);
  auto res = client().Post("/api/batches", auth(token), bomb, "application/zip");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413) << res->body;
  EXPECT_NE(res->body.find("upload.zip"), std::string::npos) << res->body;
  EXPECT_TRUE(healthy());

  // Nothing of the refused uploads was stored or left on disk.
  EXPECT_EQ(db_count("SELECT count(*) FROM batches"), 0);
  EXPECT_EQ(db_count("SELECT count(*) FROM file_contents"), 0);
  EXPECT_TRUE(spool_empty());

  // SQL-like text in every field is stored as text, and changes nothing else.
  const std::string sql = "'; DROP TABLE cases; --";
  httplib::MultipartFormDataItems items{{"files", "GIF89a not really", "x'); DELETE FROM batches; --.jpg", ""},
                                        {"label", sql, "", ""}};
  res = client().Post("/api/batches", auth(token), items);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(db_count("SELECT count(*) FROM batches WHERE label = '''; DROP TABLE cases; --'"), 1);
  EXPECT_EQ(db_count("SELECT count(*) FROM source_files WHERE file_name = 'x''); DELETE FROM batches; --.jpg'"), 1);
  res = client().Post("/api/login", json{{"username", "admin' OR '1'='1"}, {"password", "' OR '1'='1"}}.dump(),
                      "application/json");
  EXPECT_EQ(res->status, 401);
  const std::string admin = login("admin");
  res = client().Get("/api/cases/x'%20OR%201=1%20--", auth(admin));
  EXPECT_EQ(res->status, 404) << res->body;
  res = client().Post("/api/cases", auth(admin), json{{"case_id", sql}, {"program", sql}, {"stage", sql}}.dump(),
                      "application/json");
  EXPECT_EQ(res->status, 400) << res->body;
  res = client().Post("/api/users", auth(admin),
                      json{{"username", sql}, {"role", "admin"}, {"password", "long-enough-password"}}.dump(),
                      "application/json");
  EXPECT_EQ(res->status, 400) << res->body;
  res = client().Get("/api/review-queue?program=%27%3B%20DROP%20TABLE%20flags%3B%20--&hospital=%25%27%20OR%201%3D1",
                     auth(login("verifier")));
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["queue"].size(), 0u);
  EXPECT_EQ(db_count("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('cases', 'flags', "
                     "'batches')"),
            3);
  EXPECT_TRUE(healthy());
  EXPECT_TRUE(spool_empty());
}

TEST_F(ServiceTest, WithACertificateItServesHttpsOnly) {
  const fs::path cert = home_ / "cert.pem", key = home_ / "key.pem";
  ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 -keyout '" +
                         key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1")
                            .c_str()),
            0);
  start_server({"--tls-cert", cert.string(), "--tls-key", key.string()});
  httplib::SSLClient tls("127.0.0.1", port_);
  tls.enable_server_certificate_verification(false);
  auto res = tls.Post("/api/login", json{{"username", "verifier"}, {"password", kPasswords.at("verifier")}}.dump(),
                      "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  EXPECT_FALSE(client().Get("/health")) << "plain HTTP must not be answered";
}

// --- the queue -------------------------------------------------------------------

TEST_F(ServiceTest, AWorkerKilledMidPageLosesNothingAndStoresNothingTwice) {
  start_server();
  const auto files = files_in(pages(8, 71));
  const long batch = upload(login("scanner"), files, "kill test");
  ASSERT_GT(batch, 0);
  // The same upload again is recognised, not stored twice.
  EXPECT_EQ(upload(login("scanner"), files, "kill test"), batch);
  EXPECT_EQ(db_count("SELECT count(*) FROM source_files"), 8);

  Child a({"work", "--threads", "1", "--lease", "4", "--name", "worker-a"}, log_);
  // Kill it while it holds a page, after it has finished at least one.
  ASSERT_TRUE(wait_for(
      [&] {
        return db_count("SELECT count(*) FROM jobs WHERE kind = 'read_page' AND state = 'done'") >= 1 &&
               db_count(
                   "SELECT count(*) FROM jobs WHERE kind = 'read_page' AND state = 'running' AND worker = "
                   "'worker-a'") == 1;
      },
      300))
      << log();
  EXPECT_EQ(a.stop(SIGKILL), 128 + SIGKILL);
  const long long held = db_count("SELECT id FROM jobs WHERE state = 'running' AND worker = 'worker-a' LIMIT 1");

  Child b({"work", "--threads", "2", "--lease", "4", "--name", "worker-b", "--until-idle"}, log_);
  ASSERT_EQ(b.wait(600), 0) << log();

  EXPECT_EQ(db_count("SELECT count(*) FROM pages"), 8);
  EXPECT_EQ(db_count("SELECT count(*) FROM (SELECT 1 FROM pages GROUP BY source_file_id, page_no HAVING count(*) "
                     "> 1) d"),
            0);
  EXPECT_EQ(db_count("SELECT count(*) FROM jobs WHERE state <> 'done'"), 0);
  EXPECT_EQ(db_count("SELECT count(*) FROM jobs WHERE kind = 'read_page'"), 8);
  // The page worker-a held was finished by worker-b, on a second attempt.
  EXPECT_EQ(db_count("SELECT count(*) FROM jobs WHERE id = " + std::to_string(held) +
                     " AND worker = 'worker-b' AND attempts = 2"),
            1);
  EXPECT_EQ(db_count("SELECT count(*) FROM source_files WHERE read_status = 'read'"), 8);
  EXPECT_EQ(db_count("SELECT count(*) FROM batches WHERE completed_at IS NOT NULL"), 1);
  auto res = client().Get(("/api/batches/" + std::to_string(batch)).c_str(), auth(login("verifier")));
  ASSERT_TRUE(res);
  const json status = json::parse(res->body);
  EXPECT_EQ(status["state"], "complete");
  EXPECT_EQ(status["pages"]["read"], 8);
  EXPECT_EQ(status["jobs"]["dead"], 0);
}

TEST_F(ServiceTest, ServerAndWorkersCarryOnWhenTheDatabaseRestarts) {
  start_server();
  const std::string token = login("scanner");
  const long first = upload(token, files_in(pages(6, 72)), "before the restart");
  ASSERT_GT(first, 0);
  Child worker({"work", "--threads", "2", "--lease", "5", "--name", "worker-r"}, log_);
  ASSERT_TRUE(wait_for([&] { return db_count("SELECT count(*) FROM pages") >= 1; }, 300)) << log();

  ASSERT_EQ(run_cli("db stop").status, 0);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  ASSERT_EQ(run_cli("db start").status, 0);

  // The server answers again, with fresh connections; the session survived.
  ASSERT_TRUE(wait_for(
      [&] {
        auto r = client().Get("/health");
        return r && r->status == 200;
      },
      60));
  const long second = upload(token, files_in(pages(4, 73)), "after the restart");
  ASSERT_GT(second, 0);
  ASSERT_TRUE(
      wait_for([&] { return db_count("SELECT count(*) FROM batches WHERE completed_at IS NOT NULL") == 2; }, 600))
      << log();
  EXPECT_EQ(db_count("SELECT count(*) FROM pages"), 10);
  EXPECT_EQ(db_count("SELECT count(*) FROM jobs WHERE state <> 'done'"), 0);
  EXPECT_NE(log().find("database unavailable"), std::string::npos) << "the restart was not noticed";
}

// A station scans two berkas as one stack, each behind its separator sheet.
TEST_F(ServiceTest, AStackIsSplitIntoCasesAtItsSeparatorSheets) {
  const fs::path demo = fs::path(BERKAS_DEMO_SET);
  const fs::path sheets = home_ / "sheets.pdf";
  ASSERT_EQ(run_cli("separator --case C-0001 --case C-0003 -o '" + sheets.string() + "'").status, 0);
  ASSERT_EQ(std::system(
                ("pdftoppm -r 150 -gray -png '" + sheets.string() + "' '" + (home_ / "sheet").string() + "'").c_str()),
            0);
  std::vector<cv::Mat> stack;
  stack.push_back(cv::imread((home_ / "sheet-1.png").string(), cv::IMREAD_GRAYSCALE));
  stack.push_back(cv::imread((demo / "scans/C-0001/C-0001-01.jpg").string(), cv::IMREAD_GRAYSCALE));
  stack.push_back(cv::imread((home_ / "sheet-2.png").string(), cv::IMREAD_GRAYSCALE));
  stack.push_back(cv::imread((demo / "scans/C-0003/C-0003-01.jpg").string(), cv::IMREAD_GRAYSCALE));
  for (const auto& page : stack) ASSERT_FALSE(page.empty());
  const fs::path tiff = home_ / "stack.tif";
  ASSERT_TRUE(cv::imwritemulti(tiff.string(), stack));

  start_server();
  std::string cases;
  for (const std::string ref : {"C-0001", "C-0003"}) {
    std::ifstream in(demo / "cases" / (ref + ".json"));
    cases += json::parse(in).dump() + "\n";
  }
  std::ifstream in(tiff, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  httplib::MultipartFormDataItems items{{"files", bytes.str(), "stack.tif", "image/tiff"}, {"cases", cases, "", ""}};
  auto res = client().Post("/api/batches", auth(login("scanner")), items);
  ASSERT_EQ(res->status, 201) << res->body;
  Child worker({"work", "--until-idle"}, log_);
  ASSERT_EQ(worker.wait(600), 0) << log();

  pqxx::connection conn(EmbeddedPostgres(home_).url());
  pqxx::work txn(conn);
  std::map<int, std::string> case_of_page;
  for (const auto& r : txn.exec(
           "SELECT p.page_no, coalesce(c.case_ref, '-'), coalesce(d.assigned_by, '-') FROM documents d "
           "JOIN pages p ON p.id = d.page_id LEFT JOIN cases c ON c.id = d.case_id WHERE d.doc_type <> 'separator' "
           "ORDER BY p.page_no")) {
    case_of_page[r[0].as<int>()] = r[1].as<std::string>();
    EXPECT_EQ(r[2].as<std::string>(), "separator") << "page " << r[0].as<int>();
  }
  EXPECT_EQ(case_of_page[2], "C-0001");
  EXPECT_EQ(case_of_page[4], "C-0003");
  EXPECT_EQ(txn.exec("SELECT count(*) FROM documents WHERE doc_type = 'separator'")[0][0].as<int>(), 2);
}

// --- the flow ---------------------------------------------------------------------

TEST_F(ServiceTest, AVerifierClearsAFlagAndEachApproverApprovesInTurn) {
  start_server();
  // A case whose applicant's NIK the station's KTP does not show.
  const fs::path demo = fs::path(BERKAS_DEMO_SET);
  std::ifstream in(demo / "cases" / "C-0001.json");
  json c = json::parse(in);
  const std::string admin = login("admin");
  auto res = client().Post("/api/cases", auth(admin), c.dump(), "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(client().Post("/api/cases", auth(admin), c.dump(), "application/json")->status, 409);

  // The officer mistyped the name: a verifier sees it in the queue.
  const std::string verifier = login("verifier");
  json patch{{"applicant", {{"name", "NAMA YANG SALAH SEKALI"}}}};
  res = client().Patch(("/api/cases/" + c["case_id"].get<std::string>()).c_str(), auth(verifier), patch.dump(),
                       "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  std::vector<fs::path> scans;
  for (const auto& e : fs::directory_iterator(demo / "scans" / c["case_id"].get<std::string>()))
    scans.push_back(e.path());
  httplib::MultipartFormDataItems items{{"case", c["case_id"].get<std::string>(), "", ""}};
  for (const auto& f : scans) {
    std::ifstream s(f, std::ios::binary);
    std::stringstream b;
    b << s.rdbuf();
    items.push_back({"files", b.str(), f.filename().string(), ""});
  }
  res = client().Post("/api/batches", auth(login("scanner")), items);
  ASSERT_EQ(res->status, 201) << res->body;
  Child worker({"work", "--until-idle"}, log_);
  ASSERT_EQ(worker.wait(600), 0) << log();

  res = client().Get("/api/review-queue", auth(verifier));
  json queue = json::parse(res->body)["queue"];
  ASSERT_EQ(queue.size(), 1u) << res->body;
  const std::string ref = queue[0]["case_id"];
  // The SOP's standard time (Jampersal: 2 working days, seed 001) and whether the case is past it.
  EXPECT_EQ(queue[0]["standard_working_days"], 2);
  EXPECT_EQ(queue[0]["overdue"].get<bool>(), queue[0]["working_days_waiting"].get<int>() > 2);
  res = client().Get(("/api/cases/" + ref).c_str(), auth(verifier));
  json full = json::parse(res->body);
  long name_flag = 0;
  for (const auto& f : full["flags"])
    if (f["code"] == "NAME_MISMATCH" && f["status"] == "open") name_flag = f["id"];
  ASSERT_NE(name_flag, 0) << full["flags"].dump();

  // The case page shows each page of the scans, in the space of the boxes.
  const std::string archivist = login("archivist");
  ASSERT_FALSE(full["documents"].empty());
  const json& doc = full["documents"][0];
  res = client().Get(("/api/pages/" + std::to_string(doc["page_id"].get<long>()) + "/image").c_str(), auth(archivist));
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "image/jpeg");
  const cv::Mat shown = cv::imdecode(std::vector<uchar>(res->body.begin(), res->body.end()), cv::IMREAD_COLOR);
  ASSERT_FALSE(shown.empty());
  const double stored_ratio = doc["page_size"][0].get<double>() / doc["page_size"][1].get<double>();
  EXPECT_NEAR(double(shown.cols) / shown.rows, stored_ratio, 0.01);
  EXPECT_LE(std::max(shown.cols, shown.rows), 2400);
  EXPECT_EQ(client().Get("/api/pages/999999/image", auth(archivist))->status, 404);

  // The document is right: the case takes the name read; the flag closes.
  res = client().Post(("/api/flags/" + std::to_string(name_flag) + "/review").c_str(), auth(verifier),
                      json{{"action", "accept_read"}}.dump(), "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  for (const auto& f : json::parse(res->body)["flags"]) {
    EXPECT_NE(f["code"], "NAME_MISMATCH");
    if (f["severity"] == "error") {
      ASSERT_EQ(client()
                    .Post(("/api/flags/" + std::to_string(f["id"].get<long>()) + "/review").c_str(), auth(verifier),
                          json{{"action", "accept_case"}}.dump(), "application/json")
                    ->status,
                200);
    }
  }
  res = client().Get(("/api/cases/" + ref).c_str(), auth(verifier));
  EXPECT_EQ(json::parse(res->body)["status"], "clean") << res->body;
  res = client().Get(("/api/cases/" + ref + "/history").c_str(), auth(verifier));
  EXPECT_NE(res->body.find("\"web:verifier\""), std::string::npos);
  EXPECT_NE(res->body.find("flag.review"), std::string::npos);

  // The case waits in the first approver's inbox; an approver of another level cannot take it.
  const std::string kasi = login("approver");
  res = client().Get("/api/inbox", auth(kasi));
  ASSERT_EQ(json::parse(res->body)["count"], 1) << res->body;
  res = client().Post(("/api/cases/" + ref + "/approval").c_str(), auth(kasi), json{{"decision", "approve"}}.dump(),
                      "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["step"], 1);
  res = client().Post(("/api/cases/" + ref + "/approval").c_str(), auth(kasi), json{{"decision", "approve"}}.dump(),
                      "application/json");
  EXPECT_EQ(res->status, 400) << "the second step belongs to the Kepala Bidang: " << res->body;
  EXPECT_EQ(json::parse(client().Get("/api/inbox", auth(kasi))->body)["count"], 0);

  // Standing in (Plt.) for the other steps, listed with stand_in=1, the chain completes.
  res = client().Get("/api/inbox?stand_in=1", auth(kasi));
  json standing = json::parse(res->body)["items"];
  ASSERT_EQ(standing.size(), 1u) << res->body;
  EXPECT_TRUE(standing[0]["stand_in"].get<bool>());
  EXPECT_EQ(standing[0]["approvals"].size(), 1u);
  json result;
  do {
    res = client().Post(("/api/cases/" + ref + "/approval").c_str(), auth(kasi),
                        json{{"decision", "approve"}, {"delegation", "Plt."}}.dump(), "application/json");
    ASSERT_EQ(res->status, 200) << res->body;
    result = json::parse(res->body);
  } while (!result["complete"].get<bool>());

  // The letter is issued, and what is downloaded is the signed PDF the store holds.
  ASSERT_EQ(std::system(
                ("'" BERKAS_SOURCE_DIR "/scripts/demo-ca.sh' '" + (home_ / "certs").string() + "' >/dev/null").c_str()),
            0);
  res = client().Post(("/api/cases/" + ref + "/letter").c_str(), auth(kasi), "", "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  const long letter = json::parse(res->body)["id"];
  res = client().Get(("/api/letters/" + std::to_string(letter) + "/pdf").c_str(), auth(verifier));
  ASSERT_EQ(res->status, 200);
  ASSERT_EQ(res->body.rfind("%PDF-", 0), 0u) << res->body.substr(0, 40);
  auto check = client().Get(("/verify/" + std::to_string(letter)).c_str(), {{"Accept", "application/json"}});
  EXPECT_EQ(json::parse(check->body)["pdf_sha256"],
            sha256_hex(std::span(reinterpret_cast<const uint8_t*>(res->body.data()), res->body.size())));

  // The archive finds the case, the KTP read and the letter by the NIK; the case by its date.
  const std::string nik = full["case"]["applicant"]["nik"];
  res = client().Get(("/api/search?q=" + nik).c_str(), auth(archivist));
  ASSERT_EQ(res->status, 200) << res->body;
  json found = json::parse(res->body);
  EXPECT_EQ(found["kind"], "number");
  ASSERT_EQ(found["cases"].size(), 1u) << res->body;
  EXPECT_EQ(found["cases"][0]["case_id"], ref);
  EXPECT_FALSE(found["documents"].empty()) << res->body;
  ASSERT_EQ(found["letters"].size(), 1u) << res->body;
  EXPECT_EQ(found["letters"][0]["id"], letter);
  const std::string received = full["case"]["received_date"];  // YYYY-MM-DD
  const std::string typed = received.substr(8, 2) + "-" + received.substr(5, 2) + "-" + received.substr(0, 4);
  found = json::parse(client().Get(("/api/search?q=" + typed).c_str(), auth(archivist))->body);
  EXPECT_EQ(found["kind"], "date");
  EXPECT_EQ(found["cases"].size(), 1u);
  EXPECT_EQ(client().Get("/api/search?q=ab", auth(archivist))->status, 400);
  found = json::parse(client().Get("/api/search?q=100%25", auth(archivist))->body);
  EXPECT_TRUE(found["cases"].empty()) << "% is taken literally";
}

// Register cells for review: the archivist sees each doubtful or handwritten
// cell with its piece of the scan, a value that breaks its column's type is
// refused with the reason, a right one is stored and leaves the queue, and
// the change is in the audit log with the value before and after.
TEST_F(ServiceTest, AnArchivistCorrectsARegisterCellAndTheChangeIsAudited) {
  const fs::path set = home_ / "registers";
  // Seed 6854, 3 pages: printed, partly by hand, typewriter.
  auto r = run_cli("generate --registers 3 --captures clean --formats png --seed 6854 --out '" + set.string() + "'");
  ASSERT_EQ(r.status, 0) << r.output;
  r = run_cli("archive '" + (set / "scans").string() + "'");
  ASSERT_EQ(r.status, 0) << r.output;
  start_server();
  const std::string archivist = login("archivist");
  auto res = client().Get("/api/registers/review", auth(archivist));
  ASSERT_EQ(res->status, 200) << res->body;
  const json cells = json::parse(res->body)["cells"];
  ASSERT_FALSE(cells.empty()) << "handwritten cells wait for a person";
  // A date or NIK cell: its type has rules a wrong value breaks.
  json cell;
  for (const auto& c : cells)
    if (c["type"] == "date" || c["type"] == "nik") {
      cell = c;
      break;
    }
  ASSERT_FALSE(cell.is_null()) << cells.dump();
  const std::string id = std::to_string(cell["id"].get<long>());

  res = client().Get(("/api/register-cells/" + id + "/image").c_str(), auth(archivist));
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "image/jpeg");
  const cv::Mat piece = cv::imdecode(std::vector<uchar>(res->body.begin(), res->body.end()), cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(piece.empty());
  EXPECT_GT(piece.cols, piece.rows) << "a cell of a row, upright";

  // What the paper says, from the ground truth of that page, row and column.
  std::string truth_text;
  std::ifstream truth(set / "truth.jsonl");
  for (std::string line; std::getline(truth, line);) {
    const auto page = json::parse(line);
    if (fs::path(page["source"].get<std::string>()).filename() != cell["source"].get<std::string>()) continue;
    const auto& t = page["tables"]["rows"][cell["row"].get<int>() - 1][cell["column"].get<std::string>()];
    truth_text = t.value("printed", t["value"].get<std::string>());
  }
  ASSERT_FALSE(truth_text.empty());

  res =
      client().Post(("/api/register-cells/" + id).c_str(), auth(archivist), R"({"value":"12345"})", "application/json");
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_NE(res->body.find(cell["column"].get<std::string>()), std::string::npos) << res->body;
  res = client().Post(("/api/register-cells/" + id).c_str(), auth(archivist), json{{"value", truth_text}}.dump(),
                      "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  const json stored = json::parse(res->body);
  EXPECT_FALSE(stored["review"].get<bool>());
  EXPECT_FALSE(stored["value"].get<std::string>().empty());
  const json after = json::parse(client().Get("/api/registers/review", auth(archivist))->body)["cells"];
  EXPECT_EQ(after.size(), cells.size() - 1);
  for (const auto& c : after) EXPECT_NE(c["id"], cell["id"]);
  // A verifier may not change registers.
  EXPECT_EQ(
      client()
          .Post(("/api/register-cells/" + id).c_str(), auth(login("verifier")), R"({"value":""})", "application/json")
          ->status,
      403);

  const auto audit = run_cli("db url");
  ASSERT_EQ(audit.status, 0) << audit.output;
  std::string url = audit.output;
  while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
  pqxx::connection conn(url);
  pqxx::read_transaction txn(conn);
  const auto rows = txn.exec_params(
      "SELECT actor, before->>'review', after->>'value' FROM audit_log WHERE action = 'register_cell.correct' "
      "AND entity_id = $1",
      id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as<std::string>(), "web:archivist");
  EXPECT_EQ(rows[0][1].as<std::string>(), "true");
  EXPECT_EQ(rows[0][2].as<std::string>(), stored["value"].get<std::string>());
}

}  // namespace
}  // namespace berkas
