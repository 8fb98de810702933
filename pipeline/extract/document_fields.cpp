#include "extract/document_fields.hpp"

#include <algorithm>
#include <regex>

#include "domain/document_dates.hpp"
#include "domain/free_text.hpp"
#include "domain/nik_repair.hpp"
#include "domain/region_names.hpp"
#include "extract/field_normalizer.hpp"
#include "extract/invoice_extractor.hpp"
#include "extract/kk_members.hpp"
#include "extract/labelled_fields.hpp"
#include "extract/layout_template.hpp"
#include "extract/nik_field.hpp"
#include "extract/text_layout.hpp"
#include "region/region_table.hpp"

namespace berkas {
namespace {

bool is_region_kind(const std::string& kind) {
  return kind == "province" || kind == "regency" || kind == "district" || kind == "village";
}

bool is_number_kind(const std::string& kind) { return kind == "nik" || kind == "kk_number"; }

// A NIK read after its label, settled against the printed birth date and sex.
void settle_nik(const LabelledValue& raw, const std::map<std::string, LabelledValue>& raw_fields,
                const std::string& field, int reference_year, OcrEngine* engine, const cv::Mat& gray,
                FieldMap& fields) {
  NikEvidence evidence;
  evidence.reference_year = reference_year;
  if (auto it = fields.find("birth_date"); it != fields.end()) evidence.birth_date = parse_iso_date(it->second.value);
  if (auto it = fields.find("sex"); it != fields.end()) evidence.sex = it->second.value.front();
  if (auto it = raw_fields.find("regency"); it != raw_fields.end()) evidence.printed_regency = it->second.text;
  if (auto it = raw_fields.find("district"); it != raw_fields.end()) evidence.printed_district = it->second.text;
  auto nik = settle_nik_field(raw, evidence, engine, gray);
  if (!nik) return;
  fields[field] = *nik;
  // What the card failed to show clearly, a possible NIK tells.
  const NikReading reading = read_nik(nik->value, RegionTable::standard(), reference_year);
  if (!reading.ok()) return;
  // The card disagrees with its own NIK: one of them is misread (or the
  // card is wrong); neither is to be trusted without a look.
  if (evidence.birth_date && reading.birth_date != *evidence.birth_date) fields["birth_date"].confidence *= 0.6;
  if (evidence.sex && reading.sex != *evidence.sex) fields["sex"].confidence *= 0.6;
  if (!evidence.birth_date) fields["birth_date"] = {reading.birth_date.iso(), 0.6, raw.box};
  if (!evidence.sex) fields["sex"] = {std::string(1, reading.sex), 0.6, raw.box};
}

// The KK number: as read after "NO." when it is a possible KK number, else
// with the digits OCR added dropped when only one way gives a possible
// number (of the printed issue date and region, when printed), else the
// first number above the header that is possible, as read or so repaired
// (never a member's NIK from the table below).
void settle_kk_number(const std::map<std::string, LabelledValue>& raw, const std::vector<TextRow>& rows,
                      int reference_year, FieldMap& fields) {
  const auto& regions = RegionTable::standard();
  std::optional<Date> issued;
  if (auto it = fields.find("issue_date"); it != fields.end()) issued = parse_iso_date(it->second.value);
  auto printed = [&](const char* field) {
    auto it = raw.find(field);
    return it == raw.end() ? std::string() : it->second.text;
  };
  // A KK number's date digits are the day the card was issued.
  auto agrees = [&](const NikReading& r) { return !issued || r.birth_date == *issued; };
  // A digit or two OCR added: the numbers left after dropping them that are
  // possible KK numbers of the printed issue date. A shifted date rarely
  // stays a date, so one is usually left even when no date was printed.
  auto possible_without_extra_digits = [&](const std::string& digits) {
    std::set<std::string> found;
    for (const auto& c : without_extra_digits(digits))
      if (auto r = repair_kk_number(c, regions, reference_year); r && agrees(r->reading)) found.insert(c);
    if (found.size() > 1) keep_printed_region(found, 4, printed("regency"));
    if (found.size() > 1) keep_printed_region(found, 6, printed("district"));
    return found;
  };
  if (auto it = raw.find("kk_number"); it != raw.end()) {
    const LabelledValue& v = it->second;
    if (auto repair = repair_kk_number(v.text, regions, reference_year)) {
      double confidence = 0.45 + 0.5 * v.ocr_confidence - 0.04 * repair->substitutions;
      if (!agrees(repair->reading)) confidence *= 0.7;
      fields["kk_number"] = {repair->digits, std::clamp(confidence, 0.0, 0.97), v.box};
      return;
    }
    const std::string digits = digits_only(v.text);
    std::set<std::string> found = possible_without_extra_digits(digits);
    if (digits.size() == 16 && issued) {
      // Only the date digits are impossible: the printed issue date says
      // what they are (one or two misread digits at most).
      const auto [candidate, differ] = with_date_digits(digits, *issued);
      if (differ <= 2 && repair_kk_number(candidate, regions, reference_year)) found.insert(candidate);
    }
    if (found.size() == 1) {
      const double confidence =
          0.35 + 0.5 * v.ocr_confidence - 0.12 * (digits.size() == 16 ? 1.0 : digits.size() - 16.0);
      fields["kk_number"] = {*found.begin(), std::clamp(confidence, 0.0, 0.9), v.box};
      return;
    }
  }
  size_t header_row = std::min<size_t>(rows.size(), 6);
  if (auto it = raw.find("head_name"); it != raw.end()) header_row = it->second.row;
  for (size_t r = 0; r < header_row; ++r)
    for (const auto& w : rows[r].words) {
      if (label_key(w.text).size() < 14) continue;
      if (auto repair = repair_kk_number(w.text, regions, reference_year)) {
        const double confidence = (0.35 + 0.5 * w.confidence) * (agrees(repair->reading) ? 1.0 : 0.7);
        fields["kk_number"] = {repair->digits, std::clamp(confidence, 0.0, 0.9), w.box};
        return;
      }
      const std::string digits = digits_only(w.text);
      if (const auto found = possible_without_extra_digits(digits); found.size() == 1) {
        const double confidence = 0.25 + 0.5 * w.confidence - 0.12 * (static_cast<double>(digits.size()) - 16.0);
        fields["kk_number"] = {*found.begin(), std::clamp(confidence, 0.0, 0.8), w.box};
        return;
      }
    }
}

// Region names snapped to the region table: within the region the NIK or KK
// number encodes when the printed name agrees with it, else wherever the
// printed name fits best (people move; their NIK does not change).
void settle_regions(const std::map<std::string, LabelledValue>& raw, const LayoutTemplate& layout,
                    const std::string& code, FieldMap& fields) {
  const auto& table = RegionTable::standard();
  std::string province_code = code.size() >= 2 ? code.substr(0, 2) : "";
  std::string regency_code = code.size() >= 4 ? code.substr(0, 4) : "";
  std::string district_code = code.size() >= 6 ? code.substr(0, 6) : "";
  auto settle = [&](const std::string& kind, std::string& parent_code, std::string& own_code) {
    for (const auto& rule : layout.fields) {
      if (rule.kind != kind) continue;
      auto it = raw.find(rule.field);
      if (it == raw.end()) continue;
      const auto& text = it->second.text;
      RegionMatch match;  // region == nullptr: none
      // The NIK's own region, when the printed name is that one.
      if (const Region* expected = own_code.empty() ? nullptr : table.find(own_code)) {
        const std::string printed = printed_region_name(*expected);
        const double sim = similarity(label_key(text), label_key(printed));
        if (sim >= 0.6) match = RegionMatch{expected, sim, printed};
      }
      if (match.region == nullptr) {
        std::optional<RegionMatch> snapped;
        if (kind == "province")
          snapped = snap_province(text);
        else if (kind == "regency")
          snapped = snap_regency(text, parent_code);
        else if (kind == "district")
          snapped = snap_district(text, parent_code);
        else
          snapped = snap_village(text, parent_code);
        if (snapped && snapped->similarity >= 0.7) match = *snapped;
      }
      if (match.region != nullptr) {
        const bool agrees_with_number = !own_code.empty() && match.region->code == own_code;
        const double confidence =
            agrees_with_number ? 0.55 + 0.45 * match.similarity : it->second.ocr_confidence * match.similarity * 0.9;
        fields[rule.field] = {match.printed, std::min(confidence, 0.99), it->second.box};
        own_code = match.region->code;
      } else {
        fields[rule.field] = {clean_free_text(text), free_text_confidence(it->second.ocr_confidence) * 0.7,
                              it->second.box};
      }
    }
  };
  std::string none;
  settle("province", none, province_code);
  if (regency_code.empty() || regency_code.rfind(province_code, 0) != 0) regency_code.clear();
  settle("regency", province_code, regency_code);
  if (district_code.rfind(regency_code, 0) != 0) district_code.clear();
  settle("district", regency_code, district_code);
  std::string village_code;
  settle("village", district_code, village_code);
}

// Label rows: every field of the layout, then the ones that depend on others.
FieldMap labelled_fields(const std::vector<TextRow>& rows, const LayoutTemplate& layout, int reference_year,
                         OcrEngine* engine, const cv::Mat& gray, std::map<std::string, LabelledValue>& raw) {
  raw = find_labelled_values(rows, layout);
  FieldMap fields;
  for (const auto& rule : layout.fields) {
    if (is_region_kind(rule.kind) || is_number_kind(rule.kind)) continue;
    if (auto it = raw.find(rule.field); it != raw.end()) normalize_field(rule, it->second, reference_year, fields);
  }
  for (const auto& rule : layout.fields)
    if (rule.kind == "nik")
      if (auto it = raw.find(rule.field); it != raw.end())
        settle_nik(it->second, raw, rule.field, reference_year, engine, gray, fields);
  return fields;
}

// The office that issued an SKTM: the village or kelurahan named after
// "KEPALA DESA", "KELURAHAN"... in the letterhead or the signature.
void settle_issuer(const std::vector<TextRow>& rows, const LayoutTemplate& layout, const std::string& district_code,
                   FieldMap& fields) {
  static const std::vector<std::string> kStops{"KECAMATAN", "KABUPATEN", "KOTA", "KAB", "PROVINSI", "DENGAN", "ALAMAT"};
  std::optional<FieldValue> fallback;
  for (const auto& row : rows) {
    for (const auto& issuer_word : layout.issuer_words) {
      const std::string key = label_key(issuer_word);
      for (size_t i = 0; i < row.words.size(); ++i) {
        std::string phrase;
        size_t j = i;
        for (; j < row.words.size() && phrase.size() < key.size(); ++j) phrase += label_key(row.words[j].text);
        if (phrase != key) continue;
        std::string name;
        size_t k = j;
        for (; k < row.words.size(); ++k) {
          const std::string w = label_key(row.words[k].text);
          if (std::find(kStops.begin(), kStops.end(), w) != kStops.end() || row.gap_before(k) > 2.5) break;
          name += (name.empty() ? "" : " ") + row.words[k].text;
          if (row.words[k].text.back() == ',') break;
        }
        name = clean_free_text(name);
        while (!name.empty() && (name.back() == ',' || name.back() == '.')) name.pop_back();
        if (name.empty()) continue;
        const cv::Rect box = words_box(row, j, k == j ? j : k - 1);
        const double ocr = mean_confidence(row, j, k == j ? j : k - 1);
        if (auto match = snap_village(name, district_code); match && match->similarity >= 0.75) {
          fields["issuer"] = {match->printed, std::min(0.99, 0.5 + 0.45 * match->similarity * ocr + 0.05), box};
          return;
        }
        if (!fallback) fallback = FieldValue{name, free_text_confidence(ocr) * 0.8, box};
      }
    }
  }
  if (fallback) fields["issuer"] = *fallback;
}

// The date an SKTM was signed: the last date on the letter outside the
// person's label rows ("KARANGMULYO, 2 SEPTEMBER 2026").
void settle_issue_date(const std::vector<TextRow>& rows, const std::map<std::string, LabelledValue>& raw,
                       int reference_year, FieldMap& fields) {
  std::vector<size_t> label_rows;
  for (const auto& [field, v] : raw) label_rows.push_back(v.row);
  for (size_t r = rows.size(); r-- > 0;) {
    if (std::find(label_rows.begin(), label_rows.end(), r) != label_rows.end()) continue;
    const std::string text = rows[r].text();
    if (auto date = find_document_date(text, reference_year)) {
      fields["issue_date"] = {date->date.iso(), 0.9 * mean_confidence(rows[r], 0, rows[r].words.size() - 1),
                              rows[r].box};
      return;
    }
  }
}

// A letter's title: the first row near the top that names a kind of letter,
// else the tallest text there. Specks and rules OCR reads as "|", "-" or "."
// before the title are not part of it.
void settle_title(const std::vector<TextRow>& rows, FieldMap& fields) {
  static const std::vector<std::string> kTitleWords{"SURAT",   "RESUME", "LAPORAN",  "FORMULIR",   "KETERANGAN",
                                                    "RUJUKAN", "BERITA", "KWITANSI", "PERNYATAAN", "REKOMENDASI"};
  if (rows.empty()) return;
  auto first_word = [](const TextRow& row) {
    size_t i = 0;
    while (i < row.words.size() && label_key(row.words[i].text).size() < 2) ++i;
    return i;
  };
  const int bottom = rows.back().box.br().y;
  const TextRow* best = nullptr;
  for (const auto& row : rows) {
    if (row.box.y > bottom * 0.5) break;
    const size_t start = first_word(row);
    if (start >= row.words.size()) continue;
    // Either of the first two words: "SURAT" is often damaged ("SUAR
    // RUJUKAN"), and a lost space glues a title into one ("RESUME.MEDIS").
    bool titled = false;
    for (size_t i = start; i < std::min(start + 2, row.words.size()); ++i) {
      const std::string word = label_key(row.words[i].text);
      titled = titled || std::any_of(kTitleWords.begin(), kTitleWords.end(), [&](const std::string& w) {
                 return similarity(word, w) >= 0.8 || (word.size() >= w.size() + 3 && word.rfind(w, 0) == 0);
               });
    }
    if (titled) {
      best = &row;
      break;
    }
    if (start + 2 <= row.words.size() && (best == nullptr || row.height > best->height * 1.2)) best = &row;
  }
  if (best == nullptr) return;
  const size_t start = first_word(*best);
  std::string title;
  for (size_t i = start; i < best->words.size(); ++i) {
    const std::string key = label_key(best->words[i].text);
    if (key == "NOMOR" || key == "NO") break;  // "SURAT RUJUKAN NOMOR: ..."
    title += (title.empty() ? "" : " ") + best->words[i].text;
  }
  title = clean_free_text(title);
  while (!title.empty() && !std::isalnum(static_cast<unsigned char>(title.back()))) title.pop_back();
  if (!title.empty())
    fields["title"] = {title, free_text_confidence(mean_confidence(*best, start, best->words.size() - 1)), best->box};
}

// A batch separator sheet names its case: "C-0002".
void settle_case_id(const std::vector<TextRow>& rows, FieldMap& fields) {
  static const std::regex kCaseId("^[A-Z]{1,5}-[0-9]{2,}$");
  for (const auto& row : rows)
    for (const auto& w : row.words) {
      std::string t = clean_free_text(w.text);
      if (std::regex_match(t, kCaseId)) {
        fields["case_id"] = {t, free_text_confidence(w.confidence), w.box};
        return;
      }
    }
}

}  // namespace

Extraction extract_document_fields(const std::string& doc_type, const std::vector<OcrWord>& words,
                                   const cv::Mat& upright_gray, int reference_year, OcrEngine* engine) {
  Extraction out;
  const auto rows = split_at_colons(arrange_rows(words));
  std::map<std::string, LabelledValue> raw;
  if (doc_type == "ktp" || doc_type == "sktm") {
    const auto& layout = layout_template(doc_type);
    out.fields = labelled_fields(rows, layout, reference_year, engine, upright_gray, raw);
    const std::string nik = out.fields.count("nik") ? out.fields["nik"].value : "";
    if (doc_type == "ktp") settle_regions(raw, layout, nik, out.fields);
    if (doc_type == "sktm") {
      std::string district_code = nik.size() == 16 ? nik.substr(0, 6) : "";
      for (const auto& row : rows)
        if (!row.words.empty() && label_key(row.words.front().text) == "KECAMATAN" && row.words.size() > 1)
          if (auto d = snap_district(row.text(1), district_code.substr(0, 4)); d && d->similarity >= 0.8)
            district_code = d->region->code;
      settle_issuer(rows, layout, district_code, out.fields);
      settle_issue_date(rows, raw, reference_year, out.fields);
    }
  } else if (doc_type == "kk") {
    const auto& layout = layout_template("kk");
    out.fields = labelled_fields(rows, layout, reference_year, engine, upright_gray, raw);
    settle_kk_number(raw, rows, reference_year, out.fields);
    const std::string number = out.fields.count("kk_number") ? out.fields["kk_number"].value : "";
    settle_regions(raw, layout, number, out.fields);
    out.tables["members"] = extract_kk_members(rows, upright_gray, reference_year);
  } else if (doc_type == "invoice") {
    out = extract_invoice(rows, reference_year);
  } else if (doc_type == "separator") {
    settle_case_id(rows, out.fields);
  } else {
    settle_title(rows, out.fields);
  }
  return out;
}

}  // namespace berkas
