#include "extract/labelled_fields.hpp"

#include <algorithm>
#include <cctype>

namespace berkas {
namespace {

struct LabelHit {
  size_t row, first, last;
  size_t rule;
  double score;
  size_t length;  // letters in the matched alias
};

int allowed_distance(size_t length) { return length <= 3 ? 0 : length <= 6 ? 1 : length <= 12 ? 2 : 3; }

bool has_alnum(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c); });
}

// A colon OCR turned into a character, or punctuation between label and value.
bool is_separator_debris(const std::string& w) {
  if (!has_alnum(w)) return true;
  return w == "1" || w == "l" || w == "I" || w == "i" || w == "|" || w == "!";
}

// Labels stand at the start of a row, or after a column gap; words before
// them that are only punctuation or a single character do not count.
bool at_label_position(const TextRow& row, size_t first) {
  if (row.gap_before(first) >= 1.2) return true;
  for (size_t i = 0; i < first; ++i)
    if (label_key(row.words[i].text).size() > 1) return false;
  return true;
}

std::vector<LabelHit> find_hits(const std::vector<TextRow>& rows, const LayoutTemplate& layout) {
  size_t longest = 0;
  for (const auto& rule : layout.fields)
    for (const auto& l : rule.labels) longest = std::max(longest, l.size());
  std::vector<LabelHit> candidates;
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto& words = rows[r].words;
    for (size_t i = 0; i < words.size(); ++i) {
      std::string key;
      for (size_t j = i; j < words.size() && j < i + 5; ++j) {
        const std::string part = label_key(words[j].text);
        if (part.empty()) continue;  // punctuation ends no label: ":" belongs to the value side
        key += part;
        if (key.size() > longest + 3) break;
        for (size_t k = 0; k < layout.fields.size(); ++k) {
          const auto& rule = layout.fields[k];
          if (!rule.anywhere && !at_label_position(rows[r], i)) continue;
          for (const auto& alias : rule.labels) {
            const int d = static_cast<int>(edit_distance(key, alias));
            if (d <= allowed_distance(alias.size()))
              candidates.push_back({r, i, j, k, 1.0 - static_cast<double>(d) / alias.size(), alias.size()});
          }
        }
      }
    }
  }
  // Best and longest matches claim their words first.
  std::sort(candidates.begin(), candidates.end(), [](const LabelHit& a, const LabelHit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.length != b.length) return a.length > b.length;
    return std::tie(a.row, a.first) < std::tie(b.row, b.first);
  });
  std::vector<std::vector<bool>> used(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) used[r].assign(rows[r].words.size(), false);
  std::vector<LabelHit> hits;
  for (const auto& c : candidates) {
    bool free = true;
    for (size_t i = c.first; i <= c.last; ++i) free = free && !used[c.row][i];
    if (!free) continue;
    for (size_t i = c.first; i <= c.last; ++i) used[c.row][i] = true;
    hits.push_back(c);
  }
  std::sort(hits.begin(), hits.end(),
            [](const LabelHit& a, const LabelHit& b) { return std::tie(a.row, a.first) < std::tie(b.row, b.first); });
  return hits;
}

// Words [first, end) of a row that make up a value: leading separator
// debris dropped, cut at a wide column gap.
std::pair<size_t, size_t> value_span(const TextRow& row, size_t first, size_t end) {
  while (first < end && is_separator_debris(row.words[first].text) && first + 1 < end) ++first;
  size_t stop = first;
  while (stop < end && (stop == first || row.gap_before(stop) < 2.5)) ++stop;
  return {first, stop};
}

void append_words(LabelledValue& v, const TextRow& row, size_t first, size_t end) {
  for (size_t i = first; i < end; ++i) {
    std::string w = row.words[i].text;
    if (v.words.empty())
      while (!w.empty() && (w.front() == ':' || w.front() == ';')) w.erase(w.begin());
    if (w.empty()) continue;
    OcrWord word = row.words[i];
    word.text = w;
    v.text += (v.text.empty() ? "" : " ") + w;
    v.box = v.words.empty() ? word.box : (v.box | word.box);
    v.words.push_back(std::move(word));
  }
}

// Wrapped lines of a value start under its first word, follow closely and
// carry no label: they are appended (at most two).
void continue_below(const std::vector<TextRow>& rows, const std::vector<std::vector<const LabelHit*>>& hits_on_row,
                    size_t next, LabelledValue& v) {
  const int start_x = v.words.front().box.x;
  const int height = rows[v.row].height;
  for (int added = 0; added < 2 && next < rows.size(); ++added, ++next) {
    const auto& below = rows[next];
    if (!hits_on_row[next].empty()) break;
    if (std::abs(below.words.front().box.x - start_x) > 2 * height) break;
    if (below.box.y - rows[next - 1].box.br().y > 1.2 * height) break;
    const auto [f, s] = value_span(below, 0, below.words.size());
    append_words(v, below, f, s);
  }
}

