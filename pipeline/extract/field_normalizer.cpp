#include "extract/field_normalizer.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include "domain/document_dates.hpp"
#include "domain/free_text.hpp"
#include "domain/rt_rw.hpp"
#include "domain/vocabulary.hpp"
#include "extract/nik_field.hpp"
#include "extract/text_layout.hpp"

namespace berkas {
namespace {

// One '/'-separated segment of a letter number ("474/223/DS/IX/2026") as
// it should read. Roman months come out of OCR with digits for letters
// ("1X", "V1I"): a segment of I/V/X look-alikes holding a V or X is read as
// roman. Otherwise a segment is a number ("474", "400.9.2") or a code
// ("DS", "KEL"); one that mixes both was misread, and the minority side is
// turned into look-alikes of the majority ("D5" -> "DS", "Z026" -> "2026").
std::string repair_segment(std::string segment) {
  static const char* kRoman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
  std::string roman;
  bool has_v_or_x = false, lookalike_only = !segment.empty();
  int letters = 0, digits = 0;
  for (char c : segment) {
    const auto u = static_cast<unsigned char>(c);
    letters += std::isalpha(u) != 0, digits += std::isdigit(u) != 0;
    if (c == 'V' || c == 'X') has_v_or_x = true;
    if (c == 'I' || c == 'V' || c == 'X')
      roman += c;
    else if (c == '1' || c == 'L' || c == '|' || c == '!')
      roman += 'I';
    else
      lookalike_only = false;
  }
  if (lookalike_only && has_v_or_x && std::find(std::begin(kRoman), std::end(kRoman), roman) != std::end(kRoman))
    return roman;
  if (letters == 0 || digits == 0 || lookalike_only) return segment;
  static const std::string kDigitsAsLetters = "0O1I2Z5S6G8B";  // digit, look-alike letter, ...
  for (char& c : segment) {
    const size_t at = kDigitsAsLetters.find(c);
    if (at == std::string::npos) continue;
    if (letters >= digits && at % 2 == 0) c = kDigitsAsLetters[at + 1];
    if (digits > letters && at % 2 == 1) c = kDigitsAsLetters[at - 1];
  }
  return segment;
}

std::string letter_number(const std::string& raw) {
  std::string s;
  for (char c : raw)
    if (!std::isspace(static_cast<unsigned char>(c)))
      s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  while (!s.empty() && (s.front() == ':' || s.front() == '.' || s.front() == ';')) s.erase(s.begin());
  while (!s.empty() && (s.back() == '.' || s.back() == ',')) s.pop_back();
  std::string out;
  size_t start = 0;
  for (size_t slash; (slash = s.find('/', start)) != std::string::npos; start = slash + 1)
    out += repair_segment(s.substr(start, slash - start)) + "/";
  return out + repair_segment(s.substr(start));
}

// The value's words snapped to a closed vocabulary. OCR leaves debris
// around the value (a colon read as "2", a stamp or photo edge after it):
// every run of consecutive words is tried and the closest match wins,
// longer runs on a tie.
std::optional<Snapped> snap_words(Vocabulary vocabulary, const LabelledValue& raw) {
  std::optional<Snapped> best;
  const size_t n = raw.words.size();
  for (size_t first = 0; first < n && first < 3; ++first)
    for (size_t last = n; last > first; --last) {
      std::string text;
      for (size_t i = first; i < last; ++i) text += (text.empty() ? "" : " ") + raw.words[i].text;
      const auto s = snap(vocabulary, text);
      if (s && (!best || s->similarity > best->similarity)) best = s;
    }
  return best;
}

// RT/RW as read, or with the slash OCR read as a digit ("0117011": the
// seventh stroke is the slash) or lost among debris.
std::optional<std::string> rt_rw_value(const LabelledValue& raw) {
  if (auto v = parse_rt_rw(raw.text)) return v;
  for (const auto& w : raw.words) {
    if (auto v = parse_rt_rw(w.text)) return v;
    const std::string digits = digits_only(w.text);
    if (digits.size() == 7 && (digits[3] == '7' || digits[3] == '1'))
      return digits.substr(0, 3) + "/" + digits.substr(4);
  }
  return std::nullopt;
}

// Addresses abbreviate street, alley and number with a full stop ("JL.",
// "GG.", "NO."); OCR often loses the stop, which is put back.
std::string address_abbreviations(const std::string& text) {
  static const std::regex kAbbreviation("\\b(JL|JLN|GG|NO|BLK|KEL|KEC|DS|KP|KOMP)(\\s)");
  static const std::regex kGluedNumber("\\bNO\\.([0-9])");  // "NO.1" -> "NO. 1"
  return std::regex_replace(std::regex_replace(text, kAbbreviation, "$1.$2"), kGluedNumber, "NO. $1");
}

// Quotes and specks OCR makes of dirt on a copy: tokens with no letter or
// digit are dropped, quotes at either end of a word are cut ("'THAMRIN",
// "DESA'"); an apostrophe inside a name ("NUR'AINI") stays.
std::string without_speck_tokens(const std::string& text) {
  static const std::string kQuotes = "'\"`";
  std::string out, token;
  auto flush = [&] {
    size_t b = 0, e = token.size();
    while (b < e && kQuotes.find(token[b]) != std::string::npos) ++b;
    while (e > b && kQuotes.find(token[e - 1]) != std::string::npos) --e;
    token = token.substr(b, e - b);
    const bool has_alnum = std::any_of(token.begin(), token.end(), [](unsigned char c) { return std::isalnum(c); });
    if (has_alnum || token == "-") out += (out.empty() ? "" : " ") + token;
    token.clear();
  };
  for (char c : text) {
    if (c == ' ')
      flush();
    else
      token += c;
  }
  flush();
  return out;
}

void store(FieldMap& fields, const std::string& name, std::string value, double confidence, const cv::Rect& box) {
  if (value.empty()) return;
  fields[name] = {std::move(value), std::clamp(confidence, 0.0, 1.0), box};
}

}  // namespace

double free_text_confidence(double ocr_confidence) { return 0.95 * ocr_confidence; }

void normalize_field(const FieldRule& rule, const LabelledValue& raw, int reference_year, FieldMap& fields) {
  const std::string& kind = rule.kind;
  const double ocr = raw.ocr_confidence;
  if (kind.rfind("vocabulary:", 0) == 0) {
    const auto vocabulary = vocabulary_named(kind.substr(11));
    if (!vocabulary) return;
    const auto snapped = snap_words(*vocabulary, raw);
    if (snapped) store(fields, rule.field, snapped->value, 0.4 * ocr + 0.6 * snapped->similarity, raw.box);
    return;
  }
  if (kind == "date") {
    if (auto date = parse_document_date(raw.text, reference_year)) store(fields, rule.field, date->iso(), ocr, raw.box);
    return;
  }
  if (kind == "date_or_lifetime") {
    const std::string key = label_key(raw.text);
    if (similarity(key, "SEUMURHIDUP") >= 0.75) {
      store(fields, rule.field, "SEUMUR HIDUP", 0.4 * ocr + 0.6 * similarity(key, "SEUMURHIDUP"), raw.box);
    } else if (auto date = parse_document_date(raw.text, reference_year)) {
      store(fields, rule.field, date->iso(), ocr, raw.box);
    }
    return;
  }
  if (kind == "place_and_date") {
    const auto date = find_document_date(raw.text, reference_year);
    std::string place = raw.text;
    if (date) {
      place = raw.text.substr(0, date->begin);
      store(fields, rule.date_field, date->date.iso(), ocr, raw.box);
    } else if (const size_t comma = raw.text.rfind(','); comma != std::string::npos) {
      place = raw.text.substr(0, comma);  // the date is unreadable; the place ends at the comma
    }
    place = clean_free_text(place);
    while (!place.empty() && (place.back() == ',' || place.back() == '.' || place.back() == ' ')) place.pop_back();
    store(fields, rule.field, place, free_text_confidence(ocr), raw.box);
    return;
  }
  if (kind == "rt_rw") {
    if (auto v = rt_rw_value(raw)) store(fields, rule.field, *v, ocr, raw.box);
    return;
  }
  if (kind == "postal_code") {
    static const std::regex kFive("\\b[0-9]{5}\\b");
    std::smatch m;
    if (std::regex_search(raw.text, m, kFive)) store(fields, rule.field, m.str(), ocr, raw.box);
    return;
  }
  if (kind == "letter_number") {
    store(fields, rule.field, letter_number(raw.text), 0.9 * ocr, raw.box);
    return;
  }
  if (kind == "person_name") {
    std::string name = clean_person_name(without_speck_tokens(clean_free_text(raw.text)));
    while (!name.empty() && (name.back() == '.' || name.back() == ',' || name.back() == '-' || name.back() == ' '))
      name.pop_back();  // debris after the name, not an initial ("M." stays inside)
    store(fields, rule.field, name, free_text_confidence(ocr), raw.box);
    return;
  }
  // text, and region names / numbers before document_fields settles them.
  std::string text = without_speck_tokens(clean_free_text(raw.text));
  if (kind == "address") text = address_abbreviations(text);
  while (!text.empty() && (text.back() == '.' || text.back() == ',' || text.back() == ' ')) text.pop_back();
  store(fields, rule.field, text, free_text_confidence(ocr), raw.box);
}

}  // namespace berkas
