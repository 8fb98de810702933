#include "classify/classifier.hpp"

#include <algorithm>
#include <map>

#include "extract/text_layout.hpp"

namespace berkas {
namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Keyword evidence per type: phrases printed on every such paper, in
// label_key form (letters and digits only), with their weight.
struct Evidence {
  const char* doc_type;
  std::vector<std::pair<const char*, double>> phrases;
};

const std::vector<Evidence> kEvidence{
    {"ktp",
     {{"PROVINSI", 0.5},
      {"NIK", 0.5},
      {"TEMPATTGLLAHIR", 1},
      {"KEWARGANEGARAAN", 1.5},
      {"BERLAKUHINGGA", 2},
      {"GOLDARAH", 1.5},
      {"STATUSPERKAWINAN", 1},
      {"KELDESA", 1.5}}},
    {"kk",
     {{"KARTUKELUARGA", 4},
      {"NAMAKEPALAKELUARGA", 2},
      {"STATUSHUBUNGAN", 1},
      {"PENDIDIKAN", 1},
      {"KITAP", 1},
      {"NAMAAYAH", 1},
      {"NAMAIBU", 1}}},
    {"sktm",
     {{"TIDAKMAMPU", 4}, {"KEPALADESA", 1}, {"LURAH", 0.5}, {"MENERANGKAN", 1}, {"KEPERLUAN", 1}, {"MISKIN", 1}}},
    {"invoice",
     {{"TAGIHAN", 2},
      {"KWITANSI", 2},
      {"RINCIANBIAYA", 3},
      {"TOTAL", 1},
      {"REKAMMEDIS", 1},
      {"NORM", 0.5},
      {"SUBTOTAL", 1},
      {"TARIF", 1},
      {"BILLING", 1},
      {"KASIR", 1},
      {"TANGGALMASUK", 0.5},
      {"TGLMASUK", 0.5}}},
    {"separator", {{"LEMBARPEMISAH", 5}, {"PEMISAHBERKAS", 3}, {"NOMORKASUS", 2}}},
    // Letters that are none of the above but go in a bundle: referrals,
    // inpatient statements, discharge summaries.
    {"other",
     {{"SURATRUJUKAN", 3},
      {"RESUMEMEDIS", 3},
      {"SURATKETERANGANRAWATINAP", 3},
      {"DIAGNOSA", 1},
      {"DOKTERPEMERIKSA", 1},
      {"MOHONPEMERIKSAAN", 1}}},
};

// Short words must match exactly: "KASIR" is one letter from "KASIH".
size_t allowed(size_t length) { return length <= 5 ? 0 : length <= 9 ? 1 : length <= 14 ? 2 : 3; }

}  // namespace

size_t approximate_find(std::string_view text, std::string_view pattern) {
  // Sellers' algorithm: edit distance where the match may start anywhere.
  std::vector<size_t> col(pattern.size() + 1);
  for (size_t i = 0; i <= pattern.size(); ++i) col[i] = i;
  size_t best = pattern.size();
  for (char c : text) {
    size_t diagonal = col[0];
    col[0] = 0;
    for (size_t i = 1; i <= pattern.size(); ++i) {
      const size_t up = col[i];
      col[i] = std::min({col[i] + 1, col[i - 1] + 1, diagonal + (pattern[i - 1] == c ? 0 : 1)});
      diagonal = up;
    }
    best = std::min(best, col[pattern.size()]);
  }
  return best;
}

std::vector<std::string> text_lines(const std::vector<OcrWord>& words) {
  std::map<std::pair<int, int>, std::string> lines;  // (block, line) keeps reading order
  for (const auto& w : words) {
    auto& line = lines[{w.block, w.line}];
    line += (line.empty() ? "" : " ") + upper(w.text);
  }
  std::vector<std::string> out;
  for (auto& [key, text] : lines) out.push_back(std::move(text));
  return out;
}

Classification classify(const std::vector<OcrWord>& words, const LayoutHints& layout) {
  std::string text;  // one key per line, lines kept apart so phrases do not span them
  for (const auto& line : text_lines(words)) text += label_key(line) + "|";
  Classification best;
  double best_score = 0, total = 0;
  for (const auto& e : kEvidence) {
    double score = 0;
    for (const auto& [phrase, weight] : e.phrases) {
      const std::string_view p(phrase);
      if (approximate_find(text, p) <= allowed(p.size())) score += weight;
    }
    // Layout: only an ID card is card-sized; a KK is a landscape sheet.
    if (std::string_view(e.doc_type) == "ktp" && layout.card && score > 0) score += 1.5;
    if (std::string_view(e.doc_type) == "kk" && layout.landscape && score > 0) score += 0.5;
    total += score;
    if (score > best_score) best_score = score, best.doc_type = e.doc_type;
  }
  if (best_score < 2.0) return {"other", 0.5};
  best.confidence = std::min(0.99, 0.5 + 0.5 * best_score / std::max(total, 1.0) * std::min(1.0, best_score / 5.0));
  return best;
}

}  // namespace berkas
