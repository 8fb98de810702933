#include "region/region_table.hpp"

#include <fstream>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"

namespace berkas {

RegionTable RegionTable::load(const std::filesystem::path& csv) {
  std::ifstream in(csv);
  if (!in) throw Error(ErrorCode::NotFound, "region table " + csv.string() + " cannot be opened");
  RegionTable table;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1) continue;  // header
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto fields = split_csv_line(line);
    if (fields.size() != 2)
      throw Error(ErrorCode::CorruptInput, csv.string() + ":" + std::to_string(line_no) + ": expected code,name");
    std::string digits;
    for (char c : fields[0])
      if (c != '.') digits += c;
    RegionLevel level;
    switch (digits.size()) {
      case 2:
        level = RegionLevel::Province;
        break;
      case 4:
        level = RegionLevel::Regency;
        break;
      case 6:
        level = RegionLevel::District;
        break;
      case 10:
        level = RegionLevel::Village;
        break;
      default:
        throw Error(ErrorCode::CorruptInput,
                    csv.string() + ":" + std::to_string(line_no) + ": bad region code '" + fields[0] + "'");
    }
    table.by_code_.emplace(digits, table.regions_.size());
    table.regions_.push_back(Region{std::move(digits), std::move(fields[1]), level});
  }
  for (const auto& r : table.regions_)
    if (r.level == RegionLevel::District) table.districts_.push_back(&r);
  return table;
}

const RegionTable& RegionTable::standard() {
  static const RegionTable table = load(templates_dir() / "regions" / "wilayah.csv");
  return table;
}

const Region* RegionTable::find(std::string_view digits) const {
  auto it = by_code_.find(std::string(digits));
  return it == by_code_.end() ? nullptr : &regions_[it->second];
}

const Region* RegionTable::parent(const Region& region) const {
  switch (region.level) {
    case RegionLevel::Province:
      return nullptr;
    case RegionLevel::Regency:
      return find(std::string_view(region.code).substr(0, 2));
    case RegionLevel::District:
      return find(std::string_view(region.code).substr(0, 4));
    case RegionLevel::Village:
      return find(std::string_view(region.code).substr(0, 6));
  }
  return nullptr;
}

std::vector<const Region*> RegionTable::villages_of(std::string_view district_digits) const {
  std::vector<const Region*> out;
  auto it = by_code_.find(std::string(district_digits));
  if (it == by_code_.end()) return out;
  for (size_t i = it->second + 1; i < regions_.size(); ++i) {
    const Region& r = regions_[i];
    if (r.code.compare(0, district_digits.size(), district_digits) != 0) break;
    if (r.level == RegionLevel::Village) out.push_back(&r);
  }
  return out;
}

}  // namespace berkas
