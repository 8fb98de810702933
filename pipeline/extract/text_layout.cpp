#include "extract/text_layout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace berkas {
namespace {

std::string trimmed(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

double center_y(const cv::Rect& r) { return r.y + r.height / 2.0; }

}  // namespace

std::string TextRow::text(size_t first, size_t last) const {
  std::string out;
  last = std::min(last, words.empty() ? 0 : words.size() - 1);
  for (size_t i = first; i <= last && i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i].text;
  return out;
}

double TextRow::gap_before(size_t i) const {
  if (i == 0 || i >= words.size()) return 0;
  const auto& a = words[i - 1].box;
  return (words[i].box.x - (a.x + a.width)) / static_cast<double>(std::max(height, 1));
}

std::vector<TextRow> arrange_rows(const std::vector<OcrWord>& words) {
  // Tesseract's own text lines follow a slanted or curved baseline better
  // than any rule on word boxes; they are the segments rows are built from.
  std::map<int, TextRow> lines;
  for (const auto& w : words) {
    OcrWord t = w;
    t.text = trimmed(w.text);
    if (!t.text.empty() && t.box.width > 0 && t.box.height > 0) lines[w.line].words.push_back(std::move(t));
  }
  std::vector<TextRow> segments;
  for (auto& [id, line] : lines) {
    std::sort(line.words.begin(), line.words.end(),
              [](const OcrWord& a, const OcrWord& b) { return a.box.x < b.box.x; });
    line.box = line.words.front().box;
    for (const auto& w : line.words) line.box |= w.box;
    segments.push_back(std::move(line));
  }
  // Segments side by side at the same height (a label column and a value
  // column, two columns of labels) join into one row, left to right.
  std::sort(segments.begin(), segments.end(), [](const TextRow& a, const TextRow& b) { return a.box.x < b.box.x; });
  std::vector<TextRow> rows;
  for (auto& seg : segments) {
    TextRow* best = nullptr;
    double best_overlap = 0;
    for (auto& row : rows) {
      const cv::Rect& last = row.words.back().box;
      const cv::Rect& first = seg.words.front().box;
      if (first.x < last.x + last.width - std::min(last.height, first.height) / 2) continue;
      const int top = std::max(last.y, first.y), bottom = std::min(last.br().y, first.br().y);
      const double overlap = (bottom - top) / static_cast<double>(std::min(last.height, first.height));
      if (overlap > 0.5 && overlap > best_overlap) best = &row, best_overlap = overlap;
    }
    if (best == nullptr) {
      rows.push_back(std::move(seg));
    } else {
      for (auto& w : seg.words) best->words.push_back(std::move(w));
    }
  }
  for (auto& row : rows) {
    std::vector<int> heights;
    row.box = row.words.front().box;
    for (const auto& w : row.words) row.box |= w.box, heights.push_back(w.box.height);
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    row.height = heights[heights.size() / 2];
  }
  std::sort(rows.begin(), rows.end(), [](const TextRow& a, const TextRow& b) {
    return center_y(a.box) != center_y(b.box) ? center_y(a.box) < center_y(b.box) : a.box.x < b.box.x;
  });
  return rows;
}

std::string label_key(std::string_view text) {
  std::string out;
  for (unsigned char c : text)
    if (std::isalnum(c)) out += static_cast<char>(std::toupper(c));
  return out;
}

double mean_confidence(const TextRow& row, size_t first, size_t last) {
  double sum = 0;
  int n = 0;
  for (size_t i = first; i <= last && i < row.words.size(); ++i) sum += row.words[i].confidence, ++n;
  return n == 0 ? 0 : sum / n;
}

cv::Rect words_box(const TextRow& row, size_t first, size_t last) {
  cv::Rect box;
  for (size_t i = first; i <= last && i < row.words.size(); ++i)
    box = box.area() == 0 ? row.words[i].box : box | row.words[i].box;
  return box;
}

}  // namespace berkas
