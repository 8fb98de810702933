#include "clean/deskew.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>

namespace berkas {
namespace {

// Text lines of an upright page put ink in narrow horizontal bands: the
// right angle makes the row histogram of ink peakiest (largest sum of
// squares). Works on ink pixel coordinates, so each angle costs O(ink).
double peakiness(const std::vector<cv::Point>& ink, double degrees, int rows) {
  const double a = degrees * CV_PI / 180.0, s = std::sin(a), c = std::cos(a);
  const int pad = rows;
  std::vector<int> hist(static_cast<size_t>(3 * rows), 0);
  for (const auto& p : ink) {
    // Row of the point after rotating the page clockwise by `degrees`.
    const int y = static_cast<int>(p.y * c - p.x * s) + pad;
    if (y >= 0 && y < static_cast<int>(hist.size())) ++hist[static_cast<size_t>(y)];
  }
  double sum = 0;
  for (int h : hist) sum += static_cast<double>(h) * h;
  return sum;
}

}  // namespace

double estimate_skew(const cv::Mat& gray, double max_degrees) {
  const double scale = std::min(1.0, 1200.0 / std::max(gray.cols, gray.rows));
  cv::Mat small, ink;
  cv::resize(gray, small, {}, scale, scale, cv::INTER_AREA);
  cv::adaptiveThreshold(small, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 31, 15);
  // Lone specks say nothing about lines.
  cv::morphologyEx(ink, ink, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {2, 2}));
  std::vector<cv::Point> points;
  cv::findNonZero(ink, points);
  if (points.size() < 200) return 0;
  if (points.size() > 60000) {  // a fair sample is enough
    std::vector<cv::Point> sample;
    const size_t step = points.size() / 60000 + 1;
    for (size_t i = 0; i < points.size(); i += step) sample.push_back(points[i]);
    points.swap(sample);
  }
  double best = 0, best_score = -1;
  for (double d = -max_degrees; d <= max_degrees; d += 0.5) {
    const double s = peakiness(points, d, small.rows);
    if (s > best_score) best_score = s, best = d;
  }
  const double coarse = best;
  for (double d = coarse - 0.5; d <= coarse + 0.5; d += 0.05) {
    const double s = peakiness(points, d, small.rows);
    if (s > best_score) best_score = s, best = d;
  }
  // `best` is the clockwise turn that straightens the lines: they lean
  // that much counter-clockwise.
  return -best;
}

}  // namespace berkas
