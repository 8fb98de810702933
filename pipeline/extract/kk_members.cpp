#include "extract/kk_members.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <set>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "domain/document_dates.hpp"
#include "domain/free_text.hpp"
#include "domain/nik_repair.hpp"
#include "domain/ocr_lookalikes.hpp"
#include "domain/vocabulary.hpp"
#include "extract/ruled_grid.hpp"
#include "region/region_table.hpp"

namespace berkas {
namespace {

// ---------------------------------------------------------------- words

struct Word {
  const OcrWord* ocr = nullptr;
  std::string text;  // rule debris ('|', '[', ']') stripped
  int row = 0;       // index of its TextRow: the reading order inside a cell
  cv::Rect box;      // the OCR word's box, or its part when split at a '|'
  // Left and right edge of each character of `text`, when Tesseract gave
  // one symbol per character; else empty.
  std::vector<std::pair<int, int>> glyphs;
  void drop_first() {
    text.erase(0, 1);
    if (!glyphs.empty()) glyphs.erase(glyphs.begin());
  }
  void drop_last() {
    text.pop_back();
    if (!glyphs.empty()) glyphs.pop_back();
  }
  double cx() const { return box.x + box.width / 2.0; }
  double cy() const { return box.y + box.height / 2.0; }
  int left() const { return box.x; }
  int right() const { return box.x + box.width; }
};

using Words = std::vector<Word>;

// A gap in the ink at least this share of the letter height is a space
// between words (letters of a name stand a tenth of it apart or touch).
constexpr double kSpaceOfHeight = 0.3;

// Rulings read as characters: '|', brackets, underscores, and dashes that
// are not ASCII ('—'), at either end of a word.
bool rule_debris(char c) {
  return c == '|' || c == '[' || c == ']' || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

bool has_alnum(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

bool ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Words as read, split where a vertical rule was read inside one
// ("UTARA|09-03-1982": two cells), each piece with its share of the box.
Words all_words(const std::vector<TextRow>& rows) {
  Words out;
  for (size_t r = 0; r < rows.size(); ++r)
    for (const auto& w : rows[r].words) {
      const std::string& t = w.text;
      const bool exact = w.glyphs.size() == t.size() && ascii(t);
      size_t start = 0;
      while (start <= t.size()) {
        size_t bar = t.find('|', start);
        if (bar == std::string::npos) bar = t.size();
        size_t b = start, e = bar;
        while (b < e && rule_debris(t[b])) ++b;
        while (e > b && rule_debris(t[e - 1])) --e;
        std::string piece = t.substr(b, e - b);
        if (has_alnum(piece)) {
          Word word{&w, std::move(piece), static_cast<int>(r), w.box, {}};
          if (exact) word.glyphs.assign(w.glyphs.begin() + b, w.glyphs.begin() + e);
          if (start > 0 || bar < t.size()) {
            const double per_char = static_cast<double>(w.box.width) / std::max<size_t>(t.size(), 1);
            word.box.x = w.box.x + static_cast<int>(start * per_char);
            word.box.width = std::max(1, static_cast<int>((bar - start) * per_char));
          }
          out.push_back(std::move(word));
        }
        start = bar + 1;
      }
    }
  return out;
}

// Tesseract sometimes reads the rule beside a cell as a thin letter glued
// to the value ("IMUHAMMAD", "TANIMBARJ") although the word's box holds only
// the value. When the word starts (ends) with a thin letter but the first
// (last) glyph in the image is wide, that letter is not on the paper.
int edge_glyph_width(const cv::Mat& gray, const cv::Rect& box, bool first) {
  const cv::Rect r = box & cv::Rect(0, 0, gray.cols, gray.rows);
  if (r.width < 4 || r.height < 4) return -1;
  cv::Mat ink;
  cv::threshold(gray(r), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  std::vector<int> cols(r.width);
  for (int x = 0; x < r.width; ++x) cols[x] = cv::countNonZero(ink.col(x));
  const int min_ink = std::max(1, r.height / 12);
  int run = 0;
  bool started = false;
  for (int i = 0; i < r.width; ++i) {
    const int x = first ? i : r.width - 1 - i;
    if (cols[x] >= min_ink)
      started = true, ++run;
    else if (started)
      break;
  }
  return run;
}

void drop_phantom_letters(Words& words, const cv::Mat& gray) {
  if (gray.empty() || gray.type() != CV_8UC1) return;
  auto thin = [](char c) { return std::string_view("I|l1[(!").find(c) != std::string_view::npos; };
  auto thin_end = [](char c) { return std::string_view("I|l1])!J").find(c) != std::string_view::npos; };
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (auto& w : words) {
    const int h = w.box.height;
    if (w.text.size() >= 3 && thin(w.text.front()) && letter(w.text[1]) && !thin(w.text[1]) &&
        edge_glyph_width(gray, w.box, true) > 0.45 * h)
      w.drop_first();
    if (w.text.size() >= 3 && thin_end(w.text.back()) && letter(w.text[w.text.size() - 2]) &&
        !thin_end(w.text[w.text.size() - 2]) && edge_glyph_width(gray, w.box, false) > 0.45 * h)
      w.drop_last();
  }
}

void reading_order(Words& words) {
  std::sort(words.begin(), words.end(),
            [](const Word& a, const Word& b) { return a.row != b.row ? a.row < b.row : a.left() < b.left(); });
}

std::string joined(const Words& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w.text;
  return out;
}

// A name's words, with the space put back where Tesseract ran two words
// together ("ANDINURHAEDA"): where the paper shows a gap between two
// letters about as wide as a space (a third of the letter height), the
// space goes between the two characters whose boundary lies there.
std::string joined_name(const Words& words, const cv::Mat& gray) {
  std::string out;
  for (const auto& w : words) {
    std::set<size_t> spaces;  // before these characters
    const cv::Rect r = w.box & cv::Rect(0, 0, gray.cols, gray.rows);
    if (!gray.empty() && w.glyphs.size() == w.text.size() && w.text.size() >= 5 && r.width > 8 && r.height > 8) {
      cv::Mat ink;
      cv::threshold(gray(r), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
      const int min_ink = std::max(1, r.height / 15);
      std::vector<bool> inked(static_cast<size_t>(r.width));
      for (int x = 0; x < r.width; ++x) inked[static_cast<size_t>(x)] = cv::countNonZero(ink.col(x)) >= min_ink;
      const int space = std::max(4, static_cast<int>(std::lround(kSpaceOfHeight * r.height)));
      int x = 0;
      while (x < r.width && !inked[static_cast<size_t>(x)]) ++x;
      while (x < r.width) {
        int end = x;
        while (end < r.width && inked[static_cast<size_t>(end)]) ++end;  // ink ...
        int next = end;
        while (next < r.width && !inked[static_cast<size_t>(next)]) ++next;  // ... then paper
        if (next < r.width && next - end >= space) {
          const double centre = r.x + (end + next) / 2.0;
          size_t best = 0;
          double best_distance = 1e9;
          for (size_t i = 1; i < w.glyphs.size(); ++i) {
            const double boundary = (w.glyphs[i - 1].second + w.glyphs[i].first) / 2.0;
            if (std::abs(boundary - centre) < best_distance) best = i, best_distance = std::abs(boundary - centre);
          }
          if (best > 0 && best_distance < 0.5 * r.height &&
              std::isalpha(static_cast<unsigned char>(w.text[best - 1])) &&
              std::isalpha(static_cast<unsigned char>(w.text[best])))
            spaces.insert(best);
        }
        x = next;
      }
    }
    std::string t;
    for (size_t i = 0; i < w.text.size(); ++i) t += (spaces.count(i) ? " " : "") + std::string(1, w.text[i]);
    out += (out.empty() ? "" : " ") + t;
  }
  return out;
}

double words_confidence(const Words& words) {
  double sum = 0;
  for (const auto& w : words) sum += w.ocr->confidence;
  return words.empty() ? 0 : sum / words.size();
}

cv::Rect words_rect(const Words& words) {
  cv::Rect box;
  for (const auto& w : words) box = box.area() == 0 ? w.box : box | w.box;
  return box;
}

int median_height(const Words& words) {
  std::vector<int> h;
  for (const auto& w : words) h.push_back(w.box.height);
  if (h.empty()) return 20;
  std::nth_element(h.begin(), h.begin() + h.size() / 2, h.end());
  return std::max(h[h.size() / 2], 4);
}

// ---------------------------------------------------------------- headers

// How well header text (a label_key) names a column, 0..1: the whole key
// against each alias, or an alias found inside a longer key (a header cell
// that also caught its neighbour's or a group's title).
double header_match(const std::string& key, const KkColumn& column) {
  double best = 0;
  for (const auto& alias : column.headers) {
    const std::string a = label_key(alias);
    if (a.empty() || key.empty()) continue;
    best = std::max(best, similarity(key, a));
    if (a.size() >= 4 && key.size() > a.size() && key.find(a) != std::string::npos) best = std::max(best, 0.95);
    if (a.size() >= 6 && key.size() > a.size())
      for (size_t len = a.size() - 1; len <= a.size() + 1; ++len)
        for (size_t i = 0; i + len <= key.size(); ++i) best = std::max(best, 0.9 * similarity(key.substr(i, len), a));
  }
  return best;
}

// ---------------------------------------------------------------- cell values

std::optional<int> small_number(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c == '(' || c == ')' || c == '.' || c == ',' || c == ' ') continue;
    auto d = digit_in_group(c);
    if (!d) return std::nullopt;
    digits += *d;
  }
  if (digits.empty() || digits.size() > 2) return std::nullopt;
  return std::stoi(digits);
}

bool is_dash(const std::string& s) {
  for (char c : s)
    if (!(c == '-' || c == ' ' || c == '.' || c == '_')) return false;
  return true;
}

// How much a cell's text looks like what a column of this kind holds, 0..1.
double content_affinity(const std::string& text, const KkColumn& column, int reference_year) {
  if (text.empty()) return 0;
  if (column.kind == "row_number") return small_number(text) ? 1.0 : 0.0;
  int digits = 0, letters = 0;
  for (char c : text) digits += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
  for (char c : text) letters += std::isalpha(static_cast<unsigned char>(c)) ? 1 : 0;
  if (column.kind == "nik") return digits >= 12 ? 1.0 : 0.0;
  if (column.kind == "date") return parse_document_date(text, reference_year) ? 1.0 : 0.0;
  if (column.kind == "vocabulary") {
    const auto v = vocabulary_named(column.vocabulary);
    if (!v) return 0;
    try {
      const auto s = snap(*v, text);
      return s && s->similarity >= 0.8 ? s->similarity : 0.0;
    } catch (const Error&) {
      return 0;
    }
  }
  // Names and places: letters, no digits; weak evidence (so is a vocabulary word).
  return digits == 0 && letters >= 3 ? 0.3 : 0.0;
}

// ---------------------------------------------------------------- column alignment

// Best order-preserving matching of n found columns to m layout columns
// (each used at most once); score[i][j] may be negative (never matched).
// Returns, for each layout column, the found column or -1.
std::vector<int> align(const std::vector<std::vector<double>>& score, size_t m, double* total = nullptr) {
  const size_t n = score.size();
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(m + 1, 0));
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j)
      best[i][j] = std::max({best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + score[i - 1][j - 1]});
  std::vector<int> out(m, -1);
  size_t i = n, j = m;
  while (i > 0 && j > 0) {
    if (best[i][j] == best[i - 1][j])
      --i;
    else if (best[i][j] == best[i][j - 1])
      --j;
    else
      out[j - 1] = static_cast<int>(i - 1), --i, --j;
  }
  if (total) *total = best[n][m];
  return out;
}

// ---------------------------------------------------------------- tables as read

struct BodyRow {
  std::optional<int> number;  // as printed in the No column
  int ordinal = 0;            // 1-based position among the table's rows
  std::vector<Words> cells;   // by layout column
};

struct ReadTable {
  std::vector<BodyRow> rows;
  double score = 0;  // how surely this is the layout's table
};

// A matching of found columns (with their header keys and body cell texts)
// to a layout's columns. `prior` rewards keeping the order when headers are
// unreadable; a header that clearly names another column vetoes.
struct ColumnEvidence {
  std::string header_key;
  std::vector<std::string> cells;  // body cell texts, empty ones included
};

std::vector<int> match_columns(const std::vector<ColumnEvidence>& found, const KkTableLayout& layout,
                               int reference_year, double prior, double min_header, double* evidence) {
  const size_t n = found.size(), m = layout.columns.size();
  std::vector<std::vector<double>> score(n, std::vector<double>(m, 0)), strength(n, std::vector<double>(m, 0));
  for (size_t i = 0; i < n; ++i) {
    std::vector<double> h(m);
    for (size_t j = 0; j < m; ++j) h[j] = header_match(found[i].header_key, layout.columns[j]);
    const double best_h = *std::max_element(h.begin(), h.end());
    for (size_t j = 0; j < m; ++j) {
      double content = 0;
      int filled = 0;
      for (const auto& c : found[i].cells)
        if (!c.empty() && !is_dash(c)) content += content_affinity(c, layout.columns[j], reference_year), ++filled;
      content = filled ? content / filled : 0;
      double s = prior + h[j] + 0.8 * content;
      // A readable header naming another column wins over order and content.
      if (best_h >= 0.8 && h[j] < best_h - 0.25 && found[i].header_key.size() >= 3) s -= 1.0;
      if (h[j] < min_header && content < 0.5) s = -1;
      score[i][j] = s;
      strength[i][j] = h[j] + 0.8 * content;
    }
  }
  auto out = align(score, m);
  if (evidence) {
    *evidence = 0;
    for (size_t j = 0; j < m; ++j)
      if (out[j] >= 0) *evidence += strength[out[j]][j];
  }
  return out;
}

// ---------------------------------------------------------------- ruled grids

struct GridRead {
  const RuledTable* grid;
  std::vector<ColumnEvidence> columns;    // by grid column
  std::vector<std::vector<Words>> bands;  // body bands x grid columns
  std::vector<int> band_ordinals;
};

Words words_in(const Words& words, const cv::Rect& r) {
  Words out;
  for (const auto& w : words)
    if (r.contains(cv::Point(static_cast<int>(w.cx()), static_cast<int>(w.cy())))) out.push_back(w);
  return out;
}

// Whether a band holds only a column-numbering row: "(1) (2) (3) ...".
bool numbering_band(const std::vector<Words>& cells) {
  int numbers = 0, others = 0;
  for (const auto& c : cells)
    for (const auto& w : c) {
      if (w.text.front() == '(' && small_number(w.text))
        ++numbers;
      else
        ++others;
    }
  return numbers >= 3 && others <= numbers / 4;
}

GridRead read_grid(const RuledTable& grid, const Words& words, const std::vector<KkTableLayout>& layouts) {
  GridRead g{&grid, {}, {}, {}};
  const size_t ncols = grid.col_count();
  g.columns.resize(ncols);
  auto band_cells = [&](int top, int bottom) {
    std::vector<Words> cells(ncols);
    for (auto w : words_in(words, {grid.cols.front(), top, grid.cols.back() - grid.cols.front(), bottom - top})) {
      const int c = grid.col_at(w.cx());
      if (c < 0) continue;
      // The rule on the cell's left read as a letter glued to the value
      // ("IMUHAMMAD", "|ENTIN"): the word starts on the rule itself, while
      // printed text keeps a margin from it.
      const int slack = std::max(3, w.box.height / 8);
      if (w.text.size() >= 2 && w.left() <= grid.cols[c] + slack &&
          std::string_view("I|l[(!1Tij").find(w.text.front()) != std::string_view::npos)
        w.drop_first();
      if (w.text.size() >= 2 && w.right() >= grid.cols[c + 1] - slack &&
          std::string_view("I|lJ])!1").find(w.text.back()) != std::string_view::npos)
        w.drop_last();
      cells[c].push_back(w);
    }
    for (auto& c : cells) reading_order(c);
    return cells;
  };
  // The header: the first band, or the text just above the grid when its
  // top rule was not found (then the first band is already a member row).
  const int pitch = grid.rows[1] - grid.rows[0];
  const auto first = band_cells(grid.rows[0], grid.rows[1]);
  const auto above = band_cells(std::max(0, grid.rows[0] - 2 * pitch), grid.rows[0]);
  auto header_strength = [&](const std::vector<Words>& cells) {
    double s = 0;
    for (const auto& c : cells) {
      const std::string key = label_key(joined(c));
      double best = 0;
      for (const auto& l : layouts)
        for (const auto& col : l.columns) best = std::max(best, header_match(key, col));
      s += best >= 0.6 ? best : 0;
    }
    return s;
  };
  const bool header_above = header_strength(above) > header_strength(first) + 0.5;
  const auto& header = header_above ? above : first;
  for (size_t c = 0; c < ncols; ++c) g.columns[c].header_key = label_key(joined(header[c]));
  int ordinal = 0;
  for (size_t b = header_above ? 0 : 1; b + 1 < grid.rows.size(); ++b) {
    auto cells = band_cells(grid.rows[b], grid.rows[b + 1]);
    if (numbering_band(cells)) continue;
    ++ordinal;
    for (size_t c = 0; c < ncols; ++c) g.columns[c].cells.push_back(joined(cells[c]));
    g.bands.push_back(std::move(cells));
    g.band_ordinals.push_back(ordinal);
  }
  return g;
}

ReadTable table_from_grid(const GridRead& g, const std::vector<int>& match, const KkTableLayout& layout) {
  ReadTable t;
  for (size_t b = 0; b < g.bands.size(); ++b) {
    BodyRow row;
    row.ordinal = g.band_ordinals[b];
    row.cells.resize(layout.columns.size());
    for (size_t j = 0; j < layout.columns.size(); ++j) {
      if (match[j] < 0) continue;
      row.cells[j] = g.bands[b][match[j]];
      if (layout.columns[j].kind == "row_number") row.number = small_number(joined(row.cells[j]));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

// ---------------------------------------------------------------- no rulings

struct HeaderBlock {
  size_t first_row = 0, last_row = 0;      // TextRows of the (one or two line) header
  std::vector<int> match;                  // layout column -> cluster
  std::vector<std::pair<int, int>> spans;  // cluster x extents, left to right
  std::vector<std::string> keys;           // cluster titles (label_key)
  double evidence = 0;
};

// Header words grouped into column titles: words that overlap horizontally
// (stacked lines of one title) or stand close (one phrase).
std::vector<Words> header_clusters(Words words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.left() < b.left(); });
  const int h = median_height(words);
  std::vector<Words> out;
  int right = 0;
  for (const auto& w : words) {
    if (out.empty() || w.left() > right + 0.6 * h) out.emplace_back(), right = w.right();
    out.back().push_back(w);
    right = std::max(right, w.right());
  }
  for (auto& c : out) reading_order(c);
  return out;
}

std::optional<HeaderBlock> find_header(const std::vector<TextRow>& rows, const Words& words,
                                       const KkTableLayout& layout, int reference_year) {
  std::optional<HeaderBlock> best;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t extra = 0; extra <= 2 && r + extra < rows.size(); ++extra) {
      const size_t last = r + extra;
      // Stacked header lines sit close together.
      if (extra > 0 && rows[last].box.y - (rows[last - 1].box.y + rows[last - 1].box.height) >
                           1.2 * std::max(rows[last - 1].height, 1))
        break;
      // A member row is no title line: it starts with its number or holds a
      // NIK or a date.
      if (extra > 0) {
        const auto& ws = rows[last].words;
        bool data = !ws.empty() && small_number(ws.front().text).has_value() && ws.size() > 1;
        for (const auto& w : ws)
          data = data || std::count_if(w.text.begin(), w.text.end(),
                                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) >= 4;
        if (data) break;
      }
      Words hw;
      for (const auto& w : words)
        if (w.row >= static_cast<int>(r) && w.row <= static_cast<int>(last)) hw.push_back(w);
      if (hw.size() < 3) continue;
      const auto clusters = header_clusters(hw);
      std::vector<ColumnEvidence> found;
      for (const auto& c : clusters) found.push_back({label_key(joined(c)), {}});
      double evidence = 0;
      auto match = match_columns(found, layout, reference_year, 0.1, 0.55, &evidence);
      int matched = 0;
      for (int m : match) matched += m >= 0 ? 1 : 0;
      if (matched < 3) continue;
      if (!best || evidence > best->evidence) {
        HeaderBlock b;
        b.first_row = r, b.last_row = last, b.match = std::move(match), b.evidence = evidence;
        for (const auto& c : clusters) {
          const cv::Rect box = words_rect(c);
          b.spans.push_back({box.x, box.x + box.width});
          b.keys.push_back(label_key(joined(c)));
        }
        best = std::move(b);
      }
    }
  }
  return best;
}

ReadTable table_from_text(const std::vector<TextRow>& rows, const Words& words, const HeaderBlock& header,
                          const KkTableLayout& layout, size_t stop_row, int reference_year) {
  const size_t m = layout.columns.size();
  // Where each title's column starts. Values are left-aligned in their
  // cells and titles centred, so the start of the next column lies between
  // this title's end and the next title's start; where a value of the body
  // starts (after a wide gap) in that stretch, the column starts there.
  const size_t nspans = header.spans.size();
  std::vector<size_t> body;  // TextRows of the table's body
  std::vector<int> starts;   // phrase starts of the body rows
  {
    int last_bottom = rows[header.last_row].box.y + rows[header.last_row].box.height;
    for (size_t r = header.last_row + 1; r < stop_row && r < rows.size(); ++r) {
      const int h = std::max(rows[r].height, 4);
      if (rows[r].box.y - last_bottom > 4 * h) break;  // the table ended
      last_bottom = rows[r].box.y + rows[r].box.height;
      body.push_back(r);
      int prev_right = -1 << 30;
      for (const auto& w : words)
        if (w.row == static_cast<int>(r)) {
          if (w.left() - prev_right >= 0.6 * h) starts.push_back(w.left());
          prev_right = w.right();
        }
    }
  }
  std::vector<int> boundary(nspans + 1);  // boundary[c]: where cluster c's column starts
  boundary[0] = header.spans[0].first - (header.spans[0].second - header.spans[0].first) - 1;
  boundary[nspans] = header.spans.back().second + 4 * (header.spans.back().second - header.spans.back().first);
  for (size_t c = 1; c < nspans; ++c) {
    const int lo = header.spans[c - 1].second, hi = header.spans[c].first;
    int first_start = hi + 1;
    for (int x : starts)
      if (x > lo && x <= hi) first_start = std::min(first_start, x);
    boundary[c] = first_start <= hi ? first_start - 2 : (lo + hi) / 2;
  }
  auto cluster_of = [&](int x) {
    for (size_t c = 0; c < nspans; ++c)
      if (x >= boundary[c] && x < boundary[c + 1]) return static_cast<int>(c);
    return -1;
  };

  // Body rows cut into the titles' columns; a line without a number under
  // a member row is its wrapped continuation.
  struct Line {
    std::optional<int> number;
    std::vector<Words> cells;  // by cluster
  };
  std::vector<Line> lines;
  int max_number = 0;
  for (size_t r : body) {
    const int h = std::max(rows[r].height, 4);
    Line line{std::nullopt, std::vector<Words>(nspans)};
    int placed = 0, prev_col = -1, prev_right = 0;
    bool first = true;
    for (const auto& w : words) {
      if (w.row != static_cast<int>(r)) continue;
      int c = cluster_of(w.left());
      // A word close behind the previous one continues its value.
      if (prev_col >= 0 && w.left() - prev_right < 0.6 * h) c = prev_col;
      if (c >= 0) line.cells[c].push_back(w), ++placed;
      if (first && c <= 0 && w.left() < boundary[std::min<size_t>(1, nspans)]) line.number = small_number(w.text);
      first = false;
      prev_col = c, prev_right = w.right();
    }
    if (placed == 0) continue;
    // Numbering starting again: the next table, its title unread.
    if (line.number == 1 && max_number >= 2) break;
    if (line.number) max_number = std::max(max_number, *line.number);
    int filled = 0;
    for (size_t c = 1; c < nspans; ++c) filled += line.cells[c].empty() ? 0 : 1;
    // Only a line that continues one or two cells; a full row whose number
    // was not read is a row of its own.
    if (!line.number && filled > 0 && filled < 3 && !lines.empty()) {
      for (size_t c = 0; c < nspans; ++c)
        for (auto& w : line.cells[c]) lines.back().cells[c].push_back(w);
      continue;
    }
    lines.push_back(std::move(line));
  }

  // Titles to layout columns again, now with what the columns hold: an
  // unreadable title between two readable ones is placed by its values.
  std::vector<ColumnEvidence> found(nspans);
  for (size_t c = 0; c < nspans; ++c) {
    found[c].header_key = header.keys[c];
    for (const auto& l : lines) found[c].cells.push_back(joined(l.cells[c]));
  }
  const auto match = match_columns(found, layout, reference_year, 0.3, 0.0, nullptr);

  ReadTable t;
  int ordinal = 0;
  for (auto& l : lines) {
    BodyRow b;
    b.ordinal = ++ordinal;
    b.cells.resize(m);
    for (size_t j = 0; j < m; ++j) {
      if (match[j] < 0) continue;
      b.cells[j] = l.cells[match[j]];
      if (layout.columns[j].kind == "row_number" && !b.cells[j].empty()) b.number = small_number(joined(b.cells[j]));
    }
    if (!b.number) b.number = l.number;
    t.rows.push_back(std::move(b));
  }
  return t;
}

// ---------------------------------------------------------------- normal forms

struct Normalized {
  std::string value;
  double factor = 0;  // validation: 1 when the value validated exactly
};

std::optional<Normalized> normalize(const KkColumn& column, const std::string& raw, int reference_year) {
  if (raw.empty() || is_dash(raw)) return std::nullopt;
  if (column.kind == "person_name") {
    std::string v = clean_person_name(raw);
    if (v.empty() || is_dash(v)) return std::nullopt;
    return Normalized{v, 0.85};
  }
  if (column.kind == "free_text") {
    std::string v = clean_free_text(raw);
    if (v.empty() || is_dash(v)) return std::nullopt;
    return Normalized{v, 0.85};
  }
  if (column.kind == "date") {
    auto d = parse_document_date(raw, reference_year);
    // The rule before the cell read as a leading '1' ("105-03-1971").
    if (!d && raw.size() > 1 && std::string_view("1Il").find(raw.front()) != std::string_view::npos)
      d = parse_document_date(std::string_view(raw).substr(1), reference_year);
    if (!d) return std::nullopt;
    return Normalized{d->iso(), 0.95};
  }
  if (column.kind == "vocabulary") {
    const auto v = vocabulary_named(column.vocabulary);
    if (!v) return std::nullopt;
    const auto s = snap(*v, raw);
    if (s) return Normalized{s->value, s->similarity >= 0.999 ? 1.0 : 0.5 + 0.4 * s->similarity};
    // Closed lists with a fixed normal form give nothing; open ones the text.
    if (*v == Vocabulary::Sex || *v == Vocabulary::BloodType) return std::nullopt;
    std::string t = clean_free_text(raw);
    if (t.empty() || is_dash(t)) return std::nullopt;
    return Normalized{t, 0.55};
  }
  return std::nullopt;
}

FieldValue field(const Normalized& n, const Words& words) {
  return FieldValue{n.value, std::clamp(words_confidence(words) * n.factor, 0.0, 1.0), words_rect(words)};
}

}  // namespace

