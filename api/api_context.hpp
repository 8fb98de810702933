// What every API handler works with: the request, the response, the
// signed-in user (checked against the route's roles before the handler
// runs), a pooled database connection, and the JSON helpers.
#pragma once

#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/connection_pool.hpp"
#include "api/http_service.hpp"
#include "users/user_store.hpp"

namespace berkas {

// Thrown by handlers: answered as {"error": message} with this status.
struct ApiError {
  int status;
  std::string message;
};

struct ServiceMetrics {
  std::atomic<long> requests{0}, errors_4xx{0}, errors_5xx{0}, uploads{0}, uploaded_files{0};
};

struct ApiContext {
  const httplib::Request& req;
  httplib::Response& res;
  std::optional<User> user;
  ConnectionPool& pool;
  const ServiceOptions& options;
  ServiceMetrics& metrics;

  // The request body as a JSON object; ApiError 400 when it is not one.
  nlohmann::json body() const;
  // The caller's session or station token: "Authorization: Bearer", else
  // the berkas_session cookie; "" when neither.
  std::string token() const;
  // A path parameter ({ref}, {id}) by position.
  std::string param(size_t i) const { return req.matches[i + 1].str(); }
  long id_param(size_t i) const;
  void reply(int status, const nlohmann::json& value) const;
  // For the audit log: "web:<username>".
  std::string actor() const { return "web:" + user->username; }
};

// A text member of a request body; "" when absent and not `required`.
// ApiError 400 when it is missing but required, or not text.
std::string body_text(const nlohmann::json& body, const std::string& key, bool required = false);

using ApiHandler = std::function<void(ApiContext&)>;

// Answers with a piece of a stored scan as JPEG, cacheable (scans never
// change); `what` names it in the error when it cannot be encoded.
void reply_scan_jpeg(ApiContext& c, const cv::Mat& image, int quality, const std::string& what);

// Everyone who reads cases, scans and letters (not the scanner stations).
inline const std::vector<std::string> kReaderRoles = {"verifier", "approver", "archivist", "admin"};

// Roles: empty = public; {"*"} = anyone signed in; else the roles named.
struct ApiRoute {
  std::string method, pattern;
  std::vector<std::string> roles;
  ApiHandler handler;
};

// The route groups, each in its own file.
void add_account_routes(std::vector<ApiRoute>& routes);
void add_batch_routes(std::vector<ApiRoute>& routes);
void add_case_routes(std::vector<ApiRoute>& routes);
void add_approval_routes(std::vector<ApiRoute>& routes);
void add_letter_routes(std::vector<ApiRoute>& routes);
void add_scan_routes(std::vector<ApiRoute>& routes);
void add_search_routes(std::vector<ApiRoute>& routes);
void add_register_routes(std::vector<ApiRoute>& routes);

// The upload endpoint streams its body, so it is wired separately.
void handle_batch_upload(ApiContext& ctx, const httplib::ContentReader& content);

}  // namespace berkas
