#include "archive/cell_value.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <sstream>
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

// Letter numbers: parts joined by '/', a classification code and a serial
// number first and a four-digit year last (440/107/REK/DINKES/2026, 400.7/12/DINKES/2025).
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
  // The classification code (digits and dots) and the serial (digits) lead.
  const bool classified = parts[0].find_first_not_of("0123456789.") == std::string::npos && !parts[0].empty();
  const bool ok = parts.size() >= 3 && classified && all_digits(parts[1]) && year.size() == 4 && all_digits(year) &&
                  std::stoi(year) >= 1945 && std::stoi(year) <= reference_year + 1 &&
                  std::none_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); });
  return {code, ok, ok ? "" : "not a letter number (parts/.../year)"};
}

// Free text in a ruled cell: specks of a copy read as quotes, colons and
// stray marks at the edges of words are dropped. A full stop stays after a
// short word (JL., NO., GG., M.), where it belongs to an abbreviation.
std::string register_text(const std::string& cleaned) {
  std::string s = cleaned;
  for (const char* quote : {"\u201C", "\u201D", "\u2018", "\u2019", "\"", "`", ":", ";", "|", "_"})
    for (size_t at; (at = s.find(quote)) != std::string::npos;) s.replace(at, std::strlen(quote), " ");
  std::string out;
  std::istringstream words(s);
  for (std::string w; words >> w;) {
    auto stray = [](char c) { return c == '-' || c == '.' || c == ',' || c == '\''; };
    while (!w.empty() && stray(w.front())) w.erase(w.begin());
    const bool abbreviation = w.size() >= 2 && w.size() <= 4 && w.back() == '.';
    while (!w.empty() && stray(w.back()) && !(abbreviation && w.back() == '.' && w.find('.') == w.size() - 1))
      w.pop_back();
    if (w.empty()) continue;
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
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
    case CellType::Text: {
      const std::string text = register_text(cleaned);
      return {text, !text.empty(), text.empty() ? "empty" : ""};
    }
  }
  return {cleaned, false, "unknown type"};
}

}  // namespace berkas
