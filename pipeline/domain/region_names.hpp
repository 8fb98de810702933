// Snapping OCR'd region names (province, regency/city, district, village)
// to the Kemendagri region table, and the form in which documents print them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "region/region_table.hpp"

namespace berkas {

struct RegionMatch {
  const Region* region = nullptr;
  double similarity = 0;  // 0..1 on normalised names, 1 = exact
  std::string printed;    // printed_region_name(*region)
};

// The name as documents print it: upper case, with the table's prefix
// ("JAWA TIMUR", "KABUPATEN BANYUWANGI", "KOTA BOGOR", "TEGALSARI").
std::string printed_region_name(const Region& region);

// The region of that level whose name is closest to `text` (upper/lower case,
// punctuation and spacing aside, digits read as the letters they resemble),
// searched inside the parent when its code is given, else in the whole
// level. Labels in front are ignored ("PROVINSI", "KAB.", "KEC.", "DESA",
// "KELURAHAN"); "DKI" and "DI" stand for "DAERAH KHUSUS IBUKOTA" and
// "DAERAH ISTIMEWA". Regencies match with or without KABUPATEN/KOTA, but a
// given prefix must agree. Nothing when no name is close enough or two
// regions are equally close (villages of the same name in different districts).
std::optional<RegionMatch> snap_province(std::string_view text);
std::optional<RegionMatch> snap_regency(std::string_view text, std::string_view province_code = "");
std::optional<RegionMatch> snap_district(std::string_view text, std::string_view regency_code = "");
std::optional<RegionMatch> snap_village(std::string_view text, std::string_view district_code = "");

}  // namespace berkas
