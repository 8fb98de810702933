// Schema migrations compiled into the binary (from store/migrations/*.sql by
// embed_migrations.cmake), so an installed berkas never reads the source tree.
#pragma once

#include <string>
#include <vector>

namespace berkas {

struct Migration {
  int version;       // 001_foundation.sql -> 1
  std::string name;  // 001_foundation.sql -> "foundation"
  std::string sql;   // the file's bytes, unchanged
};

// All embedded migrations, ordered by version; versions are unique.
const std::vector<Migration>& embedded_migrations();

}  // namespace berkas
