#include "extract/invoice_extractor.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>

#include "domain/document_dates.hpp"
#include "domain/free_text.hpp"
#include "domain/money.hpp"
#include "domain/ocr_lookalikes.hpp"

namespace berkas {
namespace {

constexpr const char* kOther = "_other";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
double center_x(const cv::Rect& r) { return r.x + r.width / 2.0; }
double center_y(const cv::Rect& r) { return r.y + r.height / 2.0; }

int letters_in(std::string_view s) {
  int n = 0;
  for (char c : s) n += is_alpha(c) ? 1 : 0;
  return n;
}
int digits_in(std::string_view s) {
  int n = 0;
  for (char c : s) n += is_digit(c) ? 1 : 0;
  return n;
}

// ---------------------------------------------------------------- labels

struct Alias {
  std::string field;
  std::string key;
  ValuePosition position;
  bool from_template;
};

struct LabelHit {
  size_t row = 0, first = 0, last = 0;
  std::string field;
  double score = 0;  // similarity of the label, 0..1
  int rank = 0;      // matched characters: longer labels win
  ValuePosition position = ValuePosition::Any;
  bool from_template = false;
  bool prefixed = false;  // junk before the label on its row
};

// Words since the last column gap before `a` are junk (short keys) only:
// a label starts its row or its column.
bool starts_column(const TextRow& row, size_t a, bool& prefixed) {
  prefixed = false;
  for (size_t i = a; i > 0; --i) {
    if (row.gap_before(i) > 1.5) return true;
    if (label_key(row.words[i - 1].text).size() > 2) return false;
    prefixed = prefixed || !label_key(row.words[i - 1].text).empty();
  }
  return true;
}

std::vector<LabelHit> find_labels(const std::vector<TextRow>& rows, const std::vector<Alias>& aliases) {
  std::vector<LabelHit> all;
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto& words = rows[r].words;
    for (size_t a = 0; a < words.size(); ++a) {
      if (label_key(words[a].text).empty()) continue;
      bool prefixed = false;
      if (!starts_column(rows[r], a, prefixed)) continue;
      std::string key;
      for (size_t b = a; b < words.size() && b < a + 6; ++b) {
        const std::string k = label_key(words[b].text);
        if (k.empty()) continue;
        if (b > a && rows[r].gap_before(b) > 2.0) break;
        key += k;
        for (const auto& alias : aliases) {
          const size_t n = alias.key.size();
          if (key.size() + 3 < n || key.size() > n + 3) continue;
          const int d = edit_distance(key, alias.key);
          const double s = 1.0 - static_cast<double>(d) / std::max(key.size(), n);
          if (s < label_threshold(n)) continue;
          all.push_back(
              {r, a, b, alias.field, s, static_cast<int>(n) - d, alias.position, alias.from_template, prefixed});
        }
      }
    }
  }
  std::sort(all.begin(), all.end(), [](const LabelHit& x, const LabelHit& y) {
    if (x.rank != y.rank) return x.rank > y.rank;
    if (x.score != y.score) return x.score > y.score;
    return x.from_template && !y.from_template;
  });
  std::vector<LabelHit> kept;
  for (const auto& h : all) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const LabelHit& k) {
      return k.row == h.row && !(h.last < k.first || k.last < h.first);
    });
    if (!overlaps) kept.push_back(h);
  }
  return kept;
}

// ---------------------------------------------------------------- values

using Words = std::vector<const OcrWord*>;

std::string join(const Words& words) {
  std::string out;
  for (const auto* w : words) out += (out.empty() ? "" : " ") + w->text;
  return out;
}

double mean_conf(const Words& words) {
  if (words.empty()) return 0;
  double s = 0;
  for (const auto* w : words) s += w->confidence;
  return s / words.size();
}

cv::Rect box_of(const Words& words) {
  cv::Rect box;
  for (const auto* w : words) box = box.area() == 0 ? w->box : (box | w->box);
  return box;
}

double gap_between(const OcrWord& a, const OcrWord& b) {
  const int h = std::max({1, a.box.height, b.box.height});  // a speck's height is no measure
  return (b.box.x - (a.box.x + a.box.width)) / static_cast<double>(h);
}

// A colon, or what OCR made of one: ":", ";", "1", "|", "I", "l", ".", "=", ":1".
bool colon_like(const std::string& t) {
  if (t.empty() || t.size() > 2) return false;
  if (t.size() == 2 && is_alnum(t[0]) && is_alnum(t[1])) return false;  // "11" is a day, not ": 1"
  for (char c : t)
    if (std::string_view(":;1|Il!.=,'\"-~`").find(c) == std::string_view::npos && static_cast<unsigned char>(c) < 0x80)
      return false;
  return true;
}

// Punctuation-only words: rule debris, quotes.
bool no_alnum(const std::string& t) {
  return std::none_of(t.begin(), t.end(), [](char c) { return is_alnum(c); });
}

// Punctuation before a value, and at most one letter or digit that stands
// for the colon, none after a real one: in "TANGGAL MASUK 1 1 OKTOBER 2026"
// and "TANGGAL MASUK : 1 NOVEMBER 2026" the last 1 is the day.
Words strip_leading_colons(Words words) {
  size_t i = 0;
  bool colon_taken = false;
  while (i < words.size()) {
    if (no_alnum(words[i]->text)) {
      if (words[i]->text.find_first_of(":;") != std::string::npos) colon_taken = true;
      ++i;
    } else if (!colon_taken && colon_like(words[i]->text) && i + 1 < words.size()) {
      colon_taken = true;
      ++i;
    } else {
      break;
    }
  }
  return Words(words.begin() + static_cast<long>(i), words.end());
}