// ---------------------------------------------------------------- layout file

KkMembersLayout load_kk_members_layout(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(ErrorCode::NotFound, file.string() + ": cannot be opened");
  KkMembersLayout layout;
  try {
    const auto j = nlohmann::json::parse(in);
    layout.members_from = j.at("members_from").get<std::string>();
    for (const auto& t : j.at("tables")) {
      KkTableLayout table;
      table.name = t.at("name").get<std::string>();
      for (const auto& c : t.at("columns")) {
        KkColumn col;
        col.field = c.value("field", "");
        col.kind = c.value("kind", "free_text");
        col.vocabulary = c.value("vocabulary", "");
        col.headers = c.at("headers").get<std::vector<std::string>>();
        col.optional = c.value("optional", false);
        if (col.kind == "vocabulary" && !vocabulary_named(col.vocabulary))
          throw Error(ErrorCode::CorruptInput, file.string() + ": unknown vocabulary '" + col.vocabulary + "'");
        table.columns.push_back(std::move(col));
      }
      layout.tables.push_back(std::move(table));
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::CorruptInput, file.string() + ": " + e.what());
  }
  bool found = false;
  for (const auto& t : layout.tables) found = found || t.name == layout.members_from;
  if (!found) throw Error(ErrorCode::CorruptInput, file.string() + ": members_from names no table");
  return layout;
}

