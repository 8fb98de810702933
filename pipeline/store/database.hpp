// How berkas reaches its store: an external server named by
// BERKAS_DATABASE_URL, or else the embedded one under the state directory,
// started on demand. Every connection handed out has the schema migrated.
#pragma once

#include <memory>
#include <pqxx/connection>
#include <string>
#include <string_view>

namespace berkas {

// $BERKAS_DATABASE_URL if set and non-empty; otherwise starts the embedded
// server (EmbeddedPostgres(state_dir())) if needed and returns its URL.
std::string database_url();

// Brings the schema up to the newest embedded migration. Each migration runs
// in its own transaction under an advisory lock, so concurrent callers
// serialise and each migration is applied exactly once. Throws if the
// database has migrations this binary does not know (it is older than the
// schema).
void migrate(pqxx::connection& conn);

// Connects to database_url() and migrates. Throws berkas::Error (Database).
std::unique_ptr<pqxx::connection> open_store();

// The URL with any password replaced by "***", for messages and logs.
std::string redact_database_url(std::string_view url);

}  // namespace berkas
