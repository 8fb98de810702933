#include "users/user_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <regex>

#include "core/error.hpp"
#include "core/sha256.hpp"
#include "letters/office_config.hpp"
#include "users/password_hash.hpp"

namespace berkas {
namespace {

std::string token_hash(const std::string& token) {
  return sha256_hex({reinterpret_cast<const uint8_t*>(token.data()), token.size()});
}

User user_from(const pqxx::row& r) {
  return {r["id"].as<long>(), r["username"].as<std::string>(), r["display_name"].as<std::string>(),
          r["role"].as<std::string>(), r["official"].is_null() ? "" : r["official"].as<std::string>()};
}

const char* kUserColumns = "id, username, display_name, role, official";

}  // namespace

User create_user(pqxx::connection& conn, const NewUser& u, const std::string& actor) {
  static const std::regex name_pattern("[a-z0-9][a-z0-9._-]{1,63}");
  if (!std::regex_match(u.username, name_pattern))
    throw Error(ErrorCode::InvalidArgument,
                "user name '" + u.username + "' must be 2-64 lower-case letters, digits, '.', '_' or '-'");
  static const std::vector<std::string> roles = {"scanner", "verifier", "approver", "archivist", "admin"};
  if (std::find(roles.begin(), roles.end(), u.role) == roles.end())
    throw Error(ErrorCode::InvalidArgument,
                "unknown role '" + u.role + "' (scanner, verifier, approver, archivist or admin)");
  if (u.role == "approver") {
    if (u.official.empty())
      throw Error(ErrorCode::InvalidArgument, "an approver acts as an official: give the official's key");
  } else if (!u.official.empty()) {
    throw Error(ErrorCode::InvalidArgument, "only an approver acts as an official");
  }
  if (u.password.size() < 10) throw Error(ErrorCode::InvalidArgument, "the password must have at least 10 characters");
  // By key or position; the key is stored. Throws for an unknown official.
  const std::string official = u.official.empty() ? "" : standard_office().official(u.official).key;
  const std::string display = u.display_name.empty() ? u.username : u.display_name;
  pqxx::work txn(conn);
  if (!txn.exec_params("SELECT 1 FROM users WHERE username = $1", u.username).empty())
    throw Error(ErrorCode::InvalidArgument, "user '" + u.username + "' exists already");
  const auto r =
      txn.exec_params1(std::string("INSERT INTO users (username, display_name, role, official, password_hash) "
                                   "VALUES ($1, $2, $3, NULLIF($4, ''), $5) RETURNING ") +
                           kUserColumns,
                       u.username, display, u.role, official, hash_password(u.password));
  User created = user_from(r);
  const nlohmann::json after = {{"username", created.username},
                                {"display_name", created.display_name},
                                {"role", created.role},
                                {"official", created.official}};
  txn.exec_params(
      "INSERT INTO audit_log (actor, action, entity, entity_id, after) VALUES ($1, 'user.create', 'user', $2, "
      "$3::jsonb)",
      actor, created.username, after.dump());
  txn.commit();
  return created;
}

std::vector<User> list_users(pqxx::connection& conn) {
  std::vector<User> out;
  pqxx::read_transaction txn(conn);
  for (const auto& r : txn.exec(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username"))
    out.push_back(user_from(r));
  return out;
}

std::optional<User> find_user(pqxx::connection& conn, const std::string& username) {
  pqxx::read_transaction txn(conn);
  const auto r = txn.exec_params(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = $1", username);
  if (r.empty()) return std::nullopt;
  return user_from(r[0]);
}

std::optional<User> check_password(pqxx::connection& conn, const std::string& username, const std::string& password) {
  // A fixed hash for unknown names, so a wrong name costs what a wrong password does.
  static const std::string decoy = hash_password("decoy password, never valid");
  pqxx::read_transaction txn(conn);
  const auto r = txn.exec_params(
      std::string("SELECT ") + kUserColumns + ", password_hash FROM users WHERE username = $1 AND NOT disabled",
      username);
  if (r.empty()) {
    password_matches(password, decoy);
    return std::nullopt;
  }
  if (!password_matches(password, r[0]["password_hash"].as<std::string>())) return std::nullopt;
  return user_from(r[0]);
}

std::string open_session(pqxx::connection& conn, const User& user, const std::string& kind, std::chrono::hours lifetime,
                         const std::string& label) {
  const std::string token = random_token();
  pqxx::work txn(conn);
  txn.exec_params(
      "INSERT INTO sessions (token_sha256, user_id, kind, label, expires_at) "
      "VALUES ($1, $2, $3, NULLIF($4, ''), now() + $5::interval)",
      token_hash(token), user.id, kind, label, std::to_string(lifetime.count()) + " hours");
  if (kind == "station")
    txn.exec_params(
        "INSERT INTO audit_log (actor, action, entity, entity_id, after) VALUES ($1, 'token.create', 'user', $1, "
        "$2::jsonb)",
        user.username, nlohmann::json{{"label", label}, {"hours", lifetime.count()}}.dump());
  txn.commit();
  return token;
}

std::optional<User> session_user(pqxx::connection& conn, const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  pqxx::read_transaction txn(conn);
  const auto r = txn.exec_params(
      "SELECT u.id, u.username, u.display_name, u.role, u.official FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.token_sha256 = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled",
      token_hash(token));
  if (r.empty()) return std::nullopt;
  return user_from(r[0]);
}

void close_session(pqxx::connection& conn, const std::string& token) {
  pqxx::work txn(conn);
  txn.exec_params("UPDATE sessions SET revoked_at = now() WHERE token_sha256 = $1 AND revoked_at IS NULL",
                  token_hash(token));
  txn.commit();
}

}  // namespace berkas
