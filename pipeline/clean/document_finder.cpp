#include "clean/document_finder.hpp"

#include <algorithm>
#include <numeric>
#include <opencv2/imgproc.hpp>

namespace berkas {
namespace {

// Corners ordered clockwise starting nearest the top-left of the page.
std::array<cv::Point2f, 4> order_corners(std::vector<cv::Point2f> pts) {
  const cv::Point2f c = std::accumulate(pts.begin(), pts.end(), cv::Point2f(0, 0)) * 0.25f;
  std::sort(pts.begin(), pts.end(), [&](const cv::Point2f& a, const cv::Point2f& b) {
    return std::atan2(a.y - c.y, a.x - c.x) < std::atan2(b.y - c.y, b.x - c.x);
  });
  // atan2 order runs clockwise on screen (y down) from the left; start at the
  // corner with the smallest x + y.
  size_t first = 0;
  for (size_t i = 1; i < 4; ++i)
    if (pts[i].x + pts[i].y < pts[first].x + pts[first].y) first = i;
  std::array<cv::Point2f, 4> out;
  for (size_t i = 0; i < 4; ++i) out[i] = pts[(first + i) % 4];
  return out;
}

// Four corners for a blob: its convex hull simplified to a quadrilateral
// when that fits well, else its minimum-area rectangle.
std::array<cv::Point2f, 4> quad_of(const std::vector<cv::Point>& contour) {
  std::vector<cv::Point> hull;
  cv::convexHull(contour, hull);
  const double perimeter = cv::arcLength(hull, true);
  for (double eps = 0.01; eps < 0.1; eps += 0.005) {
    std::vector<cv::Point> approx;
    cv::approxPolyDP(hull, approx, eps * perimeter, true);
    if (approx.size() == 4 && cv::isContourConvex(approx)) {
      // Accept only if the quad covers the blob closely.
      if (cv::contourArea(approx) > 0.9 * cv::contourArea(hull)) return order_corners({approx.begin(), approx.end()});
      break;
    }
    if (approx.size() < 4) break;
  }
  cv::Point2f box[4];
  cv::minAreaRect(contour).points(box);
  return order_corners({box, box + 4});
}

// The pixels of a band along the page's border: the background a document
// lies on (scanner lid, photocopy sheet, table top).
std::vector<cv::Vec3b> border_band(const cv::Mat& lab) {
  const int band = std::max(3, std::min(lab.cols, lab.rows) * 3 / 100);
  std::vector<cv::Vec3b> samples;
  for (int y = 0; y < lab.rows; ++y) {
    const auto* row = lab.ptr<cv::Vec3b>(y);
    const bool edge_row = y < band || y >= lab.rows - band;
    for (int x = 0; x < lab.cols; ++x) {
      if (!edge_row && x >= band && x < lab.cols - band) x = lab.cols - band;
      samples.push_back(row[x]);
    }
  }
  return samples;
}

// Per-pixel colour distance from the median of the border band.
cv::Mat distance_from_border(const cv::Mat& lab, const std::vector<cv::Vec3b>& border) {
  cv::Vec3f median;
  for (int c = 0; c < 3; ++c) {
    std::vector<uchar> v;
    v.reserve(border.size());
    for (const auto& s : border) v.push_back(s[c]);
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    median[c] = v[v.size() / 2];
  }
  cv::Mat dist(lab.size(), CV_8U);
  for (int y = 0; y < lab.rows; ++y) {
    const auto* row = lab.ptr<cv::Vec3b>(y);
    auto* out = dist.ptr<uchar>(y);
    for (int x = 0; x < lab.cols; ++x) {
      const float dl = row[x][0] - median[0], da = 2.0f * (row[x][1] - median[1]), db = 2.0f * (row[x][2] - median[2]);
      out[x] = cv::saturate_cast<uchar>(std::sqrt(dl * dl + da * da + db * db));
    }
  }
  return dist;
}

// A scanner lid or a copier's sheet: nearly all of the border is bright,
// grey and even (specks of toner allowed); a table, cloth or wood is not,
// even a pale one (its grain, folds and shading vary).
bool paper_like(const std::vector<cv::Vec3b>& border) {
  std::vector<uchar> lightness;
  lightness.reserve(border.size());
  for (const auto& p : border) lightness.push_back(p[0]);
  std::nth_element(lightness.begin(), lightness.begin() + lightness.size() / 2, lightness.end());
  const int median = lightness[lightness.size() / 2];
  const auto paper = std::count_if(border.begin(), border.end(), [&](const cv::Vec3b& p) {
    return p[0] > 200 && std::abs(p[0] - median) < 16 && std::abs(p[1] - 128) < 12 && std::abs(p[2] - 128) < 12;
  });
  return paper > 0.85 * static_cast<double>(border.size());
}

// An ID-1 card is 85.6 x 54 mm and an A4 sheet is 210 mm across (F4 and
// Letter within 3%), so on a copy or scan of a whole sheet a card's size in
// pixels follows from the sheet's. 0 when the page is not sheet-shaped.
double card_length_on_sheet(cv::Size page) {
  const double lo = std::min(page.width, page.height), hi = std::max(page.width, page.height);
  const double aspect = hi / std::max(1.0, lo);
  return aspect > 1.25 && aspect < 1.6 ? lo * 85.6 / 210.0 : 0.0;
}

// A copier's drum streak runs the whole height (or width) of the sheet and
// belongs to no document. (A letterhead's rules do belong to their letter:
// they must count, or a letter's text block could pass for a card.) A
// streak is thin, drifts a little and may vanish where it crosses a
// document, so: thin vertical runs, and the columns where they add up to
// most of the sheet's height.
cv::Mat vertical_streaks(const cv::Mat& mask) {
  cv::Mat runs, wide;
  cv::morphologyEx(mask, runs, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {1, std::max(3, mask.rows / 20)}));
  cv::morphologyEx(mask, wide, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {15, 1}));
  runs -= wide;
  cv::Mat spread, count;
  cv::dilate(runs, spread, cv::getStructuringElement(cv::MORPH_RECT, {9, 1}));
  cv::reduce(spread / 255, count, 0, cv::REDUCE_SUM, CV_32S);
  cv::Mat columns = cv::Mat::zeros(1, mask.cols, CV_8U);
  for (int x = 0; x < mask.cols; ++x)
    if (count.at<int>(0, x) > mask.rows / 2)
      columns(cv::Range::all(), cv::Range(std::max(0, x - 6), std::min(mask.cols, x + 7))).setTo(255);
  cv::Mat streaks;
  cv::repeat(columns, mask.rows, 1, streaks);
  streaks &= runs;
  cv::dilate(streaks, streaks, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  return streaks;
}

cv::Mat drum_streaks(const cv::Mat& mask) {
  cv::Mat across, t;
  cv::transpose(mask, t);
  cv::transpose(vertical_streaks(t), across);
  return vertical_streaks(mask) | across;
}

// A page of only black and white (a 1-bit scan), judged on a sample of rows.
bool is_bilevel(const cv::Mat& page) {
  if (page.channels() != 1 || page.depth() != CV_8U) return false;
  long grey = 0, total = 0;
  for (int y = 0; y < page.rows; y += 16) {
    const uchar* row = page.ptr<uchar>(y);
    for (int x = 0; x < page.cols; ++x) grey += row[x] != 0 && row[x] != 255, ++total;
  }
  return grey < total / 1000 + 1;
}

// A rotated rectangle with its width along its long side.
cv::RotatedRect landscape(cv::RotatedRect r) {
  if (r.size.width < r.size.height) {
    std::swap(r.size.width, r.size.height);
    r.angle += 90;
  }
  return r;
}

// The smallest rectangle at a given angle (degrees) around the points.
cv::RotatedRect rect_at_angle(const std::vector<cv::Point>& points, double angle) {
  const double t = angle * CV_PI / 180, c = std::cos(t), s = std::sin(t);
  double u0 = 1e18, u1 = -1e18, v0 = 1e18, v1 = -1e18;
  for (const auto& p : points) {
    const double u = c * p.x + s * p.y, v = -s * p.x + c * p.y;
    u0 = std::min(u0, u), u1 = std::max(u1, u), v0 = std::min(v0, v), v1 = std::max(v1, v);
  }
  const double uc = (u0 + u1) / 2, vc = (v0 + v1) / 2;
  return cv::RotatedRect(cv::Point2f(static_cast<float>(c * uc - s * vc), static_cast<float>(s * uc + c * vc)),
                         cv::Size2f(static_cast<float>(u1 - u0), static_cast<float>(v1 - v0)),
                         static_cast<float>(angle));
}

// The middle of the ink inside a rectangle, along its own axes, from the
// 1st to the 99th percentile: toner specks closed into a cluster at one
// side move the cluster's outline, hardly its ink. A card's box on a copy
// is centred on its print, so this is where the box goes.
cv::RotatedRect centred_on_ink(const cv::Mat& ink, cv::RotatedRect r) {
  cv::Point2f corners[4];
  r.points(corners);
  std::vector<cv::Point> polygon;
  for (const auto& c : corners) polygon.emplace_back(cvRound(c.x), cvRound(c.y));
  cv::Mat mask = cv::Mat::zeros(ink.size(), CV_8U);
  cv::fillConvexPoly(mask, polygon, 255);
  std::vector<cv::Point> points;
  cv::findNonZero(ink & mask, points);
  if (points.size() < 100) return r;
  const double a = r.angle * CV_PI / 180;
  const cv::Point2d ux(std::cos(a), std::sin(a)), uy(-std::sin(a), std::cos(a));
  std::vector<double> u, v;
  for (const auto& p : points) {
    const cv::Point2d d(p.x - r.center.x, p.y - r.center.y);
    u.push_back(d.dot(ux));
    v.push_back(d.dot(uy));
  }
  auto middle = [](std::vector<double>& x) {
    const size_t lo = x.size() / 100, hi = x.size() - 1 - x.size() / 100;
    std::nth_element(x.begin(), x.begin() + static_cast<long>(lo), x.end());
    const double low = x[lo];
    std::nth_element(x.begin(), x.begin() + static_cast<long>(hi), x.end());
    return (low + x[hi]) / 2;
  };
  const cv::Point2d shift = middle(u) * ux + middle(v) * uy;
  r.center += cv::Point2f(static_cast<float>(shift.x), static_cast<float>(shift.y));
  return r;
}

// On a 1-bit photocopy a card's pale body thresholds to white and only its
// ink remains: cards are then isolated, card-sized clusters of ink, and
// (unlike the text blocks of a letter) nearly all the page's ink is in them.
// Returns each cluster's minimum-area rectangle (long side as width).
// card_length: a card's long side on this page (0 = unknown).
std::vector<cv::RotatedRect> ink_clusters(const cv::Mat& gray, const FinderSettings& settings, double card_length) {
  const int side = std::min(gray.cols, gray.rows);
  // Ink by local contrast, so faint print counts as much as bold.
  cv::Mat fg, ink, clusters;
  cv::adaptiveThreshold(gray, fg, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 15, 12);
  cv::morphologyEx(fg, ink, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {2, 2}));
  ink -= drum_streaks(ink);
  // Toner specks: tiny components far from any text.
  {
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    std::vector<uchar> keep(static_cast<size_t>(n), 0);
    for (int i = 1; i < n; ++i) keep[static_cast<size_t>(i)] = stats.at<int>(i, cv::CC_STAT_AREA) >= 10 ? 255 : 0;
    for (int y = 0; y < ink.rows; ++y) {
      const int* label = labels.ptr<int>(y);
      uchar* out = ink.ptr<uchar>(y);
      for (int x = 0; x < ink.cols; ++x) out[x] = keep[static_cast<size_t>(label[x])];
    }
  }
  // Wide enough to join a card's label column and values; cards on one
  // sheet lie much further apart.
  const int k = std::max(5, side / 18);
  cv::morphologyEx(ink, clusters, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(clusters, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  const double page_area = static_cast<double>(fg.cols) * fg.rows;
  const double total_ink = std::max(1, cv::countNonZero(ink));
  struct Piece {
    std::vector<cv::Point> points;
    double ink = 0, area = 0;
    bool used = false;
  };
  std::vector<Piece> pieces;
  for (auto& c : contours) {
    cv::Mat mask = cv::Mat::zeros(fg.size(), CV_8U);
    cv::drawContours(mask, std::vector<std::vector<cv::Point>>{c}, 0, 255, cv::FILLED);
    pieces.push_back({std::move(c), static_cast<double>(cv::countNonZero(ink & mask)), 0, false});
    pieces.back().area = cv::contourArea(pieces.back().points);
  }
  std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return a.area > b.area; });
  const double card_short = card_length / 1.586;
  // Fits in a card of the sheet's scale (print reaches nearly to its edges).
  auto fits_card = [&](const cv::RotatedRect& r) {
    return r.size.width <= 1.1 * card_length && r.size.height <= 1.12 * card_short;
  };
  std::vector<cv::RotatedRect> out;
  double ink_in_cards = 0;
  for (auto& seed : pieces) {
    if (seed.used) continue;
    std::vector<cv::Point> points = seed.points;
    double ink_here = seed.ink, area_here = seed.area;
    cv::RotatedRect r = landscape(cv::minAreaRect(points));
    if (card_length > 0) {
      // A card's print falls into a few clusters (label column, values,
      // photo): gather those that fit one card together. The largest is a
      // block of text lines, whose sides give the card's angle.
      if (!fits_card(r) || r.size.width * r.size.height < 0.15 * card_length * card_short) continue;
      seed.used = true;
      const float angle = r.angle;
      auto squared = [&](const std::vector<cv::Point>& pts) {
        const cv::RotatedRect a = landscape(rect_at_angle(pts, angle)), b = landscape(rect_at_angle(pts, angle + 90));
        return a.size.width * a.size.height <= b.size.width * b.size.height ? a : b;
      };
      r = squared(points);
      for (auto& other : pieces) {
        if (other.used) continue;
        std::vector<cv::Point> joined = points;
        joined.insert(joined.end(), other.points.begin(), other.points.end());
        const cv::RotatedRect jr = squared(joined);
        if (!fits_card(jr)) continue;
        points = std::move(joined), r = jr, ink_here += other.ink, area_here += other.area;
        other.used = true;
      }
      const double w = r.size.width, h = r.size.height;
      if (w < 0.55 * card_length || h < 0.45 * card_short) continue;
      // A card's print fills much of it; two blocks of a letter's text
      // joined corner to corner do not. (A card's label block and photo
      // alone, the rest of its print faint, filled 37% on seed 6873.)
      if (area_here < 0.33 * w * h) continue;
    } else {
      const double w = r.size.width, h = r.size.height;
      const double area = w * h;
      if (area < settings.min_area * page_area || area > 0.25 * page_area || h <= 0 || w / h < 1.3 || w / h > 2.1)
        continue;
    }
    // A card's print is light text on a large area; a QR code or a block of
    // heavy type is far denser.
    if (ink_here > 0.55 * area_here) continue;
    ink_in_cards += ink_here;
    out.push_back(centred_on_ink(ink, r));
  }
  if (ink_in_cards < 0.75 * total_ink) out.clear();
  return out;
}

