#include "domain/region_names.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/edit_distance.hpp"
#include "domain/ocr_lookalikes.hpp"

namespace berkas {
namespace {

// Upper case, digits read as letters (the same on both sides, so "Blok 15"
// still matches itself), apostrophes dropped, other punctuation as spaces.
std::string name_key(std::string_view text) {
  std::string key;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\'' || c == '`') continue;
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x98 || static_cast<unsigned char>(text[i + 2]) == 0x99)) {
      i += 2;  // typographic apostrophe
      continue;
    }
    if (std::isalnum(c)) {
      key += letter_in_word(static_cast<char>(c));
    } else if (!key.empty() && key.back() != ' ') {
      key += ' ';
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

bool strip_word_prefix(std::string& key, std::string_view prefix) {
  if (key.size() > prefix.size() + 1 && key.compare(0, prefix.size(), prefix) == 0 && key[prefix.size()] == ' ') {
    key.erase(0, prefix.size() + 1);
    return true;
  }
  return false;
}

enum class Kind : char { Unknown, Regency, City };

// Separates KABUPATEN / KOTA (and their short and "ADMINISTRASI" forms)
// from a regency name.
Kind strip_regency_prefix(std::string& key) {
  Kind kind = Kind::Unknown;
  for (std::string_view p : {"KABUPATEN", "KAB", "KABUPATEN ADMINISTRASI"})
    if (strip_word_prefix(key, p)) kind = Kind::Regency;
  if (kind == Kind::Unknown)
    for (std::string_view p : {"KOTA", "KOTAMADYA", "KODYA"})
      if (strip_word_prefix(key, p)) kind = Kind::City;
  if (kind != Kind::Unknown)
    for (std::string_view p : {"ADMINISTRASI", "ADM"}) strip_word_prefix(key, p);
  return kind;
}

void expand_province_abbreviations(std::string& key) {
  for (std::string_view p : {"PROVINSI", "PROV", "PROPINSI"}) strip_word_prefix(key, p);
  if (key == "DIY") key = "DI YOGYAKARTA";
  if (key == "NTB") key = "NUSA TENGGARA BARAT";
  if (key == "NTT") key = "NUSA TENGGARA TIMUR";
  if (strip_word_prefix(key, "DKI")) key = "DAERAH KHUSUS IBUKOTA " + key;
  if (strip_word_prefix(key, "DI")) key = "DAERAH ISTIMEWA " + key;
}

void strip_district_label(std::string& key) {
  for (std::string_view p : {"KECAMATAN", "KEC"}) strip_word_prefix(key, p);
}

void strip_village_label(std::string& key) {
  for (std::string_view p : {"KEL DESA", "DESA KEL", "KELURAHAN", "KEL", "DESA", "DS"}) strip_word_prefix(key, p);
}

// Counts of A-Z, 0-9 and space: half the difference of two histograms is a
// lower bound of the edit distance, cheap enough to skip most names.
using Histogram = std::array<uint8_t, 37>;

Histogram histogram_of(std::string_view key) {
  Histogram h{};
  for (char c : key) {
    size_t bin = 36;
    if (c >= 'A' && c <= 'Z') bin = static_cast<size_t>(c - 'A');
    if (c >= '0' && c <= '9') bin = 26 + static_cast<size_t>(c - '0');
    if (h[bin] < 255) ++h[bin];
  }
  return h;
}

size_t histogram_bound(const Histogram& a, const Histogram& b) {
  size_t diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff += a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
  return (diff + 1) / 2;
}

// Which characters occur at all: an edit changes at most two bits, so half
// the differing bits is a lower bound too, checked before the histogram.
uint64_t presence_of(std::string_view key) {
  uint64_t bits = 0;
  for (char c : key) {
    if (c >= 'A' && c <= 'Z') bits |= uint64_t{1} << (c - 'A');
    if (c >= '0' && c <= '9') bits |= uint64_t{1} << (26 + c - '0');
    if (c == ' ') bits |= uint64_t{1} << 36;
  }
  return bits;
}

struct Entry {
  const Region* region;
  std::string key;  // without KABUPATEN/KOTA for regencies
  Kind kind;
  uint64_t presence;
  Histogram histogram;
};

// One level of the table: entries in code order (a parent's children are a
// contiguous range) and, for whole-level searches, entry indices by length.
struct LevelIndex {
  std::vector<Entry> entries;
  std::vector<std::vector<uint32_t>> by_length;
  std::unordered_map<std::string, std::vector<uint32_t>> by_key;  // exact names, the common case
};

LevelIndex build_index(const std::vector<const Region*>& regions) {
  LevelIndex index;
  for (const Region* r : regions) {
    std::string key = name_key(r->name);
    Kind kind = r->level == RegionLevel::Regency ? strip_regency_prefix(key) : Kind::Unknown;
    if (r->level == RegionLevel::Province) expand_province_abbreviations(key);
    const uint64_t presence = presence_of(key);
    const Histogram h = histogram_of(key);
    index.entries.push_back(Entry{r, std::move(key), kind, presence, h});
  }
  std::sort(index.entries.begin(), index.entries.end(),
            [](const Entry& a, const Entry& b) { return a.region->code < b.region->code; });
  for (uint32_t i = 0; i < index.entries.size(); ++i) {
    const size_t n = index.entries[i].key.size();
    if (index.by_length.size() <= n) index.by_length.resize(n + 1);
    index.by_length[n].push_back(i);
    index.by_key[index.entries[i].key].push_back(i);
  }
  return index;
}

// Two-digit children codes under a parent: the table has no list of them.
std::vector<const Region*> children_by_code(const RegionTable& table, const std::vector<const Region*>& parents) {
  std::vector<const Region*> out;
  for (const Region* p : parents)
    for (int k = 1; k <= 99; ++k) {
      const std::string suffix = (k < 10 ? "0" : "") + std::to_string(k);
      if (const Region* r = table.find(p->code + suffix)) out.push_back(r);
    }
  return out;
}

std::vector<const Region*> provinces(const RegionTable& table) {
  std::vector<const Region*> out;
  for (int k = 11; k <= 99; ++k)
    if (const Region* r = table.find(std::to_string(k))) out.push_back(r);
  return out;
}

const LevelIndex& level_index(RegionLevel level) {
  const RegionTable& table = RegionTable::standard();
  // Each level is built once, on first use; static initialisation is thread-safe.
  switch (level) {
    case RegionLevel::Province: {
      static const LevelIndex index = build_index(provinces(table));
      return index;
    }
    case RegionLevel::Regency: {
      static const LevelIndex index = build_index(children_by_code(table, provinces(table)));
      return index;
    }
    case RegionLevel::District: {
      static const LevelIndex index = build_index(table.districts());
      return index;
    }
    case RegionLevel::Village:
      break;
  }
  static const LevelIndex villages = [&] {
    std::vector<const Region*> all;
    for (const Region* d : table.districts()) {
      auto v = table.villages_of(d->code);
      all.insert(all.end(), v.begin(), v.end());
    }
    return build_index(all);
  }();
  return villages;
}

constexpr double kMinSimilarity = 0.8;

// Short names leave no room for a wrong letter.
double required_similarity(size_t key_length) { return key_length <= 4 ? 1.0 : kMinSimilarity; }

struct Query {
  std::string key;
  Kind kind = Kind::Unknown;
};

class BestMatch {
 public:
  void offer(const Entry& e, double s) {
    if (s + 1e-9 < required_similarity(e.key.size())) return;
    if (best_ == nullptr || s > similarity_ + 1e-9) {
      best_ = &e;
      similarity_ = s;
      tie_ = false;
    } else if (s > similarity_ - 1e-9 && e.region != best_->region) {
      tie_ = true;
    }
  }
  bool found() const { return best_ != nullptr; }
  std::optional<RegionMatch> result() const {
    if (best_ == nullptr || tie_) return std::nullopt;
    return RegionMatch{best_->region, similarity_, printed_region_name(*best_->region)};
  }

 private:
  const Entry* best_ = nullptr;
  double similarity_ = 0;
  bool tie_ = false;
};

bool kinds_agree(const Entry& e, const Query& q) {
  return q.kind == Kind::Unknown || e.kind == Kind::Unknown || q.kind == e.kind;
}

void consider(const Entry& e, const Query& q, uint64_t presence, const Histogram& h, BestMatch& best) {
  if (!kinds_agree(e, q)) return;
  const size_t longer = std::max(e.key.size(), q.key.size());
  // Most edits that can still reach the required similarity.
  const auto limit = static_cast<size_t>((1.0 - kMinSimilarity) * static_cast<double>(longer) + 1e-9);
  if ((static_cast<size_t>(std::popcount(e.presence ^ presence)) + 1) / 2 > limit) return;
  if (histogram_bound(e.histogram, h) > limit) return;
  const size_t d = bounded_edit_distance(e.key, q.key, limit);
  if (d > limit) return;
  best.offer(e, 1.0 - static_cast<double>(d) / static_cast<double>(longer));
}

std::optional<RegionMatch> search(RegionLevel level, const Query& q, std::string_view parent_code) {
  const LevelIndex& index = level_index(level);
  if (q.key.empty()) return std::nullopt;
  BestMatch best;
  const uint64_t presence = presence_of(q.key);
  const Histogram h = histogram_of(q.key);
  if (!parent_code.empty()) {
    auto first = std::lower_bound(index.entries.begin(), index.entries.end(), parent_code,
                                  [](const Entry& e, std::string_view code) { return e.region->code < code; });
    for (auto it = first; it != index.entries.end() && it->region->code.starts_with(parent_code); ++it)
      consider(*it, q, presence, h, best);
    return best.result();
  }
  if (auto exact = index.by_key.find(q.key); exact != index.by_key.end()) {
    for (uint32_t i : exact->second)
      if (kinds_agree(index.entries[i], q)) best.offer(index.entries[i], 1.0);
    if (best.found()) return best.result();
  }
  // Only names whose length allows the required similarity.
  const size_t n = q.key.size();
  const size_t low = static_cast<size_t>(static_cast<double>(n) * kMinSimilarity);
  const size_t high = static_cast<size_t>(static_cast<double>(n) / kMinSimilarity) + 1;
  for (size_t len = low; len <= high && len < index.by_length.size(); ++len)
    for (uint32_t i : index.by_length[len]) consider(index.entries[i], q, presence, h, best);
  return best.result();
}

// The text without its label first, then as given: a village may really be
// called "Desa Baru".
std::optional<RegionMatch> search_labelled(RegionLevel level, std::string key, void (*strip)(std::string&),
                                           std::string_view parent_code) {
  std::string bare = key;
  strip(bare);
  if (bare != key)
    if (auto m = search(level, Query{bare, Kind::Unknown}, parent_code)) return m;
  return search(level, Query{key, Kind::Unknown}, parent_code);
}

}  // namespace

std::string printed_region_name(const Region& region) {
  std::string out = region.name;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::optional<RegionMatch> snap_province(std::string_view text) {
  std::string key = name_key(text);
  expand_province_abbreviations(key);
  return search(RegionLevel::Province, Query{key, Kind::Unknown}, "");
}

std::optional<RegionMatch> snap_regency(std::string_view text, std::string_view province_code) {
  Query q{name_key(text)};
  q.kind = strip_regency_prefix(q.key);
  return search(RegionLevel::Regency, q, province_code);
}

std::optional<RegionMatch> snap_district(std::string_view text, std::string_view regency_code) {
  return search_labelled(RegionLevel::District, name_key(text), strip_district_label, regency_code);
}

std::optional<RegionMatch> snap_village(std::string_view text, std::string_view district_code) {
  return search_labelled(RegionLevel::Village, name_key(text), strip_village_label, district_code);
}

}  // namespace berkas
