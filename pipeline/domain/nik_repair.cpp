#include "domain/nik_repair.hpp"

#include <vector>

namespace berkas {
namespace {

// Digits a character may stand for in a printed 16-digit number. T is both
// a cut 7 and a serif 1, so it stays ambiguous and only the number's own
// rules (region, date, printed data) can decide.
std::string_view digits_for(char c) {
  if (c >= '0' && c <= '9') return std::string_view(&"0123456789"[c - '0'], 1);
  switch (c) {
    case 'O':
    case 'o':
    case 'D':
    case 'Q':
      return "0";
    case 'I':
    case 'l':
    case 'i':
    case 'L':
    case '|':
    case '!':
      return "1";
    case 'T':
      return "71";
    case 'Z':
    case 'z':
      return "2";
    case 'A':
      return "4";
    case 'S':
    case 's':
      return "5";
    case 'G':
    case 'b':
      return "6";
    case 'B':
      return "8";
    case 'q':
    case 'g':
      return "9";
    default:
      return "";
  }
}

// Too many ambiguous characters means too little of the number was read.
constexpr size_t kMaxCombinations = 64;

using Reader = NikReading (*)(std::string_view, const RegionTable&, int);

bool agrees(const NikReading& r, const std::optional<Date>& birth, const std::optional<char>& sex) {
  // The NIK carries a two-digit year; compare it that way so the century
  // guess never decides.
  if (birth && (r.birth_date.day != birth->day || r.birth_date.month != birth->month ||
                r.birth_date.year % 100 != birth->year % 100))
    return false;
  if (sex && r.sex != *sex) return false;
  return true;
}

std::optional<NumberRepair> repair(std::string_view raw, const RegionTable& regions, int reference_year, Reader read,
                                   const std::optional<Date>& birth, const std::optional<char>& sex) {
  std::vector<std::string_view> choices;
  int substitutions = 0;
  for (char c : raw) {
    if (c == ' ' || c == '.' || c == '\t') continue;
    const std::string_view options = digits_for(c);
    if (options.empty()) return std::nullopt;
    if (c < '0' || c > '9') ++substitutions;
    choices.push_back(options);
  }
  if (choices.size() != 16) return std::nullopt;

  if (substitutions == 0) {
    std::string digits;
    for (auto d : choices) digits += d[0];
    NikReading reading = read(digits, regions, reference_year);
    if (!reading.ok()) return std::nullopt;
    const bool consistent = agrees(reading, birth, sex);
    return NumberRepair{std::move(digits), 0, std::move(reading), consistent};
  }

  size_t combinations = 1;
  for (auto c : choices) {
    combinations *= c.size();
    if (combinations > kMaxCombinations) return std::nullopt;
  }
  std::vector<NumberRepair> agreeing;
  for (size_t n = 0; n < combinations; ++n) {
    std::string digits;
    size_t rest = n;
    for (auto c : choices) {
      digits += c[rest % c.size()];
      rest /= c.size();
    }
    NikReading reading = read(digits, regions, reference_year);
    if (!reading.ok() || !agrees(reading, birth, sex)) continue;
    agreeing.push_back(NumberRepair{std::move(digits), substitutions, std::move(reading), true});
  }
  if (agreeing.size() != 1) return std::nullopt;  // none, or ambiguous
  return std::move(agreeing.front());
}

}  // namespace

std::optional<NumberRepair> repair_nik(std::string_view raw, const RegionTable& regions, int reference_year,
                                       std::optional<Date> printed_birth_date, std::optional<char> printed_sex) {
  return repair(raw, regions, reference_year, &read_nik, printed_birth_date, printed_sex);
}

std::optional<NumberRepair> repair_kk_number(std::string_view raw, const RegionTable& regions, int reference_year) {
  return repair(raw, regions, reference_year, &read_kk_number, std::nullopt, std::nullopt);
}

}  // namespace berkas