// Least-squares line y = a x + b through points, dropping outliers; false
// when too few agree or the line is steeper than max_slope.
bool fit_edge(std::vector<cv::Point2f> pts, size_t min_points, double max_slope, double& a, double& b,
              size_t& support) {
  for (int round = 0; round < 4; ++round) {
    if (pts.size() < min_points) return false;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& p : pts) sx += p.x, sy += p.y, sxx += p.x * p.x, sxy += p.x * p.y;
    const double n = static_cast<double>(pts.size()), den = n * sxx - sx * sx;
    if (std::abs(den) < 1e-9) return false;
    a = (n * sxy - sx * sy) / den, b = (sy - a * sx) / n;
    std::vector<double> res;
    for (const auto& p : pts) res.push_back(std::abs(p.y - (a * p.x + b)));
    std::vector<double> sorted = res;
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
    const double limit = std::max(1.5, 3.0 * sorted[sorted.size() / 2]);
    std::vector<cv::Point2f> kept;
    for (size_t i = 0; i < pts.size(); ++i)
      if (res[i] <= limit) kept.push_back(pts[i]);
    if (kept.size() == pts.size()) break;
    pts = std::move(kept);
  }
  support = pts.size();
  return pts.size() >= min_points && std::abs(a) < max_slope;
}

