#include "extract/invoice_templates.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace berkas {
namespace {

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key)) return out;
  for (const auto& s : j.at(key)) out.push_back(s.get<std::string>());
  return out;
}

ValuePosition position_from(const std::string& s, const std::string& origin) {
  if (s == "right") return ValuePosition::Right;
  if (s == "below") return ValuePosition::Below;
  if (s == "any") return ValuePosition::Any;
  throw Error(ErrorCode::InvalidArgument, origin + ": value position must be right, below or any, not " + s);
}

const std::vector<std::string>& known_fields() {
  static const std::vector<std::string> k{"hospital",       "invoice_number", "patient_name", "medical_record_number",
                                          "admission_date", "discharge_date", "total_amount", "care_period"};
  return k;
}

// The built-in fallback when no generic.json exists.
InvoiceTemplate builtin_generic() {
  InvoiceTemplate t;
  t.name = "generic-builtin";
  t.generic = true;
  t.fields["invoice_number"] = {{"NO. INVOICE", "NO. TAGIHAN", "NO. KWITANSI", "NO. BILLING", "NOMOR"}};
  t.fields["patient_name"] = {{"NAMA PASIEN", "NAMA", "PASIEN"}};
  t.fields["medical_record_number"] = {{"NO. RM", "NO. REKAM MEDIS", "MR"}};
  t.fields["admission_date"] = {{"TGL MASUK", "TANGGAL MASUK"}};
  t.fields["discharge_date"] = {{"TGL KELUAR", "TANGGAL KELUAR"}};
  t.fields["total_amount"] = {{"TOTAL", "GRAND TOTAL", "JUMLAH TAGIHAN", "TOTAL BIAYA"}};
  t.fields["care_period"] = {{"PERIODE RAWAT"}};
  t.hospital_words = {"RSUD", "RSU", "RS", "RSUP", "RUMAH SAKIT", "KLINIK", "PUSKESMAS"};
  t.items.description = {"URAIAN", "LAYANAN", "KETERANGAN"};
  t.items.amount = {"SUBTOTAL", "JUMLAH", "BIAYA"};
  t.items.end = {"TOTAL", "GRAND TOTAL", "JUMLAH TAGIHAN"};
  return t;
}

}  // namespace

double label_threshold(size_t n) {
  if (n <= 3) return 1.0;
  if (n <= 5) return 0.74;  // one edit
  if (n <= 9) return 0.77;
  return 0.76;
}

InvoiceTemplate parse_invoice_template(const std::string& json_text, const std::string& origin) {
  try {
    const auto j = nlohmann::json::parse(json_text);
    InvoiceTemplate t;
    t.name = j.at("name").get<std::string>();
    t.generic = j.value("generic", false);
    if (j.contains("match")) {
      const auto& m = j.at("match");
      t.hospitals = strings(m, "hospitals");
      t.keywords = strings(m, "keywords");
      t.min_keywords = m.value("min_keywords", 1);
    }
    if (j.contains("fields"))
      for (const auto& [name, spec] : j.at("fields").items()) {
        if (std::find(known_fields().begin(), known_fields().end(), name) == known_fields().end())
          throw Error(ErrorCode::InvalidArgument, origin + ": unknown invoice field " + name);
        InvoiceFieldSpec f;
        f.labels = strings(spec, "labels");
        f.position = position_from(spec.value("value", std::string("any")), origin);
        t.fields[name] = std::move(f);
      }
    t.other_labels = strings(j, "other_labels");
    t.hospital_words = strings(j, "hospital_words");
    if (j.contains("items")) {
      const auto& it = j.at("items");
      t.items.description = strings(it, "description");
      t.items.amount = strings(it, "amount");
      t.items.start = strings(it, "start");
      t.items.end = strings(it, "end");
    }
    return t;
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::InvalidArgument, origin + ": malformed invoice template: " + e.what());
  }
}

InvoiceTemplates load_invoice_templates(const std::filesystem::path& dir) {
  InvoiceTemplates out;
  bool have_generic = false;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec))
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::Io, "cannot read invoice template " + path.string());
    std::stringstream ss;
    ss << in.rdbuf();
    auto t = parse_invoice_template(ss.str(), path.string());
    if (t.generic) {
      out.generic = std::move(t);
      have_generic = true;
    } else {
      out.layouts.push_back(std::move(t));
    }
  }
  if (!have_generic) out.generic = builtin_generic();
  return out;
}

const InvoiceTemplates& standard_invoice_templates() {
  static const InvoiceTemplates templates = load_invoice_templates(templates_dir() / "invoices");
  return templates;
}

PhraseMatch find_phrase(const std::vector<TextRow>& rows, const std::string& phrase, size_t first_row, size_t end_row) {
  PhraseMatch best;
  const std::string want = label_key(phrase);
  if (want.empty()) return best;
  const double threshold = label_threshold(want.size());
  for (size_t r = first_row; r < rows.size() && r < end_row; ++r) {
    const auto& words = rows[r].words;
    for (size_t a = 0; a < words.size(); ++a) {
      std::string key;
      for (size_t b = a; b < words.size() && b < a + 8; ++b) {
        key += label_key(words[b].text);
        if (key.empty()) continue;
        if (key.size() + 3 < want.size()) continue;
        if (key.size() > want.size() + 3) break;
        const double s = similarity(key, want);
        if (s >= threshold && s > best.score) best = {r, a, b, s};
      }
    }
  }
  return best;
}

const InvoiceTemplate* match_invoice_template(const std::vector<TextRow>& rows, const InvoiceTemplates& templates) {
  const InvoiceTemplate* best = nullptr;
  double best_score = 0;
  // Hospital names stand in the letterhead: the top third of the rows.
  const size_t top = std::max<size_t>(6, rows.size() / 3);
  for (const auto& t : templates.layouts) {
    double hospital = 0;
    for (const auto& h : t.hospitals) hospital = std::max(hospital, find_phrase(rows, h, 0, top).score);
    int keywords = 0;
    double keyword_score = 0;
    for (const auto& k : t.keywords)
      if (double s = find_phrase(rows, k).score; s > 0) ++keywords, keyword_score += s;
    const bool recognised = hospital > 0 || (keywords >= t.min_keywords && keywords > 0);
    if (!recognised) continue;
    const double score = 2 * hospital + keyword_score;
    if (score > best_score) best_score = score, best = &t;
  }
  return best;
}

}  // namespace berkas