const KkMembersLayout& standard_kk_members_layout() {
  static const KkMembersLayout layout = load_kk_members_layout(templates_dir() / "layouts" / "kk_members.json");
  return layout;
}

std::vector<FieldMap> extract_kk_members(const std::vector<TextRow>& rows, const cv::Mat& upright_gray,
                                         int reference_year) {
  return extract_kk_members(rows, upright_gray, reference_year, standard_kk_members_layout());
}

std::vector<FieldMap> extract_kk_members(const std::vector<TextRow>& rows, const cv::Mat& upright_gray,
                                         int reference_year, const KkMembersLayout& layout) {
  Words words = all_words(rows);
  if (!upright_gray.empty() && upright_gray.type() == CV_8UC1) drop_phantom_letters(words, upright_gray);
  const size_t nt = layout.tables.size();
  std::vector<std::optional<ReadTable>> tables(nt);

  // 1. Ruled grids: each layout table takes the grid whose columns it
  //    explains best, in page order when the evidence ties.
  const auto grids = upright_gray.empty() ? std::vector<RuledTable>{} : find_ruled_tables(upright_gray);
  std::vector<GridRead> reads;
  for (const auto& g : grids) reads.push_back(read_grid(g, words, layout.tables));
  struct Candidate {
    size_t grid, table;
    double evidence;
    std::vector<int> match;
  };
  std::vector<Candidate> candidates;
  for (size_t g = 0; g < reads.size(); ++g)
    for (size_t t = 0; t < nt; ++t) {
      double evidence = 0;
      auto match = match_columns(reads[g].columns, layout.tables[t], reference_year, 0.3, 0.0, &evidence);
      candidates.push_back({g, t, evidence, std::move(match)});
    }
  std::vector<bool> grid_used(reads.size(), false);
  while (true) {
    const Candidate* best = nullptr;
    for (const auto& c : candidates) {
      if (grid_used[c.grid] || tables[c.table]) continue;
      if (c.evidence < 2.0) continue;  // a grid that is not a member table
      if (!best || c.evidence > best->evidence + 1e-9 ||
          (std::abs(c.evidence - best->evidence) <= 1e-9 && c.grid < best->grid))
        best = &c;
    }
    if (!best) break;
    grid_used[best->grid] = true;
    tables[best->table] = table_from_grid(reads[best->grid], best->match, layout.tables[best->table]);
  }

  // 2. Tables without a grid: header titles on rows of text, away from the
  //    grids already read.
  Words loose;
  for (const auto& w : words) {
    bool inside = false;
    for (size_t g = 0; g < grids.size(); ++g)
      inside = inside ||
               (grid_used[g] && grids[g].box.contains(cv::Point(static_cast<int>(w.cx()), static_cast<int>(w.cy()))));
    if (!inside) loose.push_back(w);
  }
  std::vector<std::optional<HeaderBlock>> headers(nt);
  for (size_t t = 0; t < nt; ++t)
    if (!tables[t]) headers[t] = find_header(rows, loose, layout.tables[t], reference_year);
  for (size_t t = 0; t < nt; ++t) {
    if (!headers[t]) continue;
    size_t stop = rows.size();
    for (size_t u = 0; u < nt; ++u)
      if (u != t && headers[u] && headers[u]->first_row > headers[t]->last_row)
        stop = std::min(stop, headers[u]->first_row);
    tables[t] = table_from_text(rows, loose, *headers[t], layout.tables[t], stop, reference_year);
  }

  // 3. Members: the filled rows of the members table, joined to the other
  //    tables' rows with the same number.
  size_t mt = 0;
  for (size_t t = 0; t < nt; ++t)
    if (layout.tables[t].name == layout.members_from) mt = t;
  if (!tables[mt]) return {};
  auto key_of = [](const BodyRow& r) { return r.number.value_or(r.ordinal); };
  std::vector<FieldMap> out;
  const RegionTable& regions = RegionTable::standard();
  for (const auto& row : tables[mt]->rows) {
    FieldMap fields;
    std::vector<std::pair<const KkColumn*, const Words*>> cells;
    for (size_t j = 0; j < layout.tables[mt].columns.size(); ++j)
      cells.push_back({&layout.tables[mt].columns[j], &row.cells[j]});
    for (size_t t = 0; t < nt; ++t) {
      if (t == mt || !tables[t]) continue;
      const BodyRow* other = nullptr;
      for (const auto& r : tables[t]->rows)
        if (key_of(r) == key_of(row)) other = &r;
      if (!other)
        for (const auto& r : tables[t]->rows)
          if (r.ordinal == row.ordinal) other = &r;
      if (!other) continue;
      for (size_t j = 0; j < layout.tables[t].columns.size(); ++j)
        cells.push_back({&layout.tables[t].columns[j], &other->cells[j]});
    }
    // Plain values first; the NIK then checks against the printed birth
    // date and sex.
    const std::pair<const KkColumn*, const Words*>* nik_cell = nullptr;
    for (const auto& [col, w] : cells) {
      if (col->field.empty() || w->empty()) continue;
      if (col->kind == "nik") continue;
      std::optional<Normalized> n;
      try {
        n = normalize(
            *col,
            col->kind == "person_name" && upright_gray.type() == CV_8UC1 ? joined_name(*w, upright_gray) : joined(*w),
            reference_year);
      } catch (const Error&) {
        n.reset();
      }
      if (n) fields[col->field] = field(*n, *w);
    }
    for (const auto& c : cells)
      if (c.first->kind == "nik" && !c.first->field.empty() && !c.second->empty()) nik_cell = &c;
    if (nik_cell) {
      const auto& [col, w] = *nik_cell;
      std::optional<Date> birth;
      std::optional<char> sex;
      if (auto it = fields.find("birth_date"); it != fields.end()) birth = parse_iso_date(it->second.value);
      if (auto it = fields.find("sex"); it != fields.end() && it->second.value.size() == 1) sex = it->second.value[0];
      std::optional<NumberRepair> repair;
      try {
        const std::string raw = joined(*w);
        repair = repair_nik(raw, regions, reference_year, birth, sex);
        // A rule read as an extra '1' or 'I' at either end (17 characters).
        std::string compact;
        for (char c : raw)
          if (c != ' ' && c != '.') compact += c;
        if (!repair && compact.size() == 17)
          repair = repair_nik(compact.substr(1), regions, reference_year, birth, sex);
        if (!repair && compact.size() == 17)
          repair = repair_nik(compact.substr(0, 16), regions, reference_year, birth, sex);
      } catch (const Error&) {
        repair.reset();
      }
      if (repair) {
        double factor = repair->consistent ? (birth || sex ? 1.0 : 0.9) : 0.7;
        factor *= std::max(0.6, 1.0 - 0.05 * repair->substitutions);
        fields[col->field] = field({repair->digits, factor}, *w);
        if (repair->consistent && birth) {
          auto& bd = fields["birth_date"];
          bd.confidence = std::min(1.0, bd.confidence / 0.95);
        }
      }
    }
    bool member = false;
    for (const auto& [name, v] : fields)
      if (name == "name" || name == "nik") member = true;
    if (member) out.push_back(std::move(fields));
  }
  return out;
}

}  // namespace berkas