class Layout {
 public:
  Layout(const std::vector<TextRow>& rows, const std::vector<LabelHit>& hits) : rows_(rows), hits_(hits) {
    for (const auto& h : hits)
      for (size_t i = h.first; i <= h.last; ++i) in_label_.insert(&rows[h.row].words[i]);
  }

  bool in_label(const OcrWord* w) const { return in_label_.count(w) > 0; }

  // Words after the label on its row up to the next label; when there are
  // none, words level with the label on neighbouring rows (a slanted scan
  // splits a row).
  Words right_of(const LabelHit& h) const {
    const auto& row = rows_[h.row];
    Words out;
    for (size_t i = h.last + 1; i < row.words.size(); ++i) {
      if (in_label(&row.words[i])) break;
      out.push_back(&row.words[i]);
    }
    out = strip_leading_colons(out);
    if (!out.empty()) return out;
    const cv::Rect label = words_box(row, h.first, h.last);
    const double cy = center_y(label);
    std::vector<const OcrWord*> near;
    for (size_t r = h.row >= 3 ? h.row - 3 : 0; r < rows_.size() && r <= h.row + 3; ++r) {
      if (r == h.row) continue;
      for (const auto& w : rows_[r].words)
        if (w.box.x >= label.x + label.width && std::abs(center_y(w.box) - cy) < 0.8 * label.height) near.push_back(&w);
    }
    std::sort(near.begin(), near.end(), [](const OcrWord* a, const OcrWord* b) { return a->box.x < b->box.x; });
    for (const auto* w : near) {
      if (in_label(w)) break;
      out.push_back(w);
    }
    return strip_leading_colons(out);
  }

  // Words under the label, in its column: from the label's left edge to the
  // next word group of the label's row, on the first row below that has any.
  Words below(const LabelHit& h) const {
    const auto& row = rows_[h.row];
    const cv::Rect label = words_box(row, h.first, h.last);
    const double lh = std::max(1, row.height);
    double col_start = label.x - 1.0 * lh, col_end = 1e9;
    for (size_t i = h.last + 1; i < row.words.size(); ++i)
      if (row.gap_before(i) > 1.2 || in_label(&row.words[i])) {
        col_end = row.words[i].box.x - 0.2 * lh;
        break;
      }
    if (h.first > 0) {
      const auto& prev = row.words[h.first - 1].box;
      col_start = std::max(col_start, (prev.x + prev.width + label.x) / 2.0);
    }
    // The next label on the same printed line, even when a slanted scan put
    // it on a neighbouring row.
    for (const auto& other : hits_) {
      if (&other == &h || other.row + 2 < h.row || other.row > h.row + 2) continue;
      const cv::Rect b = words_box(rows_[other.row], other.first, other.last);
      if (b.x > label.x + label.width && std::abs(center_y(b) - center_y(label)) < 1.0 * lh)
        col_end = std::min(col_end, b.x - 0.2 * lh);
    }
    for (size_t r = h.row + 1; r < rows_.size(); ++r) {
      if (rows_[r].box.y - (label.y + label.height) > 4.0 * lh) break;
      if (center_y(rows_[r].box) < center_y(label) + 0.6 * lh) continue;  // the label's own line
      Words out;
      bool label_there = false;
      for (const auto& w : rows_[r].words) {
        if (w.box.x < col_start || w.box.x >= col_end) continue;
        if (in_label(&w)) label_there = true;
        out.push_back(&w);
      }
      if (label_there) return {};
      out = strip_leading_colons(out);
      if (!out.empty()) return out;
    }
    return {};
  }

 private:
  const std::vector<TextRow>& rows_;
  const std::vector<LabelHit>& hits_;
  std::set<const OcrWord*> in_label_;
};

// The first words of a value, up to a column gap.
Words contiguous(const Words& words, double max_gap = 2.5) {
  Words out;
  for (const auto* w : words) {
    if (!out.empty() && gap_between(*out.back(), *w) > max_gap) break;
    out.push_back(w);
  }
  return out;
}

struct Candidate {
  FieldValue value;
  double score = 0;
  size_t row = 0;
};

// "INV/2026/10/6770", "RB-202609-09561", "60-69-15": one token, or a few
// glued by / - . across OCR's spaces.
std::optional<std::pair<std::string, Words>> identifier(const Words& words) {
  Words used;
  std::string text;
  for (const auto* w : words) {
    if (no_alnum(w->text)) {
      if (used.empty()) continue;
      break;
    }
    if (!used.empty()) {
      const char a = text.back(), b = w->text.front();
      const bool glued = std::string_view("/-.").find(a) != std::string_view::npos ||
                         std::string_view("/-.").find(b) != std::string_view::npos;
      if (!glued || gap_between(*used.back(), *w) > 1.0) break;
    }
    used.push_back(w);
    text += w->text;
  }
  size_t b = 0, e = text.size();
  while (b < e && !is_alnum(text[b])) ++b;
  while (e > b && !is_alnum(text[e - 1])) --e;
  text = text.substr(b, e - b);
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (text.size() < 3 || digits_in(text) == 0) return std::nullopt;
  return std::make_pair(text, used);
}

