#include "clean/rule_removal.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "clean/enhance.hpp"

namespace berkas {
namespace {

// Horizontal runs that are rules, not a line of text: a line of blurred
// text binarizes into letters touching along their middle, which the
// opening also finds, but there the run has letter ink just above and just
// below it, where a rule has paper on at least one side; and a word whose
// letters fill in entirely is a bar as tall as the letters, where a rule is
// thin. Judged column by column, as text can touch a rule.
cv::Mat rule_runs_only(const cv::Mat& runs, const cv::Mat& ink, int reach, int thick) {
  cv::Mat out = runs.clone();
  auto inked = [&](int x, int from, int to) {
    for (int y = std::max(0, from); y <= std::min(ink.rows - 1, to); ++y)
      if (ink.at<uint8_t>(y, x)) return true;
    return false;
  };
  for (int x = 0; x < runs.cols; ++x)
    for (int y = 0; y < runs.rows; ++y) {
      if (!runs.at<uint8_t>(y, x)) continue;
      const int top = y;
      while (y + 1 < runs.rows && runs.at<uint8_t>(y + 1, x)) ++y;
      if (y - top + 1 > thick || (inked(x, top - 1 - reach, top - 2) && inked(x, y + 2, y + 1 + reach)))
        for (int k = top; k <= y; ++k) out.at<uint8_t>(k, x) = 0;
    }
  return out;
}

}  // namespace

cv::Mat remove_rules(const cv::Mat& binary, int dpi) {
  cv::Mat ink;
  cv::threshold(binary, ink, 127, 255, cv::THRESH_BINARY_INV);
  // A rule is straight ink at least about a centimetre long; the tallest
  // letters of body text are about 4 mm, a long dash about 5 mm.
  const int scale = dpi > 0 ? dpi : 300;
  const int length = std::max(30, scale * 4 / 10);
  cv::Mat horizontal, vertical;
  // A rule a little off the axis steps by a pixel every so often: thicken
  // the ink across the rule first so the steps do not break it.
  cv::Mat across;
  cv::dilate(ink, across, cv::getStructuringElement(cv::MORPH_RECT, {1, 3}));
  cv::morphologyEx(across, horizontal, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {length, 1}));
  cv::dilate(ink, across, cv::getStructuringElement(cv::MORPH_RECT, {3, 1}));
  cv::morphologyEx(across, vertical, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {1, length}));
  horizontal = rule_runs_only(horizontal, ink, std::max(2, scale / 50), std::max(6, scale / 25));
  cv::Mat rules = horizontal | vertical;
  // The rule's ragged edges go too, or they stay as specks along it.
  cv::dilate(rules, rules, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  cv::Mat out = binary.clone();
  out.setTo(255, rules);
  return out;
}

cv::Mat remove_rules_in(const cv::Mat& binary, const std::vector<cv::Rect>& boxes, int dpi) {
  cv::Mat out = binary.clone();
  const int margin = std::max(4, (dpi > 0 ? dpi : 300) / 25);
  for (const auto& b : boxes) {
    const cv::Rect r = cv::Rect(b.x - margin, b.y - margin, b.width + 2 * margin, b.height + 2 * margin) &
                       cv::Rect(0, 0, out.cols, out.rows);
    if (r.area() == 0) continue;
    remove_binary_specks(remove_rules(out(r), dpi), dpi).copyTo(out(r));
  }
  return out;
}

cv::Mat paint_out_removed_ink(const cv::Mat& grey, const cv::Mat& before, const cv::Mat& after, int dpi) {
  cv::Mat removed = (before < 128) & (after >= 128);
  const int grow = std::max(3, dpi / 60);
  cv::dilate(removed, removed, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(grow, grow)));
  cv::Mat painted = grey.clone();
  painted.setTo(255, removed);
  return painted;
}

}  // namespace berkas
