#include "store/database.hpp"

#include <cstdlib>
#include <pqxx/pqxx>
#include <set>
#include <vector>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "store/embedded_postgres.hpp"
#include "store/migrations.hpp"

namespace berkas {
namespace {

// Key of the advisory lock that serialises migrators ("berkas" in ASCII).
constexpr long long kMigrationLockKey = 0x6265726b6173LL;

struct Redacted {
  std::string text;
  std::vector<std::string> secrets;  // the passwords that were hidden
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Handles both libpq syntaxes: URIs (user:password@host, ?password=) and
// key=value strings (password=secret or password='se cret').
Redacted redact(std::string_view url) {
  Redacted out{std::string(url), {}};
  std::string& s = out.text;
  const bool uri = s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
  if (uri) {
    const std::size_t begin = s.find("//") + 2;
    const std::size_t end = std::min(s.find('/', begin), s.find('?', begin));
    const std::size_t at = s.rfind('@', end == std::string::npos ? s.size() : end);
    if (at != std::string::npos && at >= begin) {
      const std::size_t colon = s.find(':', begin);
      if (colon != std::string::npos && colon < at) {
        out.secrets.push_back(s.substr(colon + 1, at - colon - 1));
        s.replace(colon + 1, at - colon - 1, "***");
      }
    }
    const std::size_t query = s.find('?');
    if (query != std::string::npos) {
      std::size_t pos = query + 1;
      while (pos < s.size()) {
        std::size_t amp = s.find('&', pos);
        if (amp == std::string::npos) amp = s.size();
        if (s.compare(pos, 9, "password=") == 0 && pos + 9 <= amp) {
          out.secrets.push_back(s.substr(pos + 9, amp - pos - 9));
          s.replace(pos + 9, amp - pos - 9, "***");
          amp = pos + 12;
        }
        pos = amp + 1;
      }
    }
    return out;
  }
  std::size_t pos = 0;
  while ((pos = s.find("password", pos)) != std::string::npos) {
    if (pos > 0 && !is_space(s[pos - 1])) {
      pos += 8;
      continue;
    }
    std::size_t i = pos + 8;
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') {
      pos = i;
      continue;
    }
    ++i;
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t value_end = i;
    if (value_end < s.size() && s[value_end] == '\'') {
      ++value_end;
      while (value_end < s.size() && s[value_end] != '\'') value_end += s[value_end] == '\\' ? 2 : 1;
      value_end = std::min(value_end + 1, s.size());
    } else {
      while (value_end < s.size() && !is_space(s[value_end])) ++value_end;
    }
    out.secrets.push_back(s.substr(i, value_end - i));
    s.replace(i, value_end - i, "***");
    pos = i + 3;
  }
  return out;
}

// libpq messages sometimes quote parts of the connection string back.
std::string scrub(std::string message, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.size() < 4) continue;  // too short to hide without garbling the message
    for (std::size_t pos; (pos = message.find(secret)) != std::string::npos;) {
      message.replace(pos, secret.size(), "***");
    }
  }
  while (!message.empty() && is_space(message.back())) message.pop_back();
  return message;
}

std::string migration_label(const Migration& m) {
  std::string number = std::to_string(m.version);
  if (number.size() < 3) number.insert(0, 3 - number.size(), '0');
  return number + "_" + m.name;
}

}  // namespace

std::string redact_database_url(std::string_view url) { return redact(url).text; }

std::string database_url() {
  const char* external = std::getenv("BERKAS_DATABASE_URL");
  if (external != nullptr && *external != '\0') return external;
  EmbeddedPostgres server(state_dir());
  server.start();
  return server.url();
}

void migrate(pqxx::connection& conn) {
  const std::string lock = "SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")";
  const auto& migrations = embedded_migrations();
  std::set<int> applied;
  try {
    pqxx::work tx(conn, "berkas_migrate");
    tx.exec(lock);
    tx.exec("SET LOCAL client_min_messages = warning");  // no "already exists, skipping" notices
    tx.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version int PRIMARY KEY,"
        " name text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now())");
    for (const auto& row : tx.exec("SELECT version FROM schema_migrations")) applied.insert(row[0].as<int>());
    tx.commit();
  } catch (const std::exception& e) {
    throw Error(ErrorCode::Database, "cannot prepare schema migrations: " + scrub(e.what(), {}));
  }

  const int newest_known = migrations.empty() ? 0 : migrations.back().version;
  if (!applied.empty() && *applied.rbegin() > newest_known) {
    throw Error(ErrorCode::Database, "the database schema is at version " + std::to_string(*applied.rbegin()) +
                                         " but this berkas knows migrations only up to " +
                                         std::to_string(newest_known) + "; use a newer berkas");
  }

  for (const auto& migration : migrations) {
    if (applied.count(migration.version) != 0) continue;
    const std::string label = migration_label(migration);
    try {
      pqxx::work tx(conn, "berkas_migrate");
      tx.exec(lock);
      // Another process may have applied it while we were not holding the lock.
      const std::string check = "SELECT 1 FROM schema_migrations WHERE version = " + tx.quote(migration.version);
      if (!tx.exec(check).empty()) {
        tx.abort();
        continue;
      }
      tx.exec(migration.sql);
      tx.exec("INSERT INTO schema_migrations (version, name) VALUES (" + tx.quote(migration.version) + ", " +
              tx.quote(migration.name) + ")");
      tx.commit();
    } catch (const std::exception& e) {
      throw Error(ErrorCode::Database, "migration " + label + " failed: " + scrub(e.what(), {}));
    }
  }
}

std::unique_ptr<pqxx::connection> open_store() {
  const std::string url = database_url();
  const Redacted shown = redact(url);
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    throw Error(ErrorCode::Database,
                "cannot connect to the database at " + shown.text + ": " + scrub(e.what(), shown.secrets));
  }
  try {
    migrate(*conn);
  } catch (const Error& e) {
    throw e.with_context("database " + shown.text);
  } catch (const std::exception& e) {
    throw Error(ErrorCode::Database, "database " + shown.text + ": " + scrub(e.what(), shown.secrets));
  }
  return conn;
}

}  // namespace berkas
