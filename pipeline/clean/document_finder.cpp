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

// A scanner lid or a copier's sheet: nearly all of the border is bright and
// grey (specks of toner allowed); a table, cloth or wood is not.
bool paper_like(const std::vector<cv::Vec3b>& border) {
  const auto paper = std::count_if(border.begin(), border.end(), [](const cv::Vec3b& p) {
    return p[0] > 160 && std::abs(p[1] - 128) < 12 && std::abs(p[2] - 128) < 12;
  });
  return paper > 0.85 * static_cast<double>(border.size());
}

// On a 1-bit photocopy a card's pale body thresholds to white and only its
// ink remains: cards are then isolated, card-sized clusters of ink, and
// (unlike the text blocks of a letter) nearly all the page's ink is in them.
std::vector<std::array<cv::Point2f, 4>> ink_cluster_cards(const cv::Mat& gray, const FinderSettings& settings) {
  std::vector<std::array<cv::Point2f, 4>> out;
  const int side = std::min(gray.cols, gray.rows);
  // Ink by local contrast, so faint print counts as much as bold.
  cv::Mat fg, ink, clusters;
  cv::adaptiveThreshold(gray, fg, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 15, 12);
  cv::morphologyEx(fg, ink, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {2, 2}));
  // A copier's drum streak runs the whole height of the sheet and belongs
  // to no document. (A letterhead's rules do belong to their letter: they
  // must count, or a letter's text block could pass for a card.)
  // Streaks drift a little, so find vertical runs and keep those whose
  // extent spans most of the sheet.
  cv::Mat vertical, streaks = cv::Mat::zeros(ink.size(), CV_8U);
  cv::morphologyEx(ink, vertical, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {1, ink.rows / 10}));
  cv::dilate(vertical, vertical, cv::getStructuringElement(cv::MORPH_RECT, {3, ink.rows / 20}));
  {
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(vertical, labels, stats, centroids, 8, CV_32S);
    for (int i = 1; i < n; ++i)
      if (stats.at<int>(i, cv::CC_STAT_HEIGHT) > ink.rows * 7 / 10) streaks.setTo(255, labels == i);
  }
  cv::dilate(streaks, streaks, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  ink -= streaks;
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
  // Wide enough to join a card's label column, values and photo; cards on
  // one sheet lie much further apart.
  const int k = std::max(5, side / 18);
  cv::morphologyEx(ink, clusters, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(clusters, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  const double page_area = static_cast<double>(fg.cols) * fg.rows;
  const double total_ink = std::max(1, cv::countNonZero(ink));
  double ink_in_cards = 0;
  for (const auto& c : contours) {
    const cv::RotatedRect r = cv::minAreaRect(c);
    const double w = std::max(r.size.width, r.size.height), h = std::min(r.size.width, r.size.height);
    const double area = w * h;
    if (area < settings.min_area * page_area || area > 0.25 * page_area || h <= 0 || w / h < 1.3 || w / h > 2.1)
      continue;
    cv::Mat mask = cv::Mat::zeros(fg.size(), CV_8U);
    cv::drawContours(mask, std::vector<std::vector<cv::Point>>{c}, 0, 255, cv::FILLED);
    const double ink_here = cv::countNonZero(ink & mask);
    // A card's print is light text on a large area; a QR code or a block of
    // heavy type is far denser.
    if (ink_here > 0.55 * cv::contourArea(c)) continue;
    ink_in_cards += ink_here;
    // The print covers about 91% of an e-KTP's width and 84% of its height,
    // but a faint copy's pattern may fill the whole card: grow a little and
    // give it an ID-1 card's proportions (1.586 : 1).
    const float long_side = static_cast<float>(std::max(w * 1.05, h * 1.05 * 1.586));
    const float short_side = long_side / 1.586f;
    const bool wide = r.size.width >= r.size.height;
    cv::RotatedRect grown(r.center, wide ? cv::Size2f(long_side, short_side) : cv::Size2f(short_side, long_side),
                          r.angle);
    cv::Point2f box[4];
    grown.points(box);
    out.push_back(order_corners({box, box + 4}));
  }
  if (ink_in_cards < 0.75 * total_ink) out.clear();
  return out;
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
      found.push_back({to_page(quad_of(c)), DocumentShape::Card, false});
    }
    // Faint copies (and 1-bit ones) show a card only by its print: add the
    // ink clusters that are not a card found already.
    for (const auto& q : ink_cluster_cards(small_gray, settings)) {
      const cv::Rect box = bounding_box(to_page(q));
      const bool known = std::any_of(found.begin(), found.end(), [&](const FoundDocument& f) {
        const cv::Rect other = bounding_box(f.corners);
        return (box & other).area() > 0.3 * std::min(box.area(), other.area());
      });
      if (!known) found.push_back({to_page(q), DocumentShape::Card, false});
    }
  } else {
    // A photo: the paper is the largest region that differs from the table.
    const std::vector<cv::Point>* best = nullptr;
    double best_area = 0;
    for (const auto& c : contours) {
      const double area = cv::contourArea(c);
      if (area > best_area) best_area = area, best = &c;
    }
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