// One side of a card: y = a x + b (top, bottom) or x = a y + b (left,
// right) in the coordinates of the window the search ran in.
struct CardSide {
  bool found = false;
  double a = 0, b = 0;
  size_t support = 0;  // strips that agree with the line
};

struct CardFit {
  std::array<cv::Point2f, 4> corners;
  double turn = 0;  // degrees by which the found sides are turned from the box
  int sides = 0;    // how many sides showed an edge
};

// Moves a card's rough box onto the card's own straight edges: the step
// from the bright sheet to the card's darker (but not ink-dark) body, taken
// as medians across short strips of each side so that text near the edge
// does not count, then a straight line through the strips that agree. A
// side without an edge (a 1-bit copy thresholds the card's body away) lies
// a card's size from the opposite side, or where the box put it.
CardFit fit_card_edges_once(const cv::Mat& gray, cv::RotatedRect box, double card_length, double sheet_level,
                            double max_slope) {
  box = landscape(box);
  const double L = box.size.width, S = box.size.height;
  const double m = std::max(6.0, 0.2 * L);
  const int W = static_cast<int>(L + 2 * m), H = static_cast<int>(S + 2 * m);
  // Window coordinates: the box's centre at (W/2, H/2), its long side along x.
  const double t = box.angle * CV_PI / 180, c = std::cos(t), s = std::sin(t);
  const cv::Matx23d to_image(c, -s, box.center.x - c * W / 2.0 + s * H / 2.0, s, c,
                             box.center.y - s * W / 2.0 - c * H / 2.0);
  cv::Mat win;
  cv::warpAffine(gray, win, cv::Mat(to_image), {W, H}, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
  cv::GaussianBlur(win, win, {0, 0}, 1.0);
  const double x0 = W / 2.0 - L / 2, x1 = W / 2.0 + L / 2, y0 = H / 2.0 - S / 2, y1 = H / 2.0 + S / 2;
  const int reach = 3;  // pixels either side of an edge, past a copy's blur
  // outward: -1 when the outside lies towards smaller coordinates.
  auto find_side = [&](bool horizontal, double expected, int outward, double along0, double along1) {
    CardSide side;
    const int strips = 16;
    const double span = along1 - along0;
    const int extent = horizontal ? H : W;
    const int lo = std::max(reach, static_cast<int>(expected - m)),
              hi = std::min(extent - 1 - reach, static_cast<int>(expected + m));
    std::vector<cv::Point2f> pts;
    std::vector<uchar> out_v, in_v;
    for (int j = 0; j < strips; ++j) {
      const int a0 = static_cast<int>(along0 + span * (0.1 + 0.8 * j / strips)),
                a1 = static_cast<int>(along0 + span * (0.1 + 0.8 * (j + 1) / strips));
      if (a1 <= a0) continue;
      // The outermost step: text inside the card makes stronger ones.
      double best = 0;
      int best_at = -1;
      for (int i = 0; i <= hi - lo; ++i) {
        const int q = outward < 0 ? lo + i : hi - i;
        if (best_at >= 0 && std::abs(q - best_at) > reach) break;  // past the step's peak
        out_v.clear(), in_v.clear();
        for (int p = a0; p < a1; ++p) {
          const int qo = q + outward * reach, qi = q - outward * reach;
          out_v.push_back(horizontal ? win.at<uchar>(qo, p) : win.at<uchar>(p, qo));
          in_v.push_back(horizontal ? win.at<uchar>(qi, p) : win.at<uchar>(p, qi));
        }
        std::nth_element(out_v.begin(), out_v.begin() + out_v.size() / 2, out_v.end());
        std::nth_element(in_v.begin(), in_v.begin() + in_v.size() / 2, in_v.end());
        const double outside = out_v[out_v.size() / 2], inside = in_v[in_v.size() / 2];
        // Outside: the bare sheet. Inside: a card's body, darker than the
        // sheet but far from the black of ink.
        if (outside < sheet_level - 10 || inside < sheet_level - 70) continue;
        const double step = outside - inside;
        if (step >= 4 && step > best) best = step, best_at = q;
      }
      if (best_at >= 0 && best >= 4) pts.emplace_back(static_cast<float>((a0 + a1) / 2.0), static_cast<float>(best_at));
    }
    side.found = fit_edge(pts, strips / 2, max_slope, side.a, side.b, side.support);
    return side;
  };
  CardSide top = find_side(true, y0, -1, x0, x1), bottom = find_side(true, y1, 1, x0, x1);
  CardSide left = find_side(false, x0, -1, y0, y1), right = find_side(false, x1, 1, y0, y1);
  CardFit fit;
  double turn = 0;
  int turned = 0;
  for (const CardSide* e : {&top, &bottom})
    if (e->found) turn += std::atan(e->a), ++turned;
  for (const CardSide* e : {&left, &right})
    if (e->found) turn -= std::atan(e->a), ++turned;
  fit.sides = turned;
  fit.turn = turned > 0 ? turn / turned * 180 / CV_PI : 0;
  const double Lk = card_length > 0 ? card_length : L, Sk = card_length > 0 ? card_length / 1.586 : S;
  // Both sides, from the one (or two) that showed an edge. Two edges that
  // are not parallel, or much closer or further apart than a card's size,
  // are not both its sides: keep the one more strips agree on.
  const double slack = card_length > 0 ? 0.07 : 0.15;
  auto complete = [slack](CardSide& near, CardSide& far, double near_default, double far_default, double size) {
    if (near.found && far.found) {
      const double gap = far.b - near.b;
      if (gap > (1 - slack) * size && gap < (1 + slack) * size &&
          std::abs(std::atan(near.a) - std::atan(far.a)) < 0.026)
        return;
      if (near.support >= far.support)
        far.found = false;
      else
        near.found = false;
    }
    if (near.found)
      far = {true, near.a, near.b + size, 0};
    else if (far.found)
      near = {true, far.a, far.b - size, 0};
    else
      near = {true, 0, near_default, 0}, far = {true, 0, far_default, 0};
  };
  complete(top, bottom, y0, y1, Sk);
  complete(left, right, x0, x1, Lk);
  // Corners where the sides cross: y = a1 x + b1 and x = a2 y + b2.
  auto cross = [&](const CardSide& h, const CardSide& v) {
    const double y = (h.a * v.b + h.b) / (1 - h.a * v.a), x = v.a * y + v.b;
    return cv::Point2f(static_cast<float>(to_image(0, 0) * x + to_image(0, 1) * y + to_image(0, 2)),
                       static_cast<float>(to_image(1, 0) * x + to_image(1, 1) * y + to_image(1, 2)));
  };
  fit.corners = order_corners({cross(top, left), cross(top, right), cross(bottom, right), cross(bottom, left)});
  return fit;
}

// The rough box's angle comes from a cluster of print and may be a few
// degrees off: fit once allowing for that, then again square to the sides
// found.
std::array<cv::Point2f, 4> fit_card_edges(const cv::Mat& gray, cv::RotatedRect box, double card_length,
                                          double sheet_level) {
  box = landscape(box);
  CardFit fit = fit_card_edges_once(gray, box, card_length, sheet_level, 0.2);
  if (fit.sides > 0 && std::abs(fit.turn) > 0.3) {
    const auto& q = fit.corners;
    const cv::Point2f centre = (q[0] + q[1] + q[2] + q[3]) * 0.25f;
    const CardFit again =
        fit_card_edges_once(gray, cv::RotatedRect(centre, box.size, box.angle + static_cast<float>(fit.turn)),
                            card_length, sheet_level, 0.09);
    if (again.sides >= fit.sides) fit = again;
  }
  return fit.corners;
}

// The paper's own proportions: mean of opposite sides of its quad, so a
// photo's perspective does not stretch them as a bounding rectangle would.
double quad_aspect(const std::array<cv::Point2f, 4>& q) {
  const double a = (cv::norm(q[1] - q[0]) + cv::norm(q[2] - q[3])) / 2;
  const double b = (cv::norm(q[3] - q[0]) + cv::norm(q[2] - q[1])) / 2;
  return std::max(a, b) / std::max(1.0, std::min(a, b));
}

}  // namespace

