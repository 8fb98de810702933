#include "extract/nik_field.hpp"

#include <algorithm>
#include <cstdio>
#include <opencv2/imgproc.hpp>
#include <set>

#include "domain/nik_repair.hpp"
#include "domain/region_names.hpp"
#include "extract/text_layout.hpp"
#include "ocr/ocr_engine.hpp"
#include "region/region_table.hpp"

namespace berkas {
namespace {

struct Reading {
  NumberRepair repair;
  double penalty = 0;  // confidence lost to corrections
};

bool checked(const NikEvidence& e) { return e.birth_date.has_value() && e.sex.has_value(); }

std::optional<Reading> read_text(const std::string& text, const NikEvidence& e) {
  const auto& regions = RegionTable::standard();
  if (auto repair = repair_nik(text, regions, e.reference_year, e.birth_date, e.sex))
    if (repair->consistent) return Reading{*repair, 0.04 * repair->substitutions};
  if (!checked(e)) return std::nullopt;
  const std::string digits = digits_only(text);
  if (digits.size() == 16 && !read_nik(digits, regions, e.reference_year).ok()) {
    // Only the date part is impossible: the printed date says what it is.
    const auto [candidate, differ] = with_date_digits(digits, *e.birth_date, *e.sex == 'F' ? 40 : 0);
    if (differ > 0 && differ <= 2)
      if (auto repair = repair_nik(candidate, regions, e.reference_year, e.birth_date, e.sex);
          repair && repair->consistent)
        return Reading{*repair, 0.1 * differ};
  }
  if (digits.size() == 17 || digits.size() == 18) {
    // Digits OCR added: the one way of dropping them that gives a possible
    // NIK matching the printed birth date, sex and region, if there is one.
    std::set<std::string> found;
    for (const auto& c : without_extra_digits(digits))
      if (auto r = repair_nik(c, regions, e.reference_year, e.birth_date, e.sex); r && r->consistent) found.insert(c);
    if (found.size() > 1) keep_printed_region(found, 4, e.printed_regency);
    if (found.size() > 1) keep_printed_region(found, 6, e.printed_district);
    const size_t extra = digits.size() - 16;
    if (found.size() == 1)
      if (auto repair = repair_nik(*found.begin(), regions, e.reference_year, e.birth_date, e.sex))
        return Reading{*repair, 0.12 * static_cast<double>(extra)};
  }
  return std::nullopt;
}

// The value's line cut out again and read as digits only, larger.
std::string reread_line(const LabelledValue& raw, OcrEngine& engine, const cv::Mat& gray, float& confidence) {
  if (gray.empty() || raw.words.empty()) return "";
  cv::Rect box = raw.box;
  const int pad = std::max(4, box.height / 3);
  box.x -= pad, box.y -= pad, box.width += 2 * pad, box.height += 2 * pad;
  box &= cv::Rect(0, 0, gray.cols, gray.rows);
  if (box.area() == 0) return "";
  cv::Mat crop = gray(box).clone();
  if (crop.rows < 48) cv::resize(crop, crop, {}, 48.0 / crop.rows, 48.0 / crop.rows, cv::INTER_CUBIC);
  return engine.line(crop, 300, "0123456789", &confidence);
}

}  // namespace

std::string digits_only(const std::string& text) {
  std::string d;
  for (char c : text)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

std::pair<std::string, int> with_date_digits(const std::string& digits, const Date& date, int day_offset) {
  char expected[32];  // six digits; room for what the compiler cannot rule out
  std::snprintf(expected, sizeof expected, "%02d%02d%02d", date.day + day_offset, date.month, date.year % 100);
  int differ = 0;
  for (size_t i = 0; i < 6; ++i) differ += digits[6 + i] != expected[i];
  return {digits.substr(0, 6) + expected + digits.substr(12), differ};
}

std::set<std::string> without_extra_digits(const std::string& digits) {
  std::set<std::string> out;
  if (digits.size() != 17 && digits.size() != 18) return out;
  const bool two = digits.size() == 18;
  for (size_t i = 0; i < digits.size(); ++i)
    for (size_t j = two ? i + 1 : digits.size(); j <= digits.size(); ++j) {
      if (two && j == digits.size()) break;
      std::string c;
      for (size_t k = 0; k < digits.size(); ++k)
        if (k != i && k != j) c += digits[k];
      out.insert(c);
    }
  return out;
}

void keep_printed_region(std::set<std::string>& numbers, size_t code_digits, const std::string& printed_name) {
  if (printed_name.empty()) return;
  std::set<std::string> kept;
  for (const auto& n : numbers) {
    const Region* region = RegionTable::standard().find(n.substr(0, code_digits));
    if (region != nullptr && similarity(label_key(printed_region_name(*region)), label_key(printed_name)) >= 0.8)
      kept.insert(n);
  }
  if (!kept.empty()) numbers = std::move(kept);
}

std::optional<FieldValue> settle_nik_field(const LabelledValue& raw, const NikEvidence& evidence, OcrEngine* engine,
                                           const cv::Mat& upright_gray) {
  double ocr = raw.ocr_confidence;
  auto reading = read_text(raw.text, evidence);
  if (!reading && engine != nullptr) {
    float line_confidence = 0;
    const std::string again = reread_line(raw, *engine, upright_gray, line_confidence);
    if ((reading = read_text(again, evidence))) {
      ocr = line_confidence;
      reading->penalty += 0.05;
    }
  }
  if (!reading) {
    // No possible NIK consistent with the card: keep a number as read (a
    // check can then say NIK_INVALID or mismatch), never with confidence.
    if (auto repair = repair_nik(raw.text, RegionTable::standard(), evidence.reference_year))
      return FieldValue{repair->digits, 0.5 * ocr, raw.box};
    const std::string digits = digits_only(raw.text);
    if (digits.size() == 16) return FieldValue{digits, 0.3 * ocr, raw.box};
    return std::nullopt;
  }
  double confidence = 0.5 + 0.5 * ocr - reading->penalty;
  if (!checked(evidence)) confidence -= 0.1;  // nothing printed to cross-check against
  return FieldValue{reading->repair.digits, std::clamp(confidence, 0.0, 0.99), raw.box};
}

}  // namespace berkas
