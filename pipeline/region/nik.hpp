// NIK (Nomor Induk Kependudukan) and KK numbers: 16 digits = district code
// (6) + date DDMMYY (day + 40 for women on a NIK) + serial (4).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "region/region_table.hpp"

namespace berkas {

enum class NikProblem {
  None,
  WrongLength,     // not exactly 16 characters
  NotDigits,       // something other than 0-9
  UnknownRegion,   // the 6-digit district code is not in the region table
  ImpossibleDate,  // DDMMYY is not a calendar date (after removing the +40)
  ZeroSerial,      // serial 0000 is never issued
};

std::string_view to_string(NikProblem problem);

struct NikReading {
  NikProblem problem = NikProblem::None;
  std::string district_code;  // 6 digits
  Date birth_date;            // century resolved against the reference year
  char sex = '?';             // 'M' or 'F'
  int serial = 0;
  bool ok() const { return problem == NikProblem::None; }
};

// Decodes and validates a NIK. Two-digit years are put in the latest century
// that does not place the birth after `reference_year`.
NikReading read_nik(std::string_view nik, const RegionTable& regions, int reference_year);

// Same for a KK number, whose date is the card's issue date (no +40 rule).
NikReading read_kk_number(std::string_view kk, const RegionTable& regions, int reference_year);

// Builds a NIK; `district_code` must be 6 digits, serial 1..9999.
std::string make_nik(std::string_view district_code, const Date& birth, char sex, int serial);
std::string make_kk_number(std::string_view district_code, const Date& issued, int serial);

// For logs: "3201************" — never a full NIK in a log line.
std::string mask_nik(std::string_view nik);

}  // namespace berkas
