// Dates as printed on KTP, KK, SKTM and hospital bills, read through OCR:
// numeric (05-01-1990, 5/1/90, 05.01.1990, 1990-01-05) or with an Indonesian
// month name, full or short, old spellings included (5 Pebruari 1990,
// 12 Nopember 1985, 17 Agt 1945), tolerant of typical OCR damage.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/date.hpp"

namespace berkas {

// The date that makes up the whole text (surrounding spaces and punctuation
// aside). Two-digit years go to the latest century not after reference_year.
// Nothing for impossible dates (31-02-1990) and for anything else.
std::optional<Date> parse_document_date(std::string_view text, int reference_year);

struct DateInText {
  Date date;
  size_t begin = 0, end = 0;        // byte span of the date in the text
  bool separator_repaired = false;  // a separator had been read as a 1
};

// The last date in free text ("LUBUK KILANGAN, 30-01-1988",
// "BANYUWANGI, 2 SEPTEMBER 2026"), with where it stands.
std::optional<DateInText> find_document_date(std::string_view text, int reference_year);

}  // namespace berkas