bool multiline(const LayoutTemplate& layout, const std::string& field) {
  for (const auto& rule : layout.fields)
    if (rule.field == field) return rule.multiline;
  return false;
}

double median_of(std::vector<int> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// Rows of an ordered layout (a KTP) whose label OCR could not read: between
// two rows with known labels, the rows that have words left of the value
// column (an unreadable label) and words in it take the fields missing
// between those labels, in order, when their numbers agree.
void fill_unlabelled_rows(const std::vector<TextRow>& rows, const LayoutTemplate& layout,
                          const std::vector<std::vector<const LabelHit*>>& hits_on_row,
                          std::map<std::string, LabelledValue>& out) {
  if (layout.row_order.empty()) return;
  std::vector<int> xs;
  for (const auto& f : layout.row_order)
    if (auto it = out.find(f); it != out.end()) xs.push_back(it->second.words.front().box.x);
  if (xs.size() < 3) return;
  const double value_x = median_of(xs);
  // Rows already taken by an ordered field (a label that matched but lost
  // to a better occurrence elsewhere does not take its row).
  std::vector<bool> ordered_hit(rows.size(), false);
  for (const auto& f : layout.row_order)
    if (auto it = out.find(f); it != out.end()) ordered_hit[it->second.row] = true;
  size_t prev = layout.row_order.size();  // index of the last field with a known row
  for (size_t i = 0; i <= layout.row_order.size(); ++i) {
    const bool known = i < layout.row_order.size() && out.count(layout.row_order[i]);
    if (!known && i < layout.row_order.size()) continue;
    if (prev < layout.row_order.size() && i > prev + 1) {
      const size_t from = out.at(layout.row_order[prev]).row + 1;
      const size_t to = i < layout.row_order.size() ? out.at(layout.row_order[i]).row : rows.size();
      std::vector<size_t> candidates;
      for (size_t r = from; r < to && r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (ordered_hit[r]) continue;
        const bool label_part = row.words.front().box.x < value_x - row.height;
        const bool value_part = row.words.back().box.br().x > value_x;
        if (label_part && value_part) candidates.push_back(r);
      }
      const size_t missing = i - prev - 1;
      if (candidates.size() == missing) {
        for (size_t k = 0; k < missing; ++k) {
          const auto& row = rows[candidates[k]];
          size_t first = 0;
          while (first < row.words.size() && row.words[first].box.br().x < value_x - row.height / 2) ++first;
          size_t end = row.words.size();
          for (const auto* h : hits_on_row[candidates[k]])
            if (h->first >= first) end = std::min(end, h->first);
          const auto [f, stop] = value_span(row, first, end);
          LabelledValue v;
          v.row = candidates[k];
          append_words(v, row, f, stop);
          if (v.words.empty()) continue;
          if (multiline(layout, layout.row_order[prev + 1 + k]))
            continue_below(rows, hits_on_row, candidates[k] + 1, v);
          double sum = 0;
          for (const auto& w : v.words) sum += w.confidence;
          v.ocr_confidence = 0.9 * sum / v.words.size();
          out[layout.row_order[prev + 1 + k]] = std::move(v);
        }
      }
    }
    prev = i;
  }
}

// Values of an ordered layout start in one column (after aligned colons):
// words left of that column are debris of the colon or the label ("2 JK.",
// "TG. MASITOH") and are dropped when enough of the value remains.
void trim_to_value_column(const LayoutTemplate& layout, std::map<std::string, LabelledValue>& out) {
  if (!layout.aligned_values) return;
  std::vector<const FieldRule*> aligned;
  for (const auto& rule : layout.fields)
    if (!rule.anywhere && !rule.keep_label && !rule.first) aligned.push_back(&rule);
  // The column: the left edge most values have a word at.
  std::vector<const LabelledValue*> values;
  for (const auto* rule : aligned)
    if (auto it = out.find(rule->field); it != out.end()) values.push_back(&it->second);
  if (values.size() < 4) return;
  int value_x = 0, best_count = 0;
  for (const auto* candidate : values)
    for (const auto& cw : candidate->words) {
      const int tolerance = std::max(4, cw.box.height / 2);
      int count = 0;
      for (const auto* v : values)
        count += std::any_of(v->words.begin(), v->words.end(),
                             [&](const OcrWord& w) { return std::abs(w.box.x - cw.box.x) <= tolerance; });
      if (count > best_count || (count == best_count && cw.box.x < value_x)) best_count = count, value_x = cw.box.x;
    }
  if (best_count < 3) return;
  for (const auto* rule : aligned) {
    auto it = out.find(rule->field);
    if (it == out.end()) continue;
    auto& v = it->second;
    const int tolerance = std::max(4, v.words.front().box.height / 2);
    size_t drop = 0;
    while (drop + 1 < v.words.size() && v.words[drop].box.br().x < value_x + tolerance &&
           v.words[drop].box.x < value_x - tolerance)
      ++drop;
    if (drop == 0) continue;
    v.words.erase(v.words.begin(), v.words.begin() + static_cast<long>(drop));
    v.text.clear();
    v.box = v.words.front().box;
    for (const auto& w : v.words) v.text += (v.text.empty() ? "" : " ") + w.text, v.box |= w.box;
  }
}

}  // namespace

