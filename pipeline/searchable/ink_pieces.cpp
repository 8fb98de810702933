#include "searchable/ink_pieces.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace berkas {

InkPieces::InkPieces(const cv::Mat& binary) {
  if (binary.empty()) return;
  cv::Mat ink, centroids;
  cv::threshold(binary, ink, 127, 255, cv::THRESH_BINARY_INV);
  cv::connectedComponentsWithStats(ink, labels_, stats_, centroids, 8, CV_32S);
}

cv::Rect InkPieces::piece(int id) const {
  return {stats_.at<int>(id, cv::CC_STAT_LEFT), stats_.at<int>(id, cv::CC_STAT_TOP),
          stats_.at<int>(id, cv::CC_STAT_WIDTH), stats_.at<int>(id, cv::CC_STAT_HEIGHT)};
}

cv::Rect InkPieces::tighten(const cv::Rect& word) const {
  if (labels_.empty()) return word;
  const cv::Rect box = word & cv::Rect(0, 0, labels_.cols, labels_.rows);
  const int least = std::max(4, box.height * box.height / 50);
  std::vector<int> seen;
  cv::Rect ink;
  for (int y = box.y; y < box.y + box.height; ++y) {
    const int* l = labels_.ptr<int>(y);
    for (int x = box.x; x < box.x + box.width; ++x) {
      const int id = l[x];
      if (id == 0 || std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
      seen.push_back(id);
      const cv::Rect p = piece(id);
      if (stats_.at<int>(id, cv::CC_STAT_AREA) < least || (p & box).area() * 2 < p.area()) continue;
      ink = ink.area() == 0 ? (p & box) : (ink | (p & box));
    }
  }
  return ink.area() > 0 ? ink : word;
}

std::vector<cv::Rect> InkPieces::uncovered(const std::vector<cv::Rect>& words, int h) const {
  std::vector<cv::Rect> out;
  if (labels_.empty() || h <= 0) return out;
  cv::Mat covered(labels_.size(), CV_8UC1, cv::Scalar(0));
  for (const auto& w : words)
    covered(cv::Rect(w.x - 2, w.y - 2, w.width + 4, w.height + 4) & cv::Rect({}, covered.size())) = 255;
  std::vector<cv::Rect> letters;
  for (int id = 1; id < stats_.rows; ++id) {
    const cv::Rect p = piece(id);
    if (p.height < h * 45 / 100 || p.height > h * 3 / 2 || p.width > 4 * h) continue;
    if (stats_.at<int>(id, cv::CC_STAT_AREA) < std::max(4, h * h / 50)) continue;
    if (cv::countNonZero(covered(p)) > 0) continue;
    letters.push_back(p);
  }
  std::sort(letters.begin(), letters.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
  std::vector<bool> used(letters.size(), false);
  for (size_t i = 0; i < letters.size(); ++i) {
    if (used[i]) continue;
    cv::Rect group = letters[i];
    used[i] = true;
    for (size_t j = i + 1; j < letters.size(); ++j) {
      if (used[j]) continue;
      const cv::Rect& p = letters[j];
      if (p.x - (group.x + group.width) > h) break;  // sorted by x: nothing nearer follows
      const int overlap = std::min(p.y + p.height, group.y + group.height) - std::max(p.y, group.y);
      if (overlap * 2 < std::min(p.height, group.height) || p.x - (group.x + group.width) > h * 6 / 10) continue;
      group |= p;
      used[j] = true;
    }
    if (group.height >= h * 6 / 10) out.push_back(group);
  }
  return out;
}

}  // namespace berkas