// A record number is digits and dashes: letters in a mostly-digit token are
// misread digits.
std::string repair_digits(const std::string& s) {
  int alnum = 0, digits = 0;
  for (char c : s) alnum += is_alnum(c) ? 1 : 0, digits += is_digit(c) ? 1 : 0;
  if (alnum == 0 || digits * 10 < alnum * 6) return s;
  std::string out;
  for (char c : s) {
    if (is_alpha(c) || c == '|' || c == '!') {
      if (auto d = digit_in_group(c)) out += *d;
    } else {
      out += c;
    }
  }
  return out;
}

std::string strip_honorific(std::string name) {
  static const std::vector<std::string> kTitles{"TN. ",  "NY. ",   "NN. ", "AN. ", "BY. ",
                                                "SDR. ", "SDRI. ", "TN ",  "NY "};
  for (const auto& t : kTitles)
    if (name.rfind(t, 0) == 0 && name.size() > t.size() + 2) return name.substr(t.size());
  return name;
}

// --------------------------------------------------------------- amounts

// A word of an amount as OCR left it: "Rp", table rules "|" and ")" glued
// to it, O for 0, S for 5, ":" for ".". Empty when it holds no amount.
std::string amount_word(std::string t, bool& had_digit) {
  had_digit = false;
  // Currency mark glued in front: "RP.16.745.000", "Rp4.350.000".
  if (t.size() >= 2 && std::toupper(static_cast<unsigned char>(t[0])) == 'R' &&
      std::toupper(static_cast<unsigned char>(t[1])) == 'P')
    t = t.substr(2);
  else if (t.size() >= 3 && std::toupper(static_cast<unsigned char>(t[0])) == 'I' &&
           std::toupper(static_cast<unsigned char>(t[1])) == 'D' &&
           std::toupper(static_cast<unsigned char>(t[2])) == 'R')
    t = t.substr(3);
  while (!t.empty() && std::string_view(".:|[({\"'`").find(t.front()) != std::string_view::npos) t.erase(0, 1);
  while (!t.empty() && std::string_view("|])}\"'`-.:").find(t.back()) != std::string_view::npos) t.pop_back();
  if (t.size() > 1 && std::string_view("FfLIl").find(t.back()) != std::string_view::npos) t.pop_back();
  if (t.size() >= 2 && t[t.size() - 2] == ',' && t.back() == '-') t.resize(t.size() - 2);
  std::string out;
  int alnum = 0, real = 0;
  for (char c : t) {
    if (is_alnum(c)) ++alnum;
    if (is_digit(c)) ++real;
  }
  if (alnum == 0) return "";
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (is_digit(c)) {
      out += c;
    } else if (c == '.' || c == ',') {
      out += c;
    } else if ((c == ':' || c == '-') && i > 0 && i + 1 < t.size()) {
      out += '.';
    } else if (auto d = digit_in_group(c)) {
      out += *d;
    } else {
      return "";
    }
  }
  had_digit = real > 0;
  // A token of letters that merely look like digits is a word ("IS", "DOS").
  if (real * 2 < alnum && !(real == 0 && std::all_of(t.begin(), t.end(), [](char c) { return c == 'O' || c == 'o'; })))
    return "";
  return out;
}

struct AmountGroup {
  std::string text;  // repaired digits and separators
  Words words;
  std::string value;  // parsed, plain digits
};

// Runs of amount words: a word of exactly three digits close after another
// amount word continues it ("1.050 OOO" is 1.050.000).
std::vector<AmountGroup> amount_groups(const Words& words) {
  std::vector<AmountGroup> groups;
  bool previous_was_amount = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const auto* w = words[i];
    bool had_digit = false;
    const std::string a = amount_word(w->text, had_digit);
    // A separator split off as a word of its own ("16 : 745 : 000") joins.
    if (previous_was_amount && !w->text.empty() && w->text.find_first_not_of(":.,") == std::string::npos &&
        gap_between(*words[i - 1], *w) < 0.9)
      continue;
    if (a.empty()) {
      previous_was_amount = false;
      continue;
    }
    const bool three = a.size() == 3 && std::all_of(a.begin(), a.end(), is_digit);
    // "Rp.16:" "745:000,-": the previous word ended at a separator and this
    // one goes on with a group of three.
    const bool three_first =
        a.size() > 3 && is_digit(a[0]) && is_digit(a[1]) && is_digit(a[2]) && (a[3] == '.' || a[3] == ',');
    const bool ended_at_separator =
        !groups.empty() &&
        std::string_view(":.,").find(groups.back().words.back()->text.back()) != std::string_view::npos;
    if (previous_was_amount && (three || (three_first && ended_at_separator)) &&
        gap_between(*groups.back().words.back(), *w) < 0.9 && is_digit(groups.back().text.back())) {
      groups.back().text += "." + a;
      groups.back().words.push_back(w);
      continue;
    }
    previous_was_amount = had_digit;
    if (!had_digit) continue;
    groups.push_back({a, {w}, ""});
  }
  std::vector<AmountGroup> out;
  for (auto& g : groups) {
    auto v = parse_rupiah(g.text);
    if (!v && g.text.size() > 1 && g.text.back() == '1') v = parse_rupiah(g.text.substr(0, g.text.size() - 1));
    if (!v) continue;
    g.value = *v;
    out.push_back(std::move(g));
  }
  return out;
}

