#include "api/connection_pool.hpp"

#include "store/database.hpp"

namespace berkas {

ConnectionPool::Lease ConnectionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    while (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      if (conn && conn->is_open()) return Lease(*this, std::move(conn));
    }
  }
  return Lease(*this, open_store());
}

void ConnectionPool::give_back(std::unique_ptr<pqxx::connection> conn) {
  if (!conn || !conn->is_open()) return;
  std::lock_guard lock(mutex_);
  if (idle_.size() < 16) idle_.push_back(std::move(conn));
}

}  // namespace berkas
