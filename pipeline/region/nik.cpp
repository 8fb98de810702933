#include "region/nik.hpp"

#include <cstdio>

namespace berkas {
namespace {

int two_digits(std::string_view s, size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); }

NikReading read_number(std::string_view number, const RegionTable& regions, int reference_year, bool sex_in_day) {
  NikReading r;
  if (number.size() != 16) {
    r.problem = NikProblem::WrongLength;
    return r;
  }
  for (char c : number)
    if (c < '0' || c > '9') {
      r.problem = NikProblem::NotDigits;
      return r;
    }
  r.district_code = std::string(number.substr(0, 6));
  int day = two_digits(number, 6);
  const int month = two_digits(number, 8);
  const int yy = two_digits(number, 10);
  r.serial = (number[12] - '0') * 1000 + two_digits(number, 13) * 10 + (number[15] - '0');
  r.sex = 'M';
  if (sex_in_day && day > 40) {
    day -= 40;
    r.sex = 'F';
  }
  int year = (reference_year / 100) * 100 + yy;
  if (year > reference_year) year -= 100;
  r.birth_date = Date{year, month, day};
  if (regions.find(r.district_code) == nullptr || regions.find(r.district_code)->level != RegionLevel::District) {
    r.problem = NikProblem::UnknownRegion;
  } else if (!r.birth_date.valid()) {
    r.problem = NikProblem::ImpossibleDate;
  } else if (r.serial == 0) {
    r.problem = NikProblem::ZeroSerial;
  }
  return r;
}

std::string make_number(std::string_view district_code, int day, int month, int year, int serial) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6s%02d%02d%02d%04d", district_code.data(), day, month, year % 100, serial);
  return buf;
}

}  // namespace

std::string_view to_string(NikProblem problem) {
  switch (problem) {
    case NikProblem::None:
      return "valid";
    case NikProblem::WrongLength:
      return "not 16 digits long";
    case NikProblem::NotDigits:
      return "contains characters other than digits";
    case NikProblem::UnknownRegion:
      return "unknown region code";
    case NikProblem::ImpossibleDate:
      return "impossible date";
    case NikProblem::ZeroSerial:
      return "serial number 0000";
  }
  return "invalid";
}

NikReading read_nik(std::string_view nik, const RegionTable& regions, int reference_year) {
  return read_number(nik, regions, reference_year, true);
}

NikReading read_kk_number(std::string_view kk, const RegionTable& regions, int reference_year) {
  NikReading r = read_number(kk, regions, reference_year, false);
  r.sex = '?';
  return r;
}

std::string make_nik(std::string_view district_code, const Date& birth, char sex, int serial) {
  return make_number(district_code, birth.day + (sex == 'F' ? 40 : 0), birth.month, birth.year, serial);
}

std::string make_kk_number(std::string_view district_code, const Date& issued, int serial) {
  return make_number(district_code, issued.day, issued.month, issued.year, serial);
}

std::string mask_nik(std::string_view nik) {
  std::string out(nik.substr(0, std::min<size_t>(4, nik.size())));
  out.append(nik.size() > 4 ? nik.size() - 4 : 0, '*');
  return out;
}

}  // namespace berkas
