#include "domain/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "domain/edit_distance.hpp"
#include "domain/ocr_lookalikes.hpp"

namespace berkas {
namespace {

struct Spec {
  const char* file;
  double min_similarity;
  bool keeps_signs;  // blood types: A+ and A- differ only by the sign
};

// Indexed by Vocabulary. Lists of similar values (occupations, education
// levels) need closer matches than lists of very different words.
constexpr std::array<Spec, 8> kSpecs{{
    {"sex.txt", 0.75, false},
    {"blood_type.txt", 1.0, true},
    {"religion.txt", 0.75, false},
    {"marital_status.txt", 0.8, false},
    {"nationality.txt", 0.8, false},
    {"relationship.txt", 0.75, false},
    {"occupation.txt", 0.8, false},
    {"education.txt", 0.8, false},
}};

struct Entry {
  std::string value;
  std::vector<std::string> keys;  // normalised value and aliases
};

struct List {
  std::vector<std::string> values;
  std::vector<Entry> entries;
};

// Upper case, digits read as letters, spaces and punctuation dropped (OCR
// loses and invents both); '+' and '-' kept where they carry meaning.
std::string key_of(std::string_view text, bool keeps_signs) {
  std::string key;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c) || c == '|' || c == '!') {
      key += letter_in_word(static_cast<char>(c));
    } else if (keeps_signs && (c == '+' || c == '-')) {
      key += static_cast<char>(c);
    } else if (keeps_signs && c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0x93 || static_cast<unsigned char>(text[i + 2]) == 0x94)) {
      key += '-';  // en or em dash
      i += 2;
    }
  }
  return key;
}

std::string trimmed(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const size_t last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

List load_list(const Spec& spec) {
  const auto path = templates_dir() / "vocabularies" / spec.file;
  std::ifstream in(path);
  if (!in) throw Error(ErrorCode::NotFound, "vocabulary " + path.string() + " cannot be opened");
  List list;
  std::string line;
  while (std::getline(in, line)) {
    const size_t hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    line = trimmed(line);
    if (line.empty()) continue;
    Entry entry;
    size_t start = 0;
    while (true) {
      const size_t bar = line.find('|', start);
      std::string spelling = trimmed(std::string_view(line).substr(start, bar - start));
      if (entry.value.empty()) entry.value = spelling;
      std::string key = key_of(spelling, spec.keeps_signs);
      if (key.empty()) throw Error(ErrorCode::CorruptInput, path.string() + ": empty spelling in '" + line + "'");
      entry.keys.push_back(std::move(key));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    list.values.push_back(entry.value);
    list.entries.push_back(std::move(entry));
  }
  if (list.entries.empty()) throw Error(ErrorCode::CorruptInput, path.string() + " lists no values");
  return list;
}

const List& list_of(Vocabulary v) {
  // Loaded once, on first use; static initialisation is thread-safe.
  static const std::array<List, kSpecs.size()> lists = [] {
    std::array<List, kSpecs.size()> out;
    for (size_t i = 0; i < kSpecs.size(); ++i) out[i] = load_list(kSpecs[i]);
    return out;
  }();
  return lists[static_cast<size_t>(v)];
}

// How close a spelling must be: very short keys (L, P, AB, WNI) exactly,
// four or five letters at most one edit.
double required_similarity(const Spec& spec, size_t key_length) {
  const double by_length = key_length <= 3 ? 1.0 : key_length <= 5 ? 0.75 : 0.0;
  return std::max(spec.min_similarity, by_length);
}

}  // namespace

std::optional<Snapped> snap(Vocabulary v, std::string_view text) {
  const Spec& spec = kSpecs[static_cast<size_t>(v)];
  const List& list = list_of(v);
  const std::string key = key_of(text, spec.keeps_signs);
  if (key.empty()) return std::nullopt;
  constexpr double kEpsilon = 1e-9;
  const Entry* best = nullptr;
  double best_similarity = -1;
  bool tie = false;
  for (const auto& entry : list.entries) {
    double entry_similarity = -1;
    for (const auto& k : entry.keys) {
      const double s = similarity(key, k);
      if (s + kEpsilon >= required_similarity(spec, k.size())) entry_similarity = std::max(entry_similarity, s);
    }
    if (entry_similarity < 0) continue;
    if (entry_similarity > best_similarity + kEpsilon) {
      best = &entry;
      best_similarity = entry_similarity;
      tie = false;
    } else if (entry_similarity > best_similarity - kEpsilon) {
      tie = true;
    }
  }
  if (best == nullptr || tie) return std::nullopt;
  return Snapped{best->value, best_similarity};
}

const std::vector<std::string>& allowed_values(Vocabulary v) { return list_of(v).values; }

std::optional<Vocabulary> vocabulary_named(std::string_view name) {
  static const std::pair<std::string_view, Vocabulary> kNames[] = {{"sex", Vocabulary::Sex},
                                                                   {"blood_type", Vocabulary::BloodType},
                                                                   {"religion", Vocabulary::Religion},
                                                                   {"marital_status", Vocabulary::MaritalStatus},
                                                                   {"nationality", Vocabulary::Nationality},
                                                                   {"relationship", Vocabulary::Relationship},
                                                                   {"occupation", Vocabulary::Occupation},
                                                                   {"education", Vocabulary::Education}};
  for (const auto& [n, v] : kNames)
    if (name == n) return v;
  return std::nullopt;
}

}  // namespace berkas
