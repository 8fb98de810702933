// A private PostgreSQL 15 server that berkas runs for itself, so a fresh
// install needs no database administration. Everything lives under
// <state>/pg (as root, when the postgres user cannot reach <state>:
// /var/lib/berkas/pg-<hash of state>): data/ (the cluster), run/ (its Unix socket; no TCP at all),
// server.log (server and initdb/pg_ctl output) and lock (flock that
// serialises start/stop across berkas processes).
#pragma once

#include <filesystem>
#include <string>

#include "core/paths.hpp"

namespace berkas {

struct PostgresStatus {
  bool initialised = false;  // the cluster exists (initdb has run)
  bool running = false;      // its postmaster is alive
  long pid = 0;              // the postmaster's pid, 0 when not running
  std::string url;           // libpq URI of the berkas database
};

class EmbeddedPostgres {
 public:
  explicit EmbeddedPostgres(const std::filesystem::path& state = state_dir());

  // Creates the cluster on first use, starts the server if it is not running
  // (also after a crash, waiting a few seconds for leftovers of the old server
  // to go away) and creates the berkas database. Idempotent. The server is
  // detached and outlives this process.
  void start();

  // Fast shutdown (open transactions are rolled back). Harmless if the
  // cluster does not exist or the server is not running.
  void stop();

  PostgresStatus status() const;

  // postgresql:///berkas?host=<socket dir>&port=5432&user=berkas
  std::string url() const;

  const std::filesystem::path& data_dir() const { return data_; }
  const std::filesystem::path& socket_dir() const { return run_; }
  const std::filesystem::path& log_file() const { return log_; }

 private:
  std::filesystem::path root_;  // <state>/pg
  std::filesystem::path data_;
  std::filesystem::path run_;
  std::filesystem::path log_;
  std::filesystem::path lock_;
  std::filesystem::path relocated_from_;  // set when the cluster lives outside <state>
};

}  // namespace berkas
