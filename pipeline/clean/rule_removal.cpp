#include "clean/rule_removal.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace berkas {

cv::Mat remove_rules(const cv::Mat& binary, int dpi) {
  cv::Mat ink;
  cv::threshold(binary, ink, 127, 255, cv::THRESH_BINARY_INV);
  // A rule is straight ink at least about a centimetre long; the tallest
  // letters of body text are about 4 mm, a long dash about 5 mm.
  const int length = std::max(30, (dpi > 0 ? dpi : 300) * 4 / 10);
  cv::Mat horizontal, vertical;
  cv::morphologyEx(ink, horizontal, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {length, 1}));
  cv::morphologyEx(ink, vertical, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {1, length}));
  cv::Mat rules = horizontal | vertical;
  // The rule's ragged edges go too, or they stay as specks along it.
  cv::dilate(rules, rules, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  cv::Mat out = binary.clone();
  out.setTo(255, rules);
  return out;
}

}  // namespace berkas