std::vector<TextRow> split_at_colons(const std::vector<TextRow>& rows) {
  std::vector<TextRow> out = rows;
  for (auto& row : out) {
    std::vector<OcrWord> words;
    for (const auto& w : row.words) {
      const size_t colon = w.text.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 >= w.text.size()) {
        words.push_back(w);
        continue;
      }
      OcrWord left = w, right = w;
      left.text = w.text.substr(0, colon + 1);
      right.text = w.text.substr(colon + 1);
      left.glyphs.clear(), right.glyphs.clear();
      if (w.glyphs.size() == w.text.size()) {
        left.glyphs.assign(w.glyphs.begin(), w.glyphs.begin() + static_cast<long>(colon + 1));
        right.glyphs.assign(w.glyphs.begin() + static_cast<long>(colon + 1), w.glyphs.end());
      }
      const int split = w.box.width * static_cast<int>(colon + 1) / static_cast<int>(w.text.size());
      left.box.width = std::max(1, split);
      right.box.x += split;
      right.box.width = std::max(1, w.box.width - split);
      words.push_back(left);
      words.push_back(right);
    }
    row.words = std::move(words);
  }
  return out;
}

std::map<std::string, LabelledValue> find_labelled_values(const std::vector<TextRow>& rows,
                                                          const LayoutTemplate& layout) {
  const auto hits = find_hits(rows, layout);
  std::vector<std::vector<const LabelHit*>> hits_on_row(rows.size());
  for (const auto& h : hits) hits_on_row[h.row].push_back(&h);

  // Which occurrence of each label counts; fields others depend on first.
  std::map<std::string, const LabelHit*> chosen;
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t k = 0; k < layout.fields.size(); ++k) {
      const auto& rule = layout.fields[k];
      if ((pass == 0) != rule.after_field.empty() || chosen.count(rule.field)) continue;
      const LabelHit* after = nullptr;
      if (!rule.after_field.empty()) {
        auto it = chosen.find(rule.after_field);
        after = it == chosen.end() ? nullptr : it->second;
      }
      const LabelHit* best = nullptr;
      for (const auto& h : hits) {
        if (h.rule != k) continue;
        if (after != nullptr && std::tie(h.row, h.first) <= std::tie(after->row, after->first)) continue;
        if (best == nullptr || (!rule.first && h.score > best->score)) best = &h;
      }
      if (best != nullptr) chosen[rule.field] = best;
    }
  }

  std::map<std::string, LabelledValue> out;
  for (const auto& [field, hit] : chosen) {
    const auto& rule = layout.fields[hit->rule];
    const auto& row = rows[hit->row];
    size_t end = row.words.size();
    for (const auto* other : hits_on_row[hit->row])
      if (other->first > hit->last) end = std::min(end, other->first);
    LabelledValue v;
    v.row = hit->row;
    if (rule.keep_label) append_words(v, row, hit->first, hit->last + 1);
    const auto [first, stop] = value_span(row, hit->last + 1, end);
    append_words(v, row, first, stop);
    const bool started_on_label_row = v.words.size() > (rule.keep_label ? hit->last + 1 - hit->first : 0);
    size_t next = hit->row + 1;
    if (!started_on_label_row && rule.value_below && next < rows.size() && hits_on_row[next].empty() &&
        rows[next].box.y - row.box.br().y < 2.5 * row.height) {
      const auto [f, s] = value_span(rows[next], 0, rows[next].words.size());
      append_words(v, rows[next], f, s);
      ++next;
    }
    if (started_on_label_row && rule.multiline) continue_below(rows, hits_on_row, next, v);
    if (v.words.empty()) continue;
    double sum = 0;
    for (const auto& w : v.words) sum += w.confidence;
    v.ocr_confidence = sum / v.words.size();
    out[field] = std::move(v);
  }
  fill_unlabelled_rows(rows, layout, hits_on_row, out);
  trim_to_value_column(layout, out);
  return out;
}

}  // namespace berkas
