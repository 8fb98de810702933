#include "archive/register_grid.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <opencv2/imgproc.hpp>
#include <optional>

namespace berkas {
namespace {

// Thin dark marks (rules, strokes of letters): darker than what a closing
// fills in around them. The edge of the paper against a dark table is a
// step, not a thin mark, and is left out.
cv::Mat ink_of(const cv::Mat& gray, int unit) {
  cv::Mat thin, ink;
  const int k = std::max(9, unit | 1);
  cv::morphologyEx(gray, thin, cv::MORPH_BLACKHAT, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  const double otsu = cv::threshold(thin, ink, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  cv::threshold(thin, ink, std::max(20.0, otsu), 255, cv::THRESH_BINARY);
  return ink;
}

int unit_of(const cv::Mat& gray) { return std::max(6, std::min(gray.cols, gray.rows) / 100); }

struct Vertical {
  double x;
  int top, bottom;
  double length;
};

// Vertical rules: long vertical runs, pieces at one x joined.
std::vector<Vertical> vertical_rules(const cv::Mat& ink, int unit) {
  const int H = ink.rows;
  cv::Mat mask;
  cv::morphologyEx(ink, mask, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {1, std::max(3 * unit, H / 25)}));
  cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {3, 2 * unit}));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<Vertical> pieces;
  for (int i = 1; i < n; ++i) {
    const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT), w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    if (h < H / 10 || w > 3 * unit) continue;
    const int top = stats.at<int>(i, cv::CC_STAT_TOP);
    pieces.push_back({centroids.at<double>(i, 0), top, top + h, double(h)});
  }
  std::sort(pieces.begin(), pieces.end(), [](const Vertical& a, const Vertical& b) { return a.x < b.x; });
  std::vector<Vertical> out;
  for (const auto& p : pieces) {
    if (!out.empty() && p.x - out.back().x <= unit) {
      Vertical& v = out.back();
      v.x = (v.x * v.length + p.x * p.length) / (v.length + p.length);
      v.top = std::min(v.top, p.top), v.bottom = std::max(v.bottom, p.bottom), v.length += p.length;
    } else {
      out.push_back(p);
    }
  }
  return out;
}

// The columns of the grid: the vertical rules that share the grid's height.
std::vector<Vertical> grid_columns(std::vector<Vertical> verticals) {
  if (verticals.size() < 3) return {};
  // The grid's extent: the median top and bottom of the longest rules.
  std::vector<Vertical> longest = verticals;
  std::sort(longest.begin(), longest.end(), [](const Vertical& a, const Vertical& b) { return a.length > b.length; });
  longest.resize(std::min<size_t>(longest.size(), 6));
  std::vector<int> tops, bottoms;
  for (const auto& v : longest) tops.push_back(v.top), bottoms.push_back(v.bottom);
  std::nth_element(tops.begin(), tops.begin() + tops.size() / 2, tops.end());
  std::nth_element(bottoms.begin(), bottoms.begin() + bottoms.size() / 2, bottoms.end());
  const int top = tops[tops.size() / 2], bottom = bottoms[bottoms.size() / 2];
  const int height = bottom - top;
  std::vector<Vertical> out;
  for (const auto& v : verticals) {
    const int overlap = std::min(v.bottom, bottom) - std::max(v.top, top);
    if (overlap >= 0.6 * height && v.length >= 0.5 * height) out.push_back(v);
  }
  return out.size() >= 3 ? out : std::vector<Vertical>{};
}

struct Fit {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  int minx = 1 << 30, maxx = -1;
  void add(int x, int y) {
    n += 1, sx += x, sy += y, sxx += double(x) * x, sxy += double(x) * y;
    minx = std::min(minx, x), maxx = std::max(maxx, x);
  }
  // y at x of the least-squares line.
  double at(double x) const {
    const double d = n * sxx - sx * sx;
    if (std::abs(d) < 1e-9) return sy / n;
    const double b = (n * sxy - sx * sy) / d;
    return (sy - b * sx) / n + b * x;
  }
};

using Rule = std::array<float, 2>;

double mid(const Rule& r) { return (r[0] + r[1]) / 2.0; }

}  // namespace