// The amount of a total row: the first after "Rp", else the last one.
std::optional<AmountGroup> money_value(const Words& words) {
  size_t from = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string k = label_key(words[i]->text);
    if (k.rfind("RP", 0) == 0 || k.rfind("IDR", 0) == 0) from = i;
  }
  const Words tail(words.begin() + static_cast<long>(from), words.end());
  auto groups = amount_groups(tail);
  if (groups.empty()) return std::nullopt;
  const bool after_rp = from > 0 || (!words.empty() && label_key(words[0]->text).rfind("RP", 0) == 0);
  AmountGroup g = after_rp ? groups.front() : groups.back();
  if (g.value.size() < 3) return std::nullopt;
  return g;
}

// ------------------------------------------------------------ extraction

enum class Kind { Id, Record, Name, Date, Range, Money };

Kind kind_of(const std::string& field) {
  if (field == "invoice_number") return Kind::Id;
  if (field == "medical_record_number") return Kind::Record;
  if (field == "patient_name") return Kind::Name;
  if (field == "admission_date" || field == "discharge_date") return Kind::Date;
  if (field == "care_period") return Kind::Range;
  return Kind::Money;
}

class InvoiceReader {
 public:
  InvoiceReader(const std::vector<TextRow>& rows, int year, const InvoiceTemplates& templates)
      : rows_(rows), year_(year), generic_(templates.generic), layout_(match_invoice_template(rows, templates)) {
    add_aliases();
    hits_ = find_labels(rows_, aliases_);
    geometry_ = std::make_unique<Layout>(rows_, hits_);
  }

  Extraction run() {
    find_items_header();
    read_fields();
    read_hospital();
    read_items();
    return std::move(out_);
  }

 private:
  void add_aliases() {
    auto add = [&](const InvoiceTemplate& t, bool from_template) {
      for (const auto& [field, spec] : t.fields)
        for (const auto& l : spec.labels)
          if (!label_key(l).empty()) aliases_.push_back({field, label_key(l), spec.position, from_template});
      for (const auto& l : t.other_labels)
        if (!label_key(l).empty()) aliases_.push_back({kOther, label_key(l), ValuePosition::Any, from_template});
    };
    if (layout_ != nullptr) add(*layout_, true);
    add(generic_, false);
  }

  std::vector<std::string> merged(std::vector<std::string> InvoiceItemsSpec::*list) const {
    std::vector<std::string> out;
    if (layout_ != nullptr) out = layout_->items.*list;
    for (const auto& s : generic_.items.*list) out.push_back(s);
    return out;
  }

  // ---- fields

  // A value read for `h` in one position, validated and normalised.
  std::vector<std::pair<std::string, Candidate>> evaluate(const LabelHit& h, const Words& raw, bool preferred) {
    std::vector<std::pair<std::string, Candidate>> out;
    if (raw.empty()) return out;
    const double label_factor = (0.5 + 0.5 * h.score) * (h.prefixed ? 0.9 : 1.0);
    const double score = h.score * (h.from_template ? 1.0 : 0.97) * (preferred ? 1.0 : 0.9) * (h.prefixed ? 0.95 : 1.0);
    auto candidate = [&](const std::string& field, std::string value, const Words& words, double factor) {
      out.push_back({field,
                     {{std::move(value), std::clamp(mean_conf(words) * factor * label_factor, 0.0, 1.0), box_of(words)},
                      score,
                      h.row}});
    };
    switch (kind_of(h.field)) {
      case Kind::Id:
      case Kind::Record: {
        // A colon read as a lone character ("No. Rekam Medis 2 74-94-93").
        Words value = contiguous(raw, 1.5);
        if (value.size() > 1 && label_key(value.front()->text).size() <= 1) value.erase(value.begin());
        auto id = identifier(value);
        if (!id) break;
        std::string v = h.field == "medical_record_number" ? repair_digits(id->first) : id->first;
        if (digits_in(v) == 0) break;
        candidate(h.field, v, id->second, 0.9);
        break;
      }
      case Kind::Name: {
        const Words words = contiguous(raw, 2.0);
        std::string name = strip_honorific(clean_person_name(join(words)));
        // A speck after the name ("DASRIL ZULHENDRI .").
        while (name.size() > 2 && name[name.size() - 2] == ' ' && !is_alpha(name.back())) name.resize(name.size() - 2);
        if (letters_in(name) < 2 || digits_in(join(words)) > 2) break;
        if (looks_like_label(name)) break;
        candidate(h.field, name, words, 0.85);
        break;
      }
      case Kind::Date:
      case Kind::Range: {
        const Words words = contiguous(raw, 3.0);
        std::string text;
        std::vector<size_t> starts;
        for (const auto* w : words) {
          if (!text.empty()) text += ' ';
          starts.push_back(text.size());
          text += w->text;
        }
        auto words_in = [&](size_t b, size_t e) {
          Words used;
          for (size_t i = 0; i < words.size(); ++i) {
            const size_t wb = starts[i], we = starts[i] + words[i]->text.size();
            if (we > b && wb < e) used.push_back(words[i]);
          }
          return used;
        };
        auto last = find_document_date(text, year_);
        if (!last) break;
        if (h.field == "care_period") {
          auto first = find_document_date(std::string_view(text).substr(0, last->begin), year_);
          if (first) {
            // A date whose separator had been read as a 1 counts for less.
            auto factor = [](const DateInText& d) { return d.separator_repaired ? 0.8 : 0.95; };
            candidate("admission_date", first->date.iso(), words_in(first->begin, first->end), factor(*first));
            candidate("discharge_date", last->date.iso(), words_in(last->begin, last->end), factor(*last));
          } else {
            // One date readable: after something date-like that failed, it
            // is the discharge date ("126/10/2626 s.d. 28/10/2026").
            const bool after_other = digits_in(std::string_view(text).substr(0, last->begin)) >= 3;
            candidate(after_other ? "discharge_date" : "admission_date", last->date.iso(),
                      words_in(last->begin, last->end), 0.6);
          }
        } else {
          // A column holding two dates (admission s.d. discharge) under one label.
          candidate(h.field, last->date.iso(), words_in(last->begin, last->end), last->separator_repaired ? 0.85 : 1.0);
        }
        break;
      }
      case Kind::Money: {
        auto m = money_value(raw);
        if (!m) break;
        candidate(h.field, m->value, m->words, 1.0);
        break;
      }
    }
    return out;
  }

