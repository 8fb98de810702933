// Repairing a NIK or KK number read by OCR: letters read for digits
// (O for 0, I for 1, S for 5, B for 8...). A repair is only accepted when it
// yields a possible number that agrees with what else is printed, and only
// one repair does; no digit is ever guessed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "region/nik.hpp"
#include "region/region_table.hpp"

namespace berkas {

struct NumberRepair {
  std::string digits;     // 16 digits
  int substitutions = 0;  // characters that were not digits
  NikReading reading;     // ok() always holds
  // Birth date and sex encoded in the number agree with the printed ones
  // (true when none were given). Always true for a repaired number.
  bool consistent = true;
};

// The NIK `raw` stands for. 16 digits that make a possible NIK come back as
// they are, consistent or not (the caller compares). Otherwise, after
// dropping spaces and dots, exactly 16 characters, each a digit or a letter
// that looks like one; the repair must give a possible NIK whose birth date
// and sex agree with `printed_birth_date` and `printed_sex` when given, and
// when several repairs are possible exactly one may agree. Else nothing.
std::optional<NumberRepair> repair_nik(std::string_view raw, const RegionTable& regions, int reference_year,
                                       std::optional<Date> printed_birth_date = {},
                                       std::optional<char> printed_sex = {});

// Same for a KK number: a known district and a possible issue date.
std::optional<NumberRepair> repair_kk_number(std::string_view raw, const RegionTable& regions, int reference_year);

}  // namespace berkas