cv::Rect bounding_box(const std::array<cv::Point2f, 4>& corners) {
  return cv::boundingRect(std::vector<cv::Point2f>(corners.begin(), corners.end()));
}

// Colourfulness per pixel: the distance of (a, b) from neutral grey, x4 so
// that the 8-bit range is used.
cv::Mat chroma_of(const cv::Mat& lab) {
  std::vector<cv::Mat> channels;
  cv::split(lab, channels);
  cv::Mat a, b, magnitude, out;
  channels[1].convertTo(a, CV_32F, 1, -128);
  channels[2].convertTo(b, CV_32F, 1, -128);
  cv::magnitude(a, b, magnitude);
  magnitude.convertTo(out, CV_8U, 4);
  return out;
}

std::vector<FoundDocument> find_documents(const cv::Mat& page, const FinderSettings& settings) {
  const double scale = std::min(1.0, settings.analysis_size / static_cast<double>(std::max(page.cols, page.rows)));
  cv::Mat small, bgr, lab, small_gray;
  cv::resize(page, small, {}, scale, scale, cv::INTER_AREA);
  if (small.channels() == 1)
    small_gray = small;
  else
    cv::cvtColor(small, small_gray, cv::COLOR_BGR2GRAY);
  if (small.channels() == 1)
    cv::cvtColor(small, bgr, cv::COLOR_GRAY2BGR);
  else
    bgr = small;
  cv::GaussianBlur(bgr, bgr, {5, 5}, 0);
  cv::cvtColor(bgr, lab, cv::COLOR_BGR2Lab);
  const std::vector<cv::Vec3b> border = border_band(lab);
  const bool paper = paper_like(border);
  const cv::Mat dist = distance_from_border(lab, border);
  cv::Mat fg;
  if (paper) {
    // On a white sheet a photocopied card differs by only 25-55 grey levels,
    // far less than text does, so Otsu would cut between card and text; the
    // sheet's own noise sets the threshold instead.
    cv::Scalar mean, sd;
    const int band = std::max(3, std::min(dist.cols, dist.rows) * 3 / 100);
    cv::meanStdDev(dist(cv::Rect(0, 0, dist.cols, band)), mean, sd);
    cv::threshold(dist, fg, std::clamp(mean[0] + 4 * sd[0] + 4, 12.0, 30.0), 255, cv::THRESH_BINARY);
    // A drum streak across a card would join it to the sheet's edges.
    fg -= drum_streaks(fg);
  } else {
    const double otsu = cv::threshold(dist, fg, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::threshold(dist, fg, std::max(otsu, 14.0), 255, cv::THRESH_BINARY);
  }

  const int side = std::min(small.cols, small.rows);
  cv::Mat closed;
  const int close_k = std::max(3, side / 60), open_k = std::max(3, side / 120);
  cv::morphologyEx(fg, closed, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {close_k, close_k}));
  cv::morphologyEx(closed, closed, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {open_k, open_k}));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(closed, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);

  const double page_area = static_cast<double>(small.cols) * small.rows;
  std::vector<FoundDocument> found;
  auto to_page = [&](std::array<cv::Point2f, 4> q) {
    for (auto& p : q) p *= static_cast<float>(1.0 / scale);
    return q;
  };
  if (paper) {
    const double card_length = card_length_on_sheet(small.size());
    // A 1-bit copy keeps no trace of a card's pale body, so no edge to find.
    const bool bilevel = is_bilevel(page);
    // The bare sheet's grey, from the page's border band.
    double sheet_level = 0;
    {
      cv::Mat grey3;
      cv::cvtColor(small_gray, grey3, cv::COLOR_GRAY2BGR);
      std::vector<uchar> v;
      for (const auto& p : border_band(grey3)) v.push_back(p[0]);
      std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
      sheet_level = v[v.size() / 2];
    }
    // Cards: solid, card-shaped regions that differ from the sheet all over
    // (a card's own background), unlike the sparse ink of a letter's text.
    for (const auto& c : contours) {
      const double area = cv::contourArea(c);
      if (area < settings.min_area * page_area || area > 0.95 * page_area) continue;
      const cv::RotatedRect r = cv::minAreaRect(c);
      const double w = std::max(r.size.width, r.size.height), h = std::min(r.size.width, r.size.height);
      if (h <= 0 || w / h < settings.card_aspect_min || w / h > settings.card_aspect_max) continue;
      if (area < 0.85 * w * h) continue;
      cv::Mat mask = cv::Mat::zeros(fg.size(), CV_8U);
      cv::drawContours(mask, std::vector<std::vector<cv::Point>>{c}, 0, 255, cv::FILLED);
      const double density = cv::countNonZero(fg & mask) / area;
      if (density < 0.5) continue;
      auto quad = quad_of(c);
      const cv::RotatedRect body = landscape(r);
      if (card_length > 0 && !bilevel &&
          (body.size.width < 0.93 * card_length || body.size.height < 0.93 * card_length / 1.586)) {
        // Short of a card's size: a pale part of the card faded into the
        // sheet. Its edges still show.
        const auto edges = fit_card_edges(small_gray, body, card_length, sheet_level);
        const double long_side = std::max(cv::norm(edges[1] - edges[0]), cv::norm(edges[2] - edges[1]));
        if (long_side > 0.93 * card_length && long_side < 1.07 * card_length) quad = edges;
      }
      found.push_back({to_page(quad), DocumentShape::Card, false});
    }
    // Faint copies (and 1-bit ones) show a card only by its print: add the
    // ink clusters that are not a card found already, moved onto the card's
    // edges where the copy shows them.
    for (cv::RotatedRect r : ink_clusters(small_gray, settings, card_length)) {
      if (card_length > 0) {
        r.size = {static_cast<float>(card_length), static_cast<float>(card_length / 1.586)};
      } else {
        // The print covers about 91% of an e-KTP's width and 84% of its
        // height: grow a little and give it an ID-1 card's proportions.
        const float long_side = std::max(r.size.width * 1.05f, r.size.height * 1.05f * 1.586f);
        r.size = {long_side, long_side / 1.586f};
      }
      cv::Point2f rect[4];
      r.points(rect);
      const auto q =
          to_page(bilevel ? order_corners({rect, rect + 4}) : fit_card_edges(small_gray, r, card_length, sheet_level));
      const cv::Rect box = bounding_box(q);
      const bool known = std::any_of(found.begin(), found.end(), [&](const FoundDocument& f) {
        const cv::Rect other = bounding_box(f.corners);
        return (box & other).area() > 0.3 * std::min(box.area(), other.area());
      });
      if (!known) found.push_back({q, DocumentShape::Card, false});
    }
  } else {
    // A photo: the paper is the largest region that differs from the table.
    // A table that is itself uneven (stripes, shading) can outweigh a pale
    // card or a shaded sheet in that difference: then the paper is the
    // coloured region (an e-KTP is blue on a grey table; bright stripes
    // beside a card pass for paper, and a soft shadow breaks its outline),
    // the bright side of the page, or the region inside the strongest
    // outline, whichever first gives a paper's shape.
    auto largest = [&](const std::vector<std::vector<cv::Point>>& cs) -> const std::vector<cv::Point>* {
      const std::vector<cv::Point>* best = nullptr;
      double best_area = 0;
      for (const auto& c : cs) {
        const double area = cv::contourArea(c);
        if (area > best_area) best_area = area, best = &c;
      }
      return best;
    };
    // A paper lies flat: its outline is a solid, four-sided region.
    auto paper_shaped = [&](const std::vector<cv::Point>& c) {
      const double area = cv::contourArea(c);
      if (area < 0.1 * page_area || area > 0.95 * page_area) return false;
      std::vector<cv::Point> hull;
      cv::convexHull(c, hull);
      if (area < 0.93 * cv::contourArea(hull)) return false;
      const auto q = quad_of(c);
      const double qa = cv::contourArea(std::vector<cv::Point2f>(q.begin(), q.end()));
      return qa > 0.9 * area && qa < 1.1 * area;
    };
    const std::vector<cv::Point>* best = largest(contours);
    std::vector<std::vector<cv::Point>> other;
    if (best == nullptr || !paper_shaped(*best)) {
      for (int attempt = 0; attempt < 3; ++attempt) {
        cv::Mat mask;
        if (attempt == 1) {
          cv::Mat L;
          cv::extractChannel(lab, L, 0);
          cv::threshold(L, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
        } else if (attempt == 0) {
          // Just above the table's own colour: Otsu would cut between a
          // card's pale body and the strong blue behind its photo. Most of
          // the border, not all: a card may run off the frame's edge.
          std::vector<double> table_chroma;
          for (const auto& p : border) table_chroma.push_back(4 * std::hypot(p[1] - 128.0, p[2] - 128.0));
          const auto p80 = table_chroma.begin() + static_cast<long>(table_chroma.size() * 80 / 100);
          std::nth_element(table_chroma.begin(), p80, table_chroma.end());
          cv::threshold(chroma_of(lab), mask, *p80 + 10, 255, cv::THRESH_BINARY);
        } else {
          cv::Mat edges;
          cv::Canny(small_gray, edges, 30, 90);
          cv::dilate(edges, mask, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
          std::vector<std::vector<cv::Point>> outlines;
          cv::findContours(mask, outlines, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
          mask.setTo(0);
          cv::drawContours(mask, outlines, -1, 255, cv::FILLED);
        }
        cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {close_k, close_k}));
        cv::morphologyEx(mask, mask, cv::MORPH_OPEN,
                         cv::getStructuringElement(cv::MORPH_RECT, {open_k * 2 + 1, open_k * 2 + 1}));
        other.clear();
        cv::findContours(mask, other, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
        const auto* c = largest(other);
        if (c != nullptr && paper_shaped(*c)) {
          best = c;
          break;
        }
      }
    }
    const double best_area = best != nullptr ? cv::contourArea(*best) : 0;
    if (best != nullptr && best_area > 0.1 * page_area && best_area < 0.98 * page_area) {
      const auto quad = quad_of(*best);
      const double aspect = quad_aspect(quad);
      // A photo's perspective blurs A4 (1.414) and ID-1 (1.586) proportions;
      // an e-KTP is also blue, where paper is neutral.
      cv::Mat mask = cv::Mat::zeros(lab.size(), CV_8U);
      cv::drawContours(mask, std::vector<std::vector<cv::Point>>{*best}, 0, 255, cv::FILLED);
      const cv::Scalar mean = cv::mean(lab, mask);
      const bool coloured = std::hypot(mean[1] - 128, mean[2] - 128) > 6;
      const bool card = coloured && aspect > 1.45 && aspect < 1.75;
      found.push_back({to_page(quad), card ? DocumentShape::Card : DocumentShape::Sheet, false});
    }
  }
  if (found.empty()) {
    const float W = static_cast<float>(page.cols - 1), H = static_cast<float>(page.rows - 1);
    found.push_back(
        {{cv::Point2f(0, 0), cv::Point2f(W, 0), cv::Point2f(W, H), cv::Point2f(0, H)}, DocumentShape::Sheet, true});
  }
  // Reading order: top to bottom, then left to right.
  std::sort(found.begin(), found.end(), [](const FoundDocument& a, const FoundDocument& b) {
    const cv::Rect ra = bounding_box(a.corners), rb = bounding_box(b.corners);
    if (std::abs(ra.y - rb.y) > std::min(ra.height, rb.height) / 2) return ra.y < rb.y;
    return ra.x < rb.x;
  });
  return found;
}

}  // namespace berkas
