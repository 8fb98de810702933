#include "archive/handwriting.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace berkas {

InkShape ink_shape(const cv::Mat& cell, const cv::Mat& ink) {
  InkShape out;
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<int> heights;
  for (int i = 1; i < n; ++i) heights.push_back(stats.at<int>(i, cv::CC_STAT_HEIGHT));
  if (heights.empty()) return out;
  std::vector<int> sorted = heights;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const int typical = sorted[sorted.size() / 2];
  std::vector<double> slants;
  for (int i = 1; i < n; ++i) {
    const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT), w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    if (h < std::max(8, typical * 6 / 10) || w > 3 * h) continue;  // punctuation, rule debris
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), w, h);
    const cv::Mat mask = labels(box) == i;
    const cv::Moments m = cv::moments(mask, true);
    if (m.mu02 <= 0) continue;
    // x = x0 + s (y - y0); y grows downwards, so a letter leaning right has s < 0.
    slants.push_back(-m.mu11 / m.mu02);
  }
  out.letters = static_cast<int>(slants.size());
  if (!slants.empty()) {
    std::nth_element(slants.begin(), slants.begin() + slants.size() / 2, slants.end());
    out.slant = slants[slants.size() / 2];
  }
  if (cell.channels() == 3) {
    const cv::Scalar mean = cv::mean(cell, ink);
    out.blueness = mean[0] - mean[2];
  }
  return out;
}

bool looks_handwritten(const InkShape& shape) {
  if (shape.letters == 0) return false;
  return shape.blueness > 35 || (shape.letters >= 2 && shape.slant > 0.12);
}

}  // namespace berkas