  bool looks_like_label(const std::string& text) const {
    const std::string key = label_key(text);
    for (const auto& a : aliases_)
      if (similarity(key, a.key) >= 0.8) return true;
    return false;
  }

  void read_fields() {
    std::map<std::string, std::vector<Candidate>> found;
    for (const auto& h : hits_) {
      if (h.field == kOther) continue;
      if (header_row_ && h.row == *header_row_) continue;  // column headers of the items table
      const bool below_first = h.position == ValuePosition::Below;
      auto try_at = [&](bool below, bool preferred) {
        const Words raw = below ? geometry_->below(h) : geometry_->right_of(h);
        auto c = evaluate(h, raw, preferred);
        for (auto& [field, cand] : c) found[field].push_back(std::move(cand));
        return !c.empty();
      };
      if (!try_at(below_first, true)) try_at(!below_first, h.position == ValuePosition::Any);
    }
    for (auto& [field, cands] : found) {
      const bool bottom_wins = field == "total_amount";
      const Candidate* best = nullptr;
      for (const auto& c : cands) {
        if (best == nullptr || c.score > best->score + 0.02 ||
            (std::abs(c.score - best->score) <= 0.02 && bottom_wins && c.row > best->row))
          best = &c;
      }
      out_.fields[field] = best->value;
      if (field == "total_amount") total_row_ = best->row;
    }
    if (!out_.fields.count("admission_date") && !out_.fields.count("discharge_date")) stay_without_labels();
  }

  // Both dates' labels lost: a row above the items holding exactly two dates
  // in order, a few days apart, is the stay ("17/08/2026 18/08/2026").
  void stay_without_labels() {
    const size_t end = header_row_ ? *header_row_ : rows_.size();
    for (size_t r = 0; r < end; ++r) {
      const auto& row = rows_[r];
      const std::string text = row.text();
      auto last = find_document_date(text, year_);
      if (!last) continue;
      auto first = find_document_date(std::string_view(text).substr(0, last->begin), year_);
      if (!first || find_document_date(std::string_view(text).substr(0, first->begin), year_)) continue;
      const long days = last->date.days_since_epoch() - first->date.days_since_epoch();
      if (days < 0 || days > 366) continue;
      auto words_in = [&](size_t b, size_t e) {
        Words used;
        size_t pos = 0;
        for (const auto& w : row.words) {
          if (pos + w.text.size() > b && pos < e) used.push_back(&w);
          pos += w.text.size() + 1;
        }
        return used;
      };
      const Words a = words_in(first->begin, first->end), d = words_in(last->begin, last->end);
      out_.fields["admission_date"] = {first->date.iso(), mean_conf(a) * 0.5, box_of(a)};
      out_.fields["discharge_date"] = {last->date.iso(), mean_conf(d) * 0.5, box_of(d)};
      return;
    }
  }

  // ---- hospital

