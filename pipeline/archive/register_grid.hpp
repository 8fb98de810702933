// The ruled grid of a register page: its columns, and the rules between its
// rows followed column by column, so a page that bends into the binding of
// a book (rows curving near the spine) or whose rules are broken or faint
// still gives every cell.
#pragma once

#include <array>
#include <opencv2/core.hpp>
#include <optional>
#include <vector>

namespace berkas {

struct RegisterGrid {
  std::vector<int> cols;  // x of each vertical rule, left to right (columns = cols.size() - 1)
  // rules[c][k]: the k-th horizontal rule in column c, as its y at the
  // column's left and right rule. Every column has the same number of rules
  // (bands = rules - 1); band 0 is the header.
  std::vector<std::vector<std::array<float, 2>>> rules;

  size_t columns() const { return cols.empty() ? 0 : cols.size() - 1; }
  size_t bands() const { return rules.empty() || rules[0].empty() ? 0 : rules[0].size() - 1; }
  // The corners of a cell (top left, top right, bottom right, bottom left).
  std::array<cv::Point2f, 4> cell(size_t band, size_t column) const;
};

// The largest ruled grid on an upright page (CV_8UC1, dark rules on light
// paper): at least 2 columns and 2 bands. Nothing when there is none.
std::optional<RegisterGrid> find_register_grid(const cv::Mat& gray);

// The four corners of the largest ruled table on a page that is not
// flat in front of the camera (a photo of a book): the outline of its rules,
// top left, top right, bottom right, bottom left. Nothing when the page has
// no ruled table.
std::optional<std::array<cv::Point2f, 4>> find_table_corners(const cv::Mat& gray);

// Long horizontal and long vertical rules of a page, for telling a page
// lying on its side (rows run up and down) from an upright one.
struct RuleLengths {
  double horizontal = 0, vertical = 0;  // total length, pixels
};
RuleLengths rule_lengths(const cv::Mat& gray);

}  // namespace berkas
