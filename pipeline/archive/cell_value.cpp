#include "archive/cell_value.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "domain/document_dates.hpp"
#include "domain/free_text.hpp"
#include "domain/money.hpp"
#include "domain/nik_repair.hpp"
#include "region/region_table.hpp"

namespace berkas {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Letter numbers: parts joined by '/', a number among the first parts and a
// four-digit year last (440/107/REK/DINKES/2026, 400.7/12/DINKES/2025).
CellValue letter_number(std::string_view text, int reference_year) {
  std::string code = compact_code(text);
  for (char& c : code)
    if (c == '\\' || c == '|') c = '/';
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t slash; (slash = code.find('/', start)) != std::string::npos; start = slash + 1)
    parts.push_back(code.substr(start, slash - start));
  parts.push_back(code.substr(start));
  const std::string& year = parts.back();
  const bool ok = parts.size() >= 3 && year.size() == 4 && all_digits(year) && std::stoi(year) >= 1945 &&
                  std::stoi(year) <= reference_year + 1 &&
                  std::none_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); });
  return {code, ok, ok ? "" : "not a letter number (parts/.../year)"};
}

}  // namespace

CellValue normalize_cell(CellType type, std::string_view text, int reference_year) {
  const std::string cleaned = clean_free_text(text);
  switch (type) {
    case CellType::Seq: {
      std::string digits;
      for (char c : cleaned)
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
      const bool ok = !digits.empty() && digits.size() <= 6 && digits.size() + 1 >= cleaned.size();
      return {ok ? std::to_string(std::stol(digits)) : cleaned, ok, ok ? "" : "not a row number"};
    }
    case CellType::Date: {
      if (auto d = parse_document_date(cleaned, reference_year)) return {d->iso(), true, ""};
      return {cleaned, false, "not a date"};
    }
    case CellType::Nik:
    case CellType::KkNumber: {
      const bool nik = type == CellType::Nik;
      const auto repaired = nik ? repair_nik(cleaned, RegionTable::standard(), reference_year)
                                : repair_kk_number(cleaned, RegionTable::standard(), reference_year);
      if (repaired) return {repaired->digits, true, ""};
      return {cleaned, false, nik ? "not a possible NIK" : "not a possible KK number"};
    }
    case CellType::Money: {
      if (auto amount = parse_rupiah(cleaned)) return {*amount, true, ""};
      return {cleaned, false, "not an amount"};
    }
    case CellType::LetterNumber:
      return letter_number(cleaned, reference_year);
    case CellType::Name: {
      const std::string name = clean_person_name(cleaned);
      return {name, !name.empty(), name.empty() ? "no name" : ""};
    }
    case CellType::Text:
      return {cleaned, !cleaned.empty(), cleaned.empty() ? "empty" : ""};
  }
  return {cleaned, false, "unknown type"};
}

}  // namespace berkas