  void read_hospital() {
    const size_t first_label =
        hits_.empty()
            ? rows_.size()
            : std::min_element(hits_.begin(), hits_.end(), [](auto& a, auto& b) { return a.row < b.row; })->row;
    const size_t top = std::min(first_label, std::max<size_t>(8, rows_.size() / 4));
    if (layout_ != nullptr) {
      for (const auto& name : layout_->hospitals) {
        auto m = find_phrase(rows_, name, 0, std::max<size_t>(top, 8));
        if (m.score <= 0) continue;
        const auto& row = rows_[m.row];
        out_.fields["hospital"] = {clean_free_text(name), mean_confidence(row, m.first, m.last) * m.score,
                                   words_box(row, m.first, m.last)};
        return;
      }
    }
    std::vector<std::string> keys;
    for (const auto& w : generic_.hospital_words) keys.push_back(label_key(w));
    for (size_t r = 0; r < top && r < rows_.size(); ++r) {
      const auto& row = rows_[r];
      for (size_t a = 0; a < row.words.size(); ++a) {
        // A hospital word: short ones (RS, RSUD) exactly, long ones fuzzily,
        // alone or over two words (RUMAH SAKIT).
        std::string k1 = label_key(row.words[a].text);
        std::string k2 = a + 1 < row.words.size() ? k1 + label_key(row.words[a + 1].text) : k1;
        bool hit = false;
        for (const auto& k : keys) {
          if (k.size() <= 4 ? k1 == k : (similarity(k1, k) >= 0.8 || similarity(k2, k) >= 0.8)) hit = true;
        }
        if (!hit) continue;
        size_t b = a;
        while (b + 1 < row.words.size() && row.gap_before(b + 1) < 2.0) ++b;
        // Trailing specks ("0.", "|") after the name.
        while (b > a && label_key(row.words[b].text).size() <= 1) --b;
        std::string name = clean_free_text(row.text(a, b));
        if (letters_in(name) < 4) continue;
        out_.fields["hospital"] = {name, mean_confidence(row, a, b) * 0.8, words_box(row, a, b)};
        return;
      }
    }
  }

  // ---- items

  struct Header {
    size_t row;
    double desc_start, desc_end;  // x range of the description column
    cv::Rect amount;              // the amount column's header
    bool described = true;        // the description column's header was read
  };

  std::optional<size_t> header_row_;
  std::optional<Header> header_;

  static std::optional<PhraseMatch> in_row(const std::vector<TextRow>& rows, size_t r,
                                           const std::vector<std::string>& phrases, size_t* which = nullptr) {
    for (size_t i = 0; i < phrases.size(); ++i) {
      auto m = find_phrase(rows, phrases[i], r, r + 1);
      if (m.score > 0) {
        if (which) *which = i;
        return m;
      }
    }
    return std::nullopt;
  }

  // A header whose description column OCR damaged beyond recognition
  // ("Kode Layenen Qty Tarif Subtotal"): an amount column header right of
  // other header words, with rows of amounts under it.
  std::optional<Header> header_without_description(size_t r, const std::vector<std::string>& amount) {
    const auto& row = rows_[r];
    if (row.words.size() < 3 || has_field_label(r) || r + 1 >= rows_.size()) return std::nullopt;
    const auto end = merged(&InvoiceItemsSpec::end);
    if (auto e = in_row(rows_, r, end); e && e->first <= 1) return std::nullopt;
    for (const auto& alias : amount) {
      auto m = find_phrase(rows_, alias, r, r + 1);
      if (m.score < 0.85 || m.first < 2) continue;
      Words next;
      for (const auto& w : rows_[r + 1].words) next.push_back(&w);
      const auto groups = amount_groups(next);
      const cv::Rect a = words_box(row, m.first, m.last);
      const bool under = std::any_of(groups.begin(), groups.end(), [&](const AmountGroup& g) {
        const cv::Rect b = box_of(g.words);
        return g.value.size() >= 3 && b.x < a.x + a.width + 2 * row.height && b.x + b.width > a.x - 2 * row.height;
      });
      if (!under) continue;
      return Header{r, -1e9, a.x - 0.5 * row.height, a, false};
    }
    return std::nullopt;
  }

  void find_items_header() {
    const auto desc = merged(&InvoiceItemsSpec::description);
    const auto amount = merged(&InvoiceItemsSpec::amount);
    for (size_t r = 0; r < rows_.size(); ++r) {
      auto d = in_row(rows_, r, desc);
      if (!d) {
        if (auto hd = header_without_description(r, amount); hd && confirmed(*hd)) {
          header_ = hd;
          header_row_ = r;
          return;
        }
        continue;
      }
      // The preferred amount column that stands right of the description.
      std::optional<PhraseMatch> a;
      const auto& row = rows_[r];
      const cv::Rect dbox = words_box(row, d->first, d->last);
      for (const auto& alias : amount) {
        auto m = find_phrase(rows_, alias, r, r + 1);
        if (m.score > 0 && m.first > d->last) {
          a = m;
          break;
        }
        // A slanted scan may put the rest of the header on the next row.
        if (r + 1 < rows_.size()) {
          m = find_phrase(rows_, alias, r + 1, r + 2);
          if (m.score > 0) {
            const cv::Rect b = words_box(rows_[r + 1], m.first, m.last);
            if (b.x > dbox.x + dbox.width && std::abs(center_y(b) - center_y(dbox)) < 1.0 * row.height) {
              a = m;
              break;
            }
          }
        }
      }
      if (!a) continue;
      const double h = std::max(1, row.height);
      Header hd{a->row > r ? r + 1 : r, 0, 1e9, words_box(rows_[a->row], a->first, a->last)};
      // Headers may be centred over their columns: the description column
      // starts after the previous header's text (or at the page's edge).
      // Specks and rules ("|", ".", "aa") in the header are no columns.
      auto column_word = [&](size_t i) { return label_key(row.words[i].text).size() >= 2; };
      hd.desc_start = -1e9;
      for (size_t i = d->first; i-- > 0;)
        if (column_word(i) && dbox.x - (row.words[i].box.x + row.words[i].box.width) > 1.5 * h) {
          hd.desc_start = row.words[i].box.x + row.words[i].box.width + 0.3 * h;
          break;
        }
      for (size_t i = d->last + 1; i < row.words.size(); ++i)
        if (column_word(i) && row.words[i].box.x - (dbox.x + dbox.width) > 1.0 * h) {
          hd.desc_end = row.words[i].box.x - 0.3 * h;
          break;
        }
      hd.desc_end = std::min(hd.desc_end, hd.amount.x - 0.3 * h);
      // Where the descriptions below actually start (a centred header, a
      // speck read as a header word): the first word of letters on each row.
      for (size_t r2 = hd.row + 1; r2 < rows_.size() && r2 <= hd.row + 10; ++r2)
        for (const auto& w : rows_[r2].words)
          if (letters_in(w.text) >= 3 && w.box.x < hd.desc_end) {
            if (w.box.x < hd.desc_start) hd.desc_start = w.box.x - 0.3 * h;
            break;
          }
      if (!confirmed(hd)) continue;
      header_ = hd;
      header_row_ = r;
      return;
    }
  }