std::array<cv::Point2f, 4> RegisterGrid::cell(size_t band, size_t column) const {
  const float x0 = static_cast<float>(cols[column]), x1 = static_cast<float>(cols[column + 1]);
  const Rule& a = rules[column][band];
  const Rule& b = rules[column][band + 1];
  return {cv::Point2f(x0, a[0]), cv::Point2f(x1, a[1]), cv::Point2f(x1, b[1]), cv::Point2f(x0, b[0])};
}

std::optional<std::array<cv::Point2f, 4>> find_table_corners(const cv::Mat& gray) {
  const int unit = unit_of(gray);
  const cv::Mat ink = ink_of(gray, unit);
  // The grid and its entries, joined into one blob whatever the page's
  // angle; the title above stays apart.
  cv::Mat lines;
  cv::dilate(ink, lines, cv::getStructuringElement(cv::MORPH_ELLIPSE, {unit, unit}));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(lines, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  const std::vector<cv::Point>* largest = nullptr;
  double area = 0.05 * gray.total();
  for (const auto& c : contours)
    if (const double a = cv::contourArea(c); a > area) area = a, largest = &c;
  if (!largest) return std::nullopt;
  std::vector<cv::Point> hull;
  cv::convexHull(*largest, hull);
  // The outline simplified until it has four corners (a side bent into the
  // spine needs a coarser simplification); else the hull's extreme points
  // along the diagonals.
  const double perimeter = cv::arcLength(hull, true);
  for (double epsilon = 0.01; epsilon <= 0.08; epsilon += 0.01) {
    std::vector<cv::Point> polygon;
    cv::approxPolyDP(hull, polygon, epsilon * perimeter, true);
    if (polygon.size() == 4) {
      hull = polygon;
      break;
    }
  }
  std::array<cv::Point2f, 4> q{hull[0], hull[0], hull[0], hull[0]};
  for (const auto& p : hull) {
    if (p.x + p.y < q[0].x + q[0].y) q[0] = p;
    if (p.x - p.y > q[1].x - q[1].y) q[1] = p;
    if (p.x + p.y > q[2].x + q[2].y) q[2] = p;
    if (p.x - p.y < q[3].x - q[3].y) q[3] = p;
  }
  return q;
}

RuleLengths rule_lengths(const cv::Mat& gray) {
  // Straight segments at any small angle (a page askew, or lying on its
  // side a few degrees off), measured on a half-size copy.
  cv::Mat half;
  cv::resize(gray, half, {}, 0.5, 0.5, cv::INTER_AREA);
  const cv::Mat ink = ink_of(half, unit_of(half));
  std::vector<cv::Vec4i> segments;
  const int shorter = std::min(half.cols, half.rows);
  cv::HoughLinesP(ink, segments, 1, CV_PI / 360, shorter / 8, shorter / 6, 6);
  RuleLengths out;
  for (const auto& s : segments) {
    const double dx = s[2] - s[0], dy = s[3] - s[1];
    const double length = std::hypot(dx, dy);
    if (std::abs(dy) < 0.35 * std::abs(dx)) out.horizontal += length;
    if (std::abs(dx) < 0.35 * std::abs(dy)) out.vertical += length;
  }
  return out;
}

std::optional<RegisterGrid> find_register_grid(const cv::Mat& gray) {
  if (gray.empty() || gray.type() != CV_8UC1) return std::nullopt;
  const int unit = unit_of(gray);
  const cv::Mat ink = ink_of(gray, unit);
  const auto columns = grid_columns(vertical_rules(ink, unit));
  if (columns.size() < 3) return std::nullopt;
  RegisterGrid grid;
  for (const auto& v : columns) grid.cols.push_back(static_cast<int>(v.x + 0.5));
  int narrowest = gray.cols;
  for (size_t c = 0; c + 1 < grid.cols.size(); ++c) narrowest = std::min(narrowest, grid.cols[c + 1] - grid.cols[c]);
  int top = gray.rows, bottom = 0;
  for (const auto& v : columns) top = std::min(top, v.top), bottom = std::max(bottom, v.bottom);

  // Horizontal rules: runs at least half the narrowest column long, so a
  // short piece of a rule bending into the spine still counts.
  cv::Mat hmask, labels;
  cv::morphologyEx(ink, hmask, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {std::max(2 * unit, narrowest / 2), 1}));
  cv::morphologyEx(hmask, hmask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {unit, 1}));
  cv::connectedComponents(hmask, labels, 8, CV_32S);
  // Per column, a line fitted to each rule's pixels inside it (away from the vertical rules).
  const size_t ncols = grid.cols.size() - 1;
  std::vector<std::map<int, Fit>> fits(ncols);
  std::vector<int> column_of(static_cast<size_t>(gray.cols), -1);
  const int margin = std::max(3, unit / 2);
  for (size_t c = 0; c < ncols; ++c)
    for (int x = grid.cols[c] + margin; x < grid.cols[c + 1] - margin; ++x)
      column_of[static_cast<size_t>(x)] = static_cast<int>(c);
  const int slack = 4 * unit;
  for (int y = std::max(0, top - slack); y < std::min(gray.rows, bottom + slack); ++y) {
    const int* row = labels.ptr<int>(y);
    for (int x = grid.cols.front(); x < grid.cols.back(); ++x)
      if (row[x] > 0 && column_of[static_cast<size_t>(x)] >= 0)
        fits[static_cast<size_t>(column_of[static_cast<size_t>(x)])][row[x]].add(x, y);
  }
  std::vector<std::vector<Rule>> found(ncols);
  for (size_t c = 0; c < ncols; ++c) {
    const double x0 = grid.cols[c], x1 = grid.cols[c + 1];
    for (const auto& [label, f] : fits[c]) {
      if (f.maxx - f.minx < 0.5 * (x1 - x0 - 2 * margin)) continue;  // a stroke of text, not a rule
      found[c].push_back({static_cast<float>(f.at(x0)), static_cast<float>(f.at(x1))});
    }
    std::sort(found[c].begin(), found[c].end(), [](const Rule& a, const Rule& b) { return mid(a) < mid(b); });
    // A doubled rule (two close lines) is one.
    std::vector<Rule> merged;
    for (const auto& r : found[c])
      if (merged.empty() || mid(r) - mid(merged.back()) > unit) merged.push_back(r);
    found[c] = merged;
  }
  // The count most columns agree on; those columns are trusted as they are.
  std::map<size_t, int> votes;
  for (const auto& f : found) ++votes[f.size()];
  size_t count = 0;
  int best = 0;
  for (const auto& [k, v] : votes)
    if (v > best || (v == best && k > count)) best = v, count = k;
  if (count < 3) return std::nullopt;
  grid.rules.assign(ncols, {});
  std::vector<bool> done(ncols, false);
  for (size_t c = 0; c < ncols; ++c)
    if (found[c].size() == count) grid.rules[c] = found[c], done[c] = true;
  // The others from their resolved neighbours: each rule continues where the
  // neighbour's ends; a rule found nearby is taken, a missing one is drawn on.
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t c = 0; c < ncols; ++c) {
      if (done[c]) continue;
      const bool from_left = c > 0 && done[c - 1];
      const bool from_right = c + 1 < ncols && done[c + 1];
      if (!from_left && !from_right) continue;
      const auto& ref = grid.rules[from_left ? c - 1 : c + 1];
      double band = 0;
      for (size_t k = 0; k + 1 < ref.size(); ++k) band += mid(ref[k + 1]) - mid(ref[k]);
      band /= static_cast<double>(ref.size() - 1);
      std::vector<Rule> rules;
      for (const auto& r : ref) {
        const float at_edge = from_left ? r[1] : r[0];
        const float slope = r[1] - r[0];
        const Rule predicted = from_left ? Rule{at_edge, at_edge + slope} : Rule{at_edge - slope, at_edge};
        const Rule* nearest = nullptr;
        for (const auto& f : found[c])
          if (std::abs(mid(f) - mid(predicted)) < 0.3 * band &&
              (!nearest || std::abs(mid(f) - mid(predicted)) < std::abs(mid(*nearest) - mid(predicted))))
            nearest = &f;
        rules.push_back(nearest ? *nearest : predicted);
      }
      grid.rules[c] = rules;
      done[c] = progress = true;
    }
  }
  return grid;
}

}  // namespace berkas
