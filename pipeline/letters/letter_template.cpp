#include "letters/letter_template.hpp"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace berkas {

LetterTemplate load_letter_template(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(ErrorCode::NotFound, file.string() + ": cannot be opened");
  LetterTemplate t;
  try {
    const auto j = nlohmann::json::parse(in);
    t.kind = j.at("kind").get<std::string>();
    t.title = j.at("title").get<std::string>();
    t.number_pattern = j.at("number_pattern").get<std::string>();
    t.sifat = j.value("sifat", "Biasa");
    t.lampiran = j.value("lampiran", "-");
    t.hal = j.value("hal", "");
    t.addressee = j.value("addressee", std::vector<std::string>{});
    for (const auto& b : j.value("body", nlohmann::json::array())) {
      LetterBlock block;
      if (b.contains("paragraph")) {
        block.text = b["paragraph"].get<std::string>();
      } else if (b.contains("cost_share")) {
        block.kind = LetterBlock::Kind::CostShare;
        block.text = b["cost_share"].get<std::string>();
      } else if (b.contains("fields")) {
        block.kind = LetterBlock::Kind::Fields;
        for (const auto& f : b["fields"])
          block.fields.emplace_back(f.at(0).get<std::string>(), f.at(1).get<std::string>());
      } else {
        throw Error(ErrorCode::CorruptInput, file.string() + ": a body block must be paragraph, fields or cost_share");
      }
      t.body.push_back(std::move(block));
    }
    t.signer = j.value("signer", "");
    t.signers = j.value("signers", std::vector<std::string>{});
    t.tembusan = j.value("tembusan", std::vector<std::string>{});
    t.opening = j.value("opening", "");
    t.closing = j.value("closing", "");
    for (const auto& c : j.value("columns", nlohmann::json::array()))
      t.columns.push_back({c.at("title").get<std::string>(), c.at("value").get<std::string>(), c.value("width", 0.1),
                           c.value("align", "left") == "right"});
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::CorruptInput, file.string() + ": " + e.what());
  }
  if (t.signer.empty() && t.signers.empty()) throw Error(ErrorCode::CorruptInput, file.string() + ": names no signer");
  return t;
}

const LetterTemplate& letter_template(const std::string& kind) {
  static std::mutex mutex;
  static std::map<std::string, LetterTemplate> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(kind);
  if (it != cache.end()) return it->second;
  if (kind.empty() || kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
    throw Error(ErrorCode::InvalidArgument, "unknown letter kind '" + kind + "'");
  const auto file = templates_dir() / "letters" / (kind + ".json");
  if (!std::filesystem::exists(file)) throw Error(ErrorCode::InvalidArgument, "unknown letter kind '" + kind + "'");
  return cache.emplace(kind, load_letter_template(file)).first->second;
}

std::vector<std::string> letter_kinds() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(templates_dir() / "letters", ec))
    if (e.path().extension() == ".json") out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string fill_placeholders(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '{') {
      out += text[i++];
      continue;
    }
    const size_t close = text.find('}', i);
    if (close == std::string::npos) throw Error(ErrorCode::CorruptInput, "letter text has an unclosed '{': " + text);
    const std::string name = text.substr(i + 1, close - i - 1);
    auto it = values.find(name);
    if (it == values.end())
      throw Error(ErrorCode::CorruptInput, "letter text needs {" + name + "}, which has no value");
    out += it->second;
    i = close + 1;
  }
  return out;
}

}  // namespace berkas
