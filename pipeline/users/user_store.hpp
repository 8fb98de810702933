// The people and scanner stations that use berkas over HTTP: users with a
// role (scanner, verifier, approver at an official's level, archivist,
// admin), browser sessions (hours) and station tokens (long-lived), both
// kept only as hashes. Every user created or changed is audited.
#pragma once

#include <chrono>
#include <optional>
#include <pqxx/connection>
#include <string>
#include <vector>

namespace berkas {

struct User {
  long id = 0;
  std::string username, display_name, role;
  std::string official;  // approvers: the official's key in templates/office.json
};

struct NewUser {
  std::string username, display_name, role, official, password;
};

// Throws berkas::Error (InvalidArgument) for a malformed name, an unknown
// role, an approver without a known official (or another role with one), a
// password shorter than 10 characters, or a name already taken.
User create_user(pqxx::connection& conn, const NewUser& user, const std::string& actor);

std::vector<User> list_users(pqxx::connection& conn);

std::optional<User> find_user(pqxx::connection& conn, const std::string& username);

// The user with this name and password, if enabled; the same time is spent
// whether the name exists or not.
std::optional<User> check_password(pqxx::connection& conn, const std::string& username, const std::string& password);

// A new session ("browser") or station token ("station"); returns the token,
// which is shown once and stored only as its hash.
std::string open_session(pqxx::connection& conn, const User& user, const std::string& kind, std::chrono::hours lifetime,
                         const std::string& label = "");

// The user a token belongs to, while it is neither expired nor revoked.
std::optional<User> session_user(pqxx::connection& conn, const std::string& token);

void close_session(pqxx::connection& conn, const std::string& token);

}  // namespace berkas
