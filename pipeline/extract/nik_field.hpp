// The NIK of a KTP or SKTM, settled from what OCR read after its label. The
// printed birth date and sex decide between readings: the number as read;
// the six date digits put right when only they make it impossible; a digit
// OCR doubled dropped (the KTP's NIK font makes Tesseract split strokes);
// and, when none of these holds, a second reading of just that line, digits
// only. Every correction lowers the confidence.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>

#include "core/date.hpp"
#include "extract/extracted_fields.hpp"
#include "extract/labelled_fields.hpp"

namespace berkas {

class OcrEngine;

struct NikEvidence {
  std::optional<Date> birth_date;  // as printed on the document
  std::optional<char> sex;         // 'M' or 'F', as printed
  int reference_year = 0;
  // The regency and district printed on the card ("KABUPATEN BOGOR",
  // "CIBINONG"): decide between corrections that are otherwise equally
  // possible.
  std::string printed_regency, printed_district;
};

// The digits of `text`, in order.
std::string digits_only(const std::string& text);

// A 16-digit NIK or KK number with its date digits (positions 7-12, DDMMYY)
// replaced by `date` (`day_offset` 40 for a woman's NIK), and how many of
// those six digits changed.
std::pair<std::string, int> with_date_digits(const std::string& digits, const Date& date, int day_offset = 0);

// Every distinct 16-digit number left after dropping the one or two digits
// OCR added to a 17- or 18-digit reading (empty for other lengths).
std::set<std::string> without_extra_digits(const std::string& digits);

// Keeps the numbers whose region code (its first `code_digits` digits) is
// the region printed as `printed_name`; does nothing when that would leave
// none or the name is empty.
void keep_printed_region(std::set<std::string>& numbers, size_t code_digits, const std::string& printed_name);

// `engine` and `upright_gray` (the image the words were read on) allow the
// second reading; either may be null/empty.
std::optional<FieldValue> settle_nik_field(const LabelledValue& raw, const NikEvidence& evidence, OcrEngine* engine,
                                           const cv::Mat& upright_gray);

}  // namespace berkas