  // A header has items under it.
  bool confirmed(const Header& hd) {
    header_ = hd;
    bool ok = false;
    for (size_t r = hd.row + 1; r < rows_.size() && r <= hd.row + 3 && !ok; ++r) ok = headed_item(r).has_value();
    header_.reset();
    return ok;
  }

  bool ends_table(size_t r) const {
    const auto end = merged(&InvoiceItemsSpec::end);
    auto m = in_row(rows_, r, end);
    if (m && m->first <= 2) return true;
    return total_row_ && r >= *total_row_;
  }

  // A field's label, read clearly (a fuzzy hit inside an item's text, KAMAR
  // RAWAT for MASA RAWAT, does not count).
  bool has_field_label(size_t r) const {
    return std::any_of(hits_.begin(), hits_.end(),
                       [&](const LabelHit& h) { return h.row == r && h.field != kOther && h.score >= 0.9; });
  }

  // Dotted leaders between a description and its amount.
  static bool is_leader(const std::string& t) {
    return t.find("...") != std::string::npos ||
           (t.size() >= 2 && std::count(t.begin(), t.end(), '.') * 2 >= static_cast<long>(t.size()));
  }

  static std::string clean_description(std::string text) {
    text = clean_free_text(text);
    // Dotted leaders and a currency mark before the amount.
    while (!text.empty()) {
      const size_t sp = text.find_last_of(' ');
      const std::string last = sp == std::string::npos ? text : text.substr(sp + 1);
      if (is_leader(last) || last == "RP" || last == "RP." || last == "IDR") {
        text = sp == std::string::npos ? "" : clean_free_text(text.substr(0, sp));
      } else {
        break;
      }
    }
    // Quotes and specks left of the amount's ruling.
    while (!text.empty() && (text.back() == '.' || text.back() == '"' || text.back() == '\'' || text.back() == ' '))
      text.pop_back();
    return clean_free_text(text);
  }

  // A leading item number: "1", "2.", "10", "IS" for 5.
  static bool index_like(const std::string& t) {
    const std::string k = label_key(t);
    return !k.empty() && k.size() <= 3 && (digits_in(k) > 0 || k.size() <= 2) && letters_in(k) <= 1;
  }

  std::optional<FieldMap> item_from(const Words& desc_words, const AmountGroup& amount) const {
    Words desc = desc_words;
    while (!desc.empty() && (no_alnum(desc.front()->text) || index_like(desc.front()->text))) desc.erase(desc.begin());
    // Cut at the leader or the currency mark.
    for (size_t i = 0; i < desc.size(); ++i) {
      const std::string& t = desc[i]->text;
      if (i > 0 && (is_leader(t) || label_key(t).rfind("RP", 0) == 0)) {
        desc.resize(i);
        break;
      }
    }
    std::string d = clean_description(join(desc));
    if (letters_in(d) < 2) return std::nullopt;
    FieldMap row;
    row["description"] = {d, std::clamp(mean_conf(desc) * 0.85, 0.0, 1.0), box_of(desc)};
    row["amount"] = {amount.value, std::clamp(mean_conf(amount.words), 0.0, 1.0), box_of(amount.words)};
    return row;
  }

  // The description: after a leading number or code (L107, 1114), up to
  // the first bare number after it (quantity, tariff).
  static Words description_words(const Words& words, bool cut_at_numbers = true) {
    Words desc;
    bool text_seen = false;
    for (size_t i = 0; i < words.size(); ++i) {
      const std::string& t = words[i]->text;
      const bool bare_number = !t.empty() && t.find_first_not_of("0123456789.,") == std::string::npos;
      const bool code = digits_in(t) > 0 && t.size() <= 6 && label_key(t).size() == t.size();
      if (!text_seen && desc.empty() && (code || bare_number) && i + 1 < words.size()) continue;
      if (text_seen && bare_number && cut_at_numbers) break;
      if (letters_in(t) >= 2) text_seen = true;
      desc.push_back(words[i]);
    }
    // A quantity standing right of the description.
    while (desc.size() > 1 && desc.back()->text.find_first_not_of("0123456789.,") == std::string::npos) desc.pop_back();
    return desc;
  }

