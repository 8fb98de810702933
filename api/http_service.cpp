#include "api/http_service.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "api/api_context.hpp"
#include "api/web_pages.hpp"
#include "core/error.hpp"
#include "queue/job_queue.hpp"

namespace berkas {

nlohmann::json ApiContext::body() const {
  if (req.body.empty()) return nlohmann::json::object();
  auto value = nlohmann::json::parse(req.body, nullptr, false);
  if (value.is_discarded() || !value.is_object()) throw ApiError{400, "the request body is not a JSON object"};
  return value;
}

long ApiContext::id_param(size_t i) const {
  const std::string s = param(i);
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
    throw ApiError{404, "no such record: " + s};
  return std::stol(s);
}

std::string ApiContext::token() const {
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) return auth.substr(7);
  const std::string cookies = req.get_header_value("Cookie");
  const std::string key = "berkas_session=";
  for (size_t at = cookies.find(key); at != std::string::npos; at = cookies.find(key, at + 1))
    if (at == 0 || cookies[at - 1] == ' ' || cookies[at - 1] == ';') {
      const size_t end = cookies.find(';', at);
      return cookies.substr(at + key.size(), end == std::string::npos ? std::string::npos : end - at - key.size());
    }
  return "";
}

std::string body_text(const nlohmann::json& body, const std::string& key, bool required) {
  if (!body.contains(key)) {
    if (required) throw ApiError{400, "'" + key + "' is missing"};
    return "";
  }
  if (!body[key].is_string()) throw ApiError{400, "'" + key + "' must be text"};
  return body[key].get<std::string>();
}

void ApiContext::reply(int status, const nlohmann::json& value) const {
  res.status = status;
  res.set_content(value.dump(), "application/json; charset=utf-8");
}

namespace {

constexpr uint64_t kMaxJsonBody = 8u << 20;  // every request but an upload

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::CorruptInput:
      return 400;
    case ErrorCode::NotFound:
      return 404;
    case ErrorCode::Unsupported:
      return 415;
    case ErrorCode::LimitExceeded:
      return 413;
    case ErrorCode::Database:
      return 503;
    default:
      return 500;
  }
}

class Service {
 public:
  Service(const ServiceOptions& options, std::ostream& log) : options_(options), log_(log) {}

