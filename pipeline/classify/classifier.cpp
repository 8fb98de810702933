#include "classify/classifier.hpp"

#include <algorithm>
#include <map>

namespace berkas {
namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Keyword evidence per type: phrases printed on every such paper.
struct Evidence {
  const char* doc_type;
  std::vector<std::pair<const char*, double>> phrases;
};

const std::vector<Evidence> kEvidence{
    {"ktp",
     {{"PROVINSI", 1},
      {"NIK", 1},
      {"KEWARGANEGARAAN", 2},
      {"BERLAKU HINGGA", 2},
      {"GOL. DARAH", 1},
      {"GOL DARAH", 1},
      {"STATUS PERKAWINAN", 1},
      {"KEL/DESA", 1}}},
    {"kk", {{"KARTU KELUARGA", 4}, {"NAMA KEPALA KELUARGA", 2}, {"HUBUNGAN", 1}, {"PENDIDIKAN", 1}, {"KITAP", 1}}},
    {"sktm", {{"TIDAK MAMPU", 4}, {"KEPALA DESA", 1}, {"LURAH", 1}, {"MENERANGKAN", 1}, {"KEPERLUAN", 1}}},
    {"invoice",
     {{"TAGIHAN", 2},
      {"KWITANSI", 2},
      {"RINCIAN BIAYA", 3},
      {"TOTAL", 1},
      {"REKAM MEDIS", 1},
      {"NO. RM", 1},
      {"RP", 0.5},
      {"BILL", 1},
      {"KASIR", 1}}},
    {"separator", {{"LEMBAR PEMISAH", 5}, {"NOMOR KASUS", 2}}},
};

}  // namespace

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

Classification classify(const std::vector<OcrWord>& words) {
  std::string text;
  for (const auto& line : text_lines(words)) text += line + "\n";
  Classification best;
  double best_score = 0, total = 0;
  for (const auto& e : kEvidence) {
    double score = 0;
    for (const auto& [phrase, weight] : e.phrases)
      if (text.find(phrase) != std::string::npos) score += weight;
    total += score;
    if (score > best_score) best_score = score, best.doc_type = e.doc_type;
  }
  if (best_score < 2.0) return {"other", 0.5};
  best.confidence = std::min(0.99, 0.5 + 0.5 * best_score / std::max(total, 1.0) * std::min(1.0, best_score / 5.0));
  return best;
}

}  // namespace berkas
