#include "store/spooled_file.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <pqxx/pqxx>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace berkas {

namespace fs = std::filesystem;

SpooledFile::SpooledFile(pqxx::connection& conn, long source_file_id, const std::string& purpose, std::string& name) {
  pqxx::read_transaction txn(conn);
  const auto r = txn.exec_params(
      "SELECT s.file_name, c.content FROM source_files s JOIN file_contents c ON c.sha256 = s.sha256 "
      "WHERE s.id = $1",
      source_file_id);
  if (r.empty()) throw Error(ErrorCode::NotFound, "no stored file " + std::to_string(source_file_id));
  name = r[0][0].as<std::string>();
  const pqxx::binarystring bytes(r[0][1]);
  static std::atomic<long> counter{0};
  const fs::path dir = state_dir() / "spool" / purpose;
  fs::create_directories(dir);
  path_ = dir / (std::to_string(getpid()) + "-" + std::to_string(++counter) + ".scan");
  std::ofstream out(path_, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw Error(ErrorCode::Io, "cannot write " + path_.string());
}

SpooledFile::~SpooledFile() {
  std::error_code ec;
  fs::remove(path_, ec);
}

}  // namespace berkas
