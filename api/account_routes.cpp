// Signing in and out, users and station tokens, separator sheets.
#include <pqxx/pqxx>

#include "api/api_context.hpp"
#include "api/web_pages.hpp"
#include "letters/office_config.hpp"
#include "letters/separator_sheet.hpp"

namespace berkas {
namespace {

nlohmann::json user_json(const User& u) {
  nlohmann::json j{
      {"username", u.username}, {"display_name", u.display_name}, {"role", u.role}, {"home", home_page(u.role)}};
  if (!u.official.empty()) {
    const Official& o = standard_office().official(u.official);
    j["official"] = u.official;
    j["level"] = o.position;
    j["official_name"] = o.name;
  }
  return j;
}

void login(ApiContext& c) {
  const auto body = c.body();
  const std::string username = body_text(body, "username", true), password = body_text(body, "password", true);
  auto conn = c.pool.acquire();
  const auto user = check_password(*conn, username, password);
  if (!user) throw ApiError{401, "wrong user name or password"};
  const std::string token = open_session(*conn, *user, "browser", std::chrono::hours(c.options.session_hours), "login");
  // HttpOnly: page scripts never see it; SameSite=Strict: other sites cannot send it.
  std::string cookie = "berkas_session=" + token +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(c.options.session_hours * 3600);
  if (!c.options.tls_cert.empty()) cookie += "; Secure";
  c.res.set_header("Set-Cookie", cookie);
  c.reply(200, {{"token", token}, {"user", user_json(*user)}});
}

void logout(ApiContext& c) {
  auto conn = c.pool.acquire();
  const std::string token = c.token();
  close_session(*conn, token);
  c.res.set_header("Set-Cookie", "berkas_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  c.reply(200, {{"signed_out", true}});
}

void create_user_route(ApiContext& c) {
  const auto body = c.body();
  NewUser u{body_text(body, "username", true), body_text(body, "display_name"), body_text(body, "role", true),
            body_text(body, "official"), body_text(body, "password", true)};
  auto conn = c.pool.acquire();
  c.reply(201, user_json(create_user(*conn, u, c.actor())));
}

void list_users_route(ApiContext& c) {
  auto conn = c.pool.acquire();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& u : list_users(*conn)) out.push_back(user_json(u));
  c.reply(200, {{"users", out}});
}

// A long-lived token for a scanner station, made by an admin for a scanner user.
void create_token(ApiContext& c) {
  const auto body = c.body();
  const std::string username = body_text(body, "username", true);
  const std::string label = body_text(body, "label");
  auto conn = c.pool.acquire();
  const std::optional<User> station = find_user(*conn, username);
  if (!station) throw ApiError{404, "no user " + username};
  if (station->role != "scanner") throw ApiError{400, "station tokens are for scanner users"};
  const std::string token =
      open_session(*conn, *station, "station", std::chrono::hours(24 * c.options.station_token_days), label);
  c.reply(201, {{"token", token}, {"username", username}, {"days", c.options.station_token_days}});
}

void separator(ApiContext& c) {
  const auto body = c.body();
  std::vector<std::string> refs;
  if (body.contains("cases") && body["cases"].is_array())
    for (const auto& r : body["cases"])
      if (r.is_string()) refs.push_back(r.get<std::string>());
  if (refs.empty()) refs.push_back(body_text(body, "case", true));
  if (refs.size() > 500) throw ApiError{413, "at most 500 separator sheets per request"};
  c.res.status = 200;
  c.res.set_content(separator_sheet_pdf(refs), "application/pdf");
}

}  // namespace

void add_account_routes(std::vector<ApiRoute>& routes) {
  routes.push_back({"POST", "/api/login", {}, login});
  routes.push_back({"POST", "/api/logout", {"*"}, logout});
  routes.push_back({"GET", "/api/me", {"*"}, [](ApiContext& c) { c.reply(200, user_json(*c.user)); }});
  routes.push_back({"GET", "/api/users", {"admin"}, list_users_route});
  routes.push_back({"POST", "/api/users", {"admin"}, create_user_route});
  routes.push_back({"POST", "/api/tokens", {"admin"}, create_token});
  routes.push_back({"POST", "/api/separators", {"scanner", "verifier", "admin"}, separator});
}

}  // namespace berkas
