// Ruled lines taken out of a black-and-white page before it is read as
// running text: where a table's rules touch the writing, Tesseract reads
// them as "|", "1" or "J" glued to the words, or takes a whole cell for a
// picture.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace berkas {

// `binary`: text black (0) on white (255). Straight horizontal and vertical
// runs of ink much longer than any letter become white; the rest is kept.
cv::Mat remove_rules(const cv::Mat& binary, int dpi);

// The rules and the isolated specks inside each box (a table found on the
// page), a small margin around it included; the rest of the page as it was.
cv::Mat remove_rules_in(const cv::Mat& binary, const std::vector<cv::Rect>& boxes, int dpi);

// `grey` with the ink a cleaning took out of its binary (black in `before`,
// white in `after`: rules, specks) painted white a little beyond its blurred
// edges, so that Tesseract reading the grey meets no rule the binary lost.
cv::Mat paint_out_removed_ink(const cv::Mat& grey, const cv::Mat& before, const cv::Mat& after, int dpi);

}  // namespace berkas
