// The Kemendagri region codes (templates/regions/wilayah.csv): provinces,
// regencies/cities, districts and villages, keyed by their digit codes as
// used inside NIK and KK numbers ("32", "3201", "320101", "3201011001").
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace berkas {

enum class RegionLevel { Province = 2, Regency = 4, District = 6, Village = 10 };

struct Region {
  std::string code;  // digits only
  std::string name;  // as in the source: "Kabupaten Bogor", "Cibinong"
  RegionLevel level;
};

class RegionTable {
 public:
  // Reads a `code,name` CSV with dotted codes. Throws berkas::Error.
  static RegionTable load(const std::filesystem::path& csv);
  // templates_dir()/regions/wilayah.csv, loaded once per process.
  static const RegionTable& standard();

  const Region* find(std::string_view digits) const;
  // The enclosing region at a coarser level ("320101" -> "3201" -> "32").
  const Region* parent(const Region& region) const;
  const std::vector<const Region*>& districts() const { return districts_; }
  // Villages of a district, in code order.
  std::vector<const Region*> villages_of(std::string_view district_digits) const;
  size_t size() const { return regions_.size(); }

 private:
  std::vector<Region> regions_;  // in file (code) order
  std::unordered_map<std::string, size_t> by_code_;
  std::vector<const Region*> districts_;
};

}  // namespace berkas