  void serve(httplib::Server& server, const std::atomic<bool>& stop, const std::function<void(int)>& on_listening) {
    configure(server);
    int port = options_.port;
    if (port == 0) {
      port = server.bind_to_any_port(options_.host);
    } else if (!server.bind_to_port(options_.host, port)) {
      port = -1;
    }
    if (port < 0) throw Error(ErrorCode::Io, "cannot listen on " + options_.host + ":" + std::to_string(options_.port));
    std::thread listener([&] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    on_listening(port);
    while (!stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
    listener.join();
  }

 private:
  void configure(httplib::Server& server) {
    server.set_payload_max_length(options_.max_request_bytes);
    server.set_read_timeout(options_.timeout_seconds, 0);
    server.set_write_timeout(options_.timeout_seconds, 0);
    server.set_keep_alive_timeout(10);
    const int threads = std::max(2, options_.threads);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };

    std::vector<ApiRoute> routes;
    routes.push_back({"GET", "/health", {}, [this](ApiContext& c) { health(c); }});
    routes.push_back({"GET", "/metrics",
                      options_.public_metrics ? std::vector<std::string>{} : std::vector<std::string>{"admin"},
                      [this](ApiContext& c) { metrics(c); }});
    add_account_routes(routes);
    add_batch_routes(routes);
    add_case_routes(routes);
    add_approval_routes(routes);
    add_letter_routes(routes);
    add_scan_routes(routes);
    add_search_routes(routes);
    add_register_routes(routes);
    add_web_routes(routes);
    for (const auto& route : routes) add(server, route);

    // The upload streams its body: the role is checked before any byte is read.
    const ApiRoute upload{"POST", "/api/batches", {"scanner", "admin"}, {}};
    server.Post(upload.pattern, [this, upload](const httplib::Request& req, httplib::Response& res,
                                               const httplib::ContentReader& content) {
      run(upload, req, res, [&](ApiContext& c) { handle_batch_upload(c, content); });
    });

    // Refuse an oversized request from its announced length, before its body
    // is read (httplib would otherwise read and discard all of it first).
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      const uint64_t limit = req.path == "/api/batches" ? options_.max_request_bytes : kMaxJsonBody;
      const std::string length = req.get_header_value("Content-Length");
      if (!length.empty() && (length.size() > 19 || std::stoull(length) > limit)) {
        res.status = 413;
        res.set_header("Connection", "close");
        res.set_content(nlohmann::json{{"error", "the request is larger than this server accepts (" +
                                                     std::to_string(limit >> 20) + " MiB)"}}
                            .dump(),
                        "application/json; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      std::string why = res.status == 404   ? "no such endpoint"
                        : res.status == 413 ? "the request is larger than this server accepts"
                        : res.status == 400 ? "malformed request"
                                            : "request failed";
      res.set_content(nlohmann::json{{"error", why}}.dump(), "application/json; charset=utf-8");
    });
    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      ++metrics_.requests;
      if (res.status >= 400 && res.status < 500) ++metrics_.errors_4xx;
      if (res.status >= 500) ++metrics_.errors_5xx;
      // The path only: query strings may carry a NIK someone searched for.
      std::lock_guard lock(log_mutex_);
      log_ << "berkas serve: " << req.method << " " << req.path << " " << res.status << "\n";
      log_.flush();
    });
  }

  void add(httplib::Server& server, const ApiRoute& route) {
    auto handler = [this, route](const httplib::Request& req, httplib::Response& res) {
      run(route, req, res, route.handler);
    };
    if (route.method == "GET") server.Get(route.pattern, handler);
    if (route.method == "POST") server.Post(route.pattern, handler);
    if (route.method == "PATCH") server.Patch(route.pattern, handler);
    if (route.method == "DELETE") server.Delete(route.pattern, handler);
  }

  void run(const ApiRoute& route, const httplib::Request& req, httplib::Response& res, const ApiHandler& handler) {
    ApiContext ctx{req, res, std::nullopt, pool_, options_, metrics_};
    try {
      if (!route.roles.empty()) {
        const std::string token = ctx.token();
        if (!token.empty()) {
          auto conn = pool_.acquire();
          ctx.user = session_user(*conn, token);
        }
        if (!ctx.user) throw ApiError{401, "sign in first (a session or a station token)"};
        const bool anyone = route.roles.size() == 1 && route.roles[0] == "*";
        if (!anyone && std::find(route.roles.begin(), route.roles.end(), ctx.user->role) == route.roles.end())
          throw ApiError{403, "the role " + ctx.user->role + " may not do this"};
      }
      handler(ctx);
    } catch (const ApiError& e) {
      ctx.reply(e.status, {{"error", e.message}});
    } catch (const Error& e) {
      ctx.reply(status_for(e.code()), {{"error", e.what()}});
    } catch (const pqxx::broken_connection&) {
      ctx.reply(503, {{"error", "the database is not reachable; try again shortly"}});
    } catch (const std::exception& e) {
      {
        std::lock_guard lock(log_mutex_);
        log_ << "berkas serve: " << req.method << " " << req.path << ": internal error: " << e.what() << "\n";
      }
      ctx.reply(500, {{"error", "internal error; the server log has the details"}});
    }
  }

  void health(ApiContext& c) {
    bool database = true;
    try {
      auto conn = c.pool.acquire();
      pqxx::read_transaction txn(*conn);
      txn.exec("SELECT 1");
    } catch (const std::exception&) {
      database = false;
    }
    c.reply(database ? 200 : 503, {{"status", database ? "ok" : "database unreachable"}, {"database", database}});
  }

  void metrics(ApiContext& c) {
    auto conn = c.pool.acquire();
    std::string out;
    auto line = [&](const std::string& help, const std::string& name, const std::string& type,
                    const std::vector<std::pair<std::string, double>>& samples) {
      out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
      for (const auto& [labels, value] : samples) {
        char number[64];
        std::snprintf(number, sizeof number, "%.6g", value);
        out += name + labels + " " + number + "\n";
      }
    };
    const QueueCounts q = queue_counts(*conn);
    line("Jobs in the queue by state.", "berkas_queue_jobs", "gauge",
         {{"{state=\"queued\"}", double(q.queued)},
          {"{state=\"running\"}", double(q.running)},
          {"{state=\"done\"}", double(q.done)},
          {"{state=\"dead\"}", double(q.dead)}});
    pqxx::read_transaction txn(*conn);
    const auto pages = txn.exec1(
        "SELECT count(*), count(*) FILTER (WHERE status = 'failed'), coalesce(sum(read_ms), 0) / 1000.0 FROM pages");
    line("Pages read by the workers.", "berkas_pages_processed_total", "counter",
         {{"{status=\"read\"}", pages[0].as<double>() - pages[1].as<double>()},
          {"{status=\"failed\"}", pages[1].as<double>()}});
    line("Seconds spent reading pages.", "berkas_page_read_seconds_total", "counter", {{"", pages[2].as<double>()}});
    const auto jobs = txn.exec1(
        "SELECT count(*), coalesce(sum(extract(epoch FROM finished_at - started_at)), 0) FROM jobs "
        "WHERE state = 'done' AND finished_at IS NOT NULL AND started_at IS NOT NULL");
    line("Duration of finished jobs.", "berkas_job_duration_seconds", "summary",
         {{"_count", jobs[0].as<double>()}, {"_sum", jobs[1].as<double>()}});
    const auto batches = txn.exec1(
        "SELECT count(*), count(*) FILTER (WHERE completed_at IS NULL), "
        "coalesce(sum(extract(epoch FROM completed_at - created_at)) FILTER (WHERE completed_at IS NOT NULL), 0) "
        "FROM batches");
    line("Batches taken in, and those still being processed.", "berkas_batches", "gauge",
         {{"{state=\"all\"}", batches[0].as<double>()}, {"{state=\"open\"}", batches[1].as<double>()}});
    line("HTTP requests answered by this server.", "berkas_http_requests_total", "counter",
         {{"", double(metrics_.requests)}});
    line("HTTP error answers by this server.", "berkas_http_errors_total", "counter",
         {{"{class=\"4xx\"}", double(metrics_.errors_4xx)}, {"{class=\"5xx\"}", double(metrics_.errors_5xx)}});
    line("Files accepted by uploads to this server.", "berkas_uploaded_files_total", "counter",
         {{"", double(metrics_.uploaded_files)}});
    c.res.status = 200;
    c.res.set_content(out, "text/plain; version=0.0.4");
  }

  const ServiceOptions& options_;
  std::ostream& log_;
  std::mutex log_mutex_;
  ConnectionPool pool_;
  ServiceMetrics metrics_;
};

}  // namespace

void run_service(const ServiceOptions& options, const std::atomic<bool>& stop, std::ostream& log,
                 const std::function<void(int port)>& on_listening) {
  Service service(options, log);
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    if (options.tls_cert.empty() || options.tls_key.empty())
      throw Error(ErrorCode::InvalidArgument, "TLS needs both a certificate and its key");
    httplib::SSLServer server(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!server.is_valid())
      throw Error(ErrorCode::InvalidArgument,
                  "cannot load the TLS certificate " + options.tls_cert.string() + " or its key");
    service.serve(server, stop, on_listening);
  } else {
    httplib::Server server;
    service.serve(server, stop, on_listening);
  }
}

}  // namespace berkas
