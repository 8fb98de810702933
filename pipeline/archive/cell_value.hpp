// A register cell's text, read by OCR, in the normal form of its column's
// type (templates/registers), checked and, where the type allows it without
// guessing, repaired: OCR look-alikes in a NIK, date spellings, thousands
// separators. A value that does not pass its type's check is not made up;
// it goes to review with the reason.
#pragma once

#include <string>
#include <string_view>

#include "rules/register_template.hpp"

namespace berkas {

struct CellValue {
  std::string value;   // normal form; the cleaned text when !valid
  bool valid = false;  // passes the type's check
  std::string reason;  // why not, for the reviewer ("not a possible NIK")
};

// reference_year: for two-digit years and NIK birth dates.
CellValue normalize_cell(CellType type, std::string_view text, int reference_year);

}  // namespace berkas
