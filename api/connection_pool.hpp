// Database connections for the HTTP handlers: a small pool, each connection
// used by one request at a time. A connection found broken (the database
// was restarted) is dropped, and the next request opens a fresh one.
#pragma once

#include <exception>
#include <memory>
#include <mutex>
#include <pqxx/connection>
#include <vector>

namespace berkas {

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<pqxx::connection> conn)
        : pool_(pool), conn_(std::move(conn)), exceptions_(std::uncaught_exceptions()) {}
    // A connection given back while an exception unwinds may be broken: it is dropped.
    ~Lease() {
      if (std::uncaught_exceptions() == exceptions_) pool_.give_back(std::move(conn_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    pqxx::connection& operator*() { return *conn_; }
    pqxx::connection* operator->() { return conn_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<pqxx::connection> conn_;
    int exceptions_;
  };

  // Throws berkas::Error (Database) when no connection can be opened.
  Lease acquire();

 private:
  void give_back(std::unique_ptr<pqxx::connection> conn);
  std::mutex mutex_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
};

}  // namespace berkas