  std::optional<FieldMap> headed_item(size_t r) const {
    const auto& row = rows_[r];
    Words desc, rest;
    for (const auto& w : row.words) {
      if (w.box.x + 0.0 < header_->desc_start) continue;  // number and code columns
      if (center_x(w.box) < header_->desc_end)
        desc.push_back(&w);
      else
        rest.push_back(&w);
    }
    const auto groups = amount_groups(rest);
    const AmountGroup* best = nullptr;
    double best_d = 1e18;
    const cv::Rect& a = header_->amount;
    for (const auto& g : groups) {
      const cv::Rect b = box_of(g.words);
      const double d = std::min(std::abs(center_x(b) - center_x(a)),
                                static_cast<double>(std::abs((b.x + b.width) - (a.x + a.width))));
      if (g.value.size() >= 3 && d < best_d) best_d = d, best = &g;
    }
    if (best == nullptr) return std::nullopt;
    // A recognised description header bounds the column; without one the
    // description ends at the first bare number (quantity, tariff).
    return item_from(description_words(desc, !header_->described), *best);
  }

  std::optional<FieldMap> loose_item(size_t r) const {
    const auto& row = rows_[r];
    if (has_field_label(r) || find_document_date(row.text(), year_)) return std::nullopt;
    Words all;
    for (const auto& w : row.words) all.push_back(&w);
    // After a currency mark ("Rp 750.000,00 ....") the first amount;
    // otherwise the amount that closes the row.
    size_t rp = 0;
    for (size_t i = 1; i < all.size(); ++i)
      if (label_key(all[i]->text).rfind("RP", 0) == 0) rp = i;
    AmountGroup g;
    if (rp > 0) {
      const auto groups = amount_groups(Words(all.begin() + static_cast<long>(rp), all.end()));
      if (groups.empty() || groups.front().value.size() < 3) return std::nullopt;
      g = groups.front();
    } else {
      const auto groups = amount_groups(all);
      if (groups.empty() || groups.back().value.size() < 3) return std::nullopt;
      g = groups.back();
      const auto* last_amount_word = g.words.back();
      for (auto it = std::find(all.begin(), all.end(), last_amount_word) + 1; it != all.end(); ++it)
        if (!no_alnum((*it)->text) && label_key((*it)->text).size() > 1) return std::nullopt;
    }
    Words before;
    for (const auto* w : all) {
      if (w == g.words.front()) break;
      before.push_back(w);
    }
    return item_from(description_words(before), g);
  }

  static bool rule_like(const TextRow& row) {
    const std::string t = row.text();
    size_t junk = 0;
    for (char c : t) junk += std::string_view("-_.=~:COUocu ").find(c) != std::string_view::npos ? 1 : 0;
    return !t.empty() && junk * 10 >= t.size() * 8 && digits_in(t) == 0;
  }

  void read_items() {
    std::vector<FieldMap> items;
    if (header_) {
      size_t misses = 0;
      for (size_t r = header_->row + 1; r < rows_.size(); ++r) {
        if (ends_table(r) || has_field_label(r)) break;
        if (label_key(rows_[r].text()).size() <= 2) continue;  // specks
        if (auto item = headed_item(r)) {
          items.push_back(std::move(*item));
          misses = 0;
        } else if (!items.empty() && ++misses >= 3) {
          break;
        }
      }
    }
    if (items.empty() && layout_ != nullptr && !layout_->items.start.empty()) {
      if (auto s = [&]() -> std::optional<PhraseMatch> {
            for (const auto& p : layout_->items.start)
              if (auto m = find_phrase(rows_, p); m.score > 0) return m;
            return std::nullopt;
          }()) {
        size_t misses = 0;
        for (size_t r = s->row + 1; r < rows_.size(); ++r) {
          if (ends_table(r)) break;
          if (label_key(rows_[r].text()).size() <= 2) continue;  // specks
          if (auto item = loose_item(r)) {
            items.push_back(std::move(*item));
            misses = 0;
          } else if (!items.empty() && ++misses >= 3) {
            break;
          }
        }
      }
    }
    if (items.empty() && total_row_ && *total_row_ > 0) {
      // No header: the rows of "description ... amount" right above the total.
      size_t skipped = 0;
      for (size_t r = *total_row_; r-- > 0;) {
        if (auto item = loose_item(r)) {
          items.push_back(std::move(*item));
        } else if (label_key(rows_[r].text()).size() <= 2) {
          continue;  // specks
        } else if (items.empty() && skipped < 2 && (rule_like(rows_[r]) || rows_[r].words.size() <= 1)) {
          ++skipped;
        } else {
          break;
        }
      }
      std::reverse(items.begin(), items.end());
    }
    if (!items.empty()) out_.tables["items"] = std::move(items);
  }

  const std::vector<TextRow>& rows_;
  int year_;
  const InvoiceTemplate& generic_;
  const InvoiceTemplate* layout_;
  std::vector<Alias> aliases_;
  std::vector<LabelHit> hits_;
  std::unique_ptr<Layout> geometry_;
  std::optional<size_t> total_row_;
  Extraction out_;
};

}  // namespace

Extraction extract_invoice(const std::vector<TextRow>& rows, int reference_year, const InvoiceTemplates& templates) {
  return InvoiceReader(rows, reference_year, templates).run();
}

Extraction extract_invoice(const std::vector<TextRow>& rows, int reference_year) {
  return extract_invoice(rows, reference_year, standard_invoice_templates());
}

}  // namespace berkas
