#include "extract/ruled_grid.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace berkas {
namespace {

struct Segment {
  int lo, hi;  // extent along the line
  double at;   // position across the line (centre)
};

// Segments of one orientation: connected components of `mask` at least
// `min_length` long.
std::vector<Segment> segments(const cv::Mat& mask, bool horizontal, int min_length) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<Segment> out;
  for (int i = 1; i < n; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (horizontal && w >= min_length) out.push_back({x, x + w, y + h / 2.0});
    if (!horizontal && h >= min_length) out.push_back({y, y + h, x + w / 2.0});
  }
  return out;
}

// Rule positions inside [lo, hi] x [across_lo, across_hi]: segments grouped
// by position (pieces of one broken rule join), kept when together they
// cover at least `coverage` of the span.
std::vector<int> rules(std::vector<Segment> segs, int lo, int hi, int across_lo, int across_hi, double coverage,
                       int tolerance) {
  std::vector<Segment> inside;
  for (const auto& s : segs)
    if (s.at >= across_lo - tolerance && s.at <= across_hi + tolerance && s.hi > lo && s.lo < hi) inside.push_back(s);
  std::sort(inside.begin(), inside.end(), [](const Segment& a, const Segment& b) { return a.at < b.at; });
  std::vector<int> out;
  for (size_t i = 0; i < inside.size();) {
    size_t j = i;
    double sum = 0;
    int covered = 0, weight = 0;
    while (j < inside.size() && inside[j].at - inside[i].at <= tolerance) {
      const int len = std::min(inside[j].hi, hi) - std::max(inside[j].lo, lo);
      covered += std::max(len, 0);
      sum += inside[j].at * std::max(len, 1), weight += std::max(len, 1);
      ++j;
    }
    if (covered >= coverage * (hi - lo)) out.push_back(static_cast<int>(sum / weight + 0.5));
    i = j;
  }
  return out;
}

}  // namespace

int RuledTable::row_at(double y) const {
  for (size_t i = 0; i + 1 < rows.size(); ++i)
    if (y >= rows[i] && y < rows[i + 1]) return static_cast<int>(i);
  return -1;
}

int RuledTable::col_at(double x) const {
  for (size_t i = 0; i + 1 < cols.size(); ++i)
    if (x >= cols[i] && x < cols[i + 1]) return static_cast<int>(i);
  return -1;
}

std::vector<RuledTable> find_ruled_tables(const cv::Mat& gray_in) {
  if (gray_in.empty()) return {};
  cv::Mat gray;
  if (gray_in.channels() == 3)
    cv::cvtColor(gray_in, gray, cv::COLOR_BGR2GRAY);
  else if (gray_in.channels() == 4)
    cv::cvtColor(gray_in, gray, cv::COLOR_BGRA2GRAY);
  else
    gray = gray_in;
  if (gray.depth() != CV_8U) gray.convertTo(gray, CV_8U);
  const int W = gray.cols, H = gray.rows;
  const int unit = std::max(6, std::min(W, H) / 100);  // about a text height

  cv::Mat ink;
  cv::adaptiveThreshold(gray, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 2 * unit + 1, 15);

  // Long thin runs survive an opening with a long thin kernel; text does not.
  cv::Mat hmask, vmask;
  cv::morphologyEx(ink, hmask, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {std::max(4 * unit, W / 30), 1}));
  cv::morphologyEx(hmask, hmask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {unit, 3}));
  cv::morphologyEx(ink, vmask, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {1, std::max(2 * unit, H / 40)}));
  cv::morphologyEx(vmask, vmask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {3, unit}));

  const auto hsegs = segments(hmask, true, std::max(4 * unit, W / 12));
  const auto vsegs = segments(vmask, false, 2 * unit);
  const int tolerance = std::max(3, unit / 2);

  // Horizontal lines: pieces of one rule at one height joined.
  struct Line {
    double y;
    int lo, hi;
  };
  std::vector<Segment> sorted = hsegs;
  std::sort(sorted.begin(), sorted.end(), [](const Segment& a, const Segment& b) { return a.at < b.at; });
  std::vector<Line> lines;
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    Line l{0, sorted[i].lo, sorted[i].hi};
    double weight = 0;
    while (j < sorted.size() && sorted[j].at - sorted[i].at <= tolerance) {
      l.lo = std::min(l.lo, sorted[j].lo), l.hi = std::max(l.hi, sorted[j].hi);
      l.y += sorted[j].at * (sorted[j].hi - sorted[j].lo), weight += sorted[j].hi - sorted[j].lo;
      ++j;
    }
    l.y /= weight;
    if (l.hi - l.lo >= W / 5) lines.push_back(l);
    i = j;
  }
  // Vertical rules standing between two heights inside an x range.
  auto spanning = [&](double top, double bottom, int lo, int hi) {
    int n = 0;
    for (const auto& v : vsegs)
      if (v.at >= lo - tolerance && v.at <= hi + tolerance && v.lo <= top + tolerance && v.hi >= bottom - tolerance)
        ++n;
    return n;
  };
  // Tables: runs of lines of one width joined by vertical rules (a page
  // border or the gap between two tables has at most its two sides).
  // A much shorter line inside a run (a rule under a merged header cell)
  // is skipped.
  std::vector<std::vector<Line>> groups;
  for (const auto& l : lines) {
    if (!groups.empty()) {
      auto& g = groups.back();
      const int lo = std::max(g.front().lo, l.lo), hi = std::min(g.front().hi, l.hi);
      const int width = g.front().hi - g.front().lo;
      if (hi - lo > 0.5 * std::min(width, l.hi - l.lo) && spanning(g.back().y, l.y, lo, hi) >= 3) {
        if (l.hi - l.lo >= 0.6 * width) g.push_back(l);
        continue;
      }
    }
    groups.push_back({l});
  }
  std::vector<RuledTable> out;
  for (const auto& g : groups) {
    if (g.size() < 3) continue;
    RuledTable t;
    const int lo = g.front().lo, hi = g.front().hi;
    const int top = static_cast<int>(g.front().y), bottom = static_cast<int>(g.back().y + 0.5);
    t.box = cv::Rect(lo, top, hi - lo, bottom - top + 1);
    for (const auto& l : g) t.rows.push_back(static_cast<int>(l.y + 0.5));
    t.cols = rules(vsegs, top, bottom, lo, hi, 0.4, tolerance);
    if (t.cols.size() < 3) continue;
    t.box.x = std::min(t.box.x, t.cols.front());
    t.box.width = std::max(t.box.x + t.box.width, t.cols.back() + 1) - t.box.x;
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const RuledTable& a, const RuledTable& b) { return a.box.y < b.box.y; });
  return out;
}

}  // namespace berkas
