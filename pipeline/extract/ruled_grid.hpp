// Ruled tables on a document image: the long horizontal and vertical lines
// of a printed grid (KK member tables, invoice item tables), found with
// morphological openings, grouped into tables of rows and columns.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace berkas {

struct RuledTable {
  cv::Rect box;           // the grid's outer box
  std::vector<int> rows;  // y of each horizontal rule, top to bottom (>= 3)
  std::vector<int> cols;  // x of each vertical rule, left to right (>= 3)

  size_t row_count() const { return rows.empty() ? 0 : rows.size() - 1; }
  size_t col_count() const { return cols.empty() ? 0 : cols.size() - 1; }
  // The band (row between two rules) holding y, or -1.
  int row_at(double y) const;
  // The cell column holding x, or -1.
  int col_at(double x) const;
};

// Ruled tables in `gray` (CV_8UC1, dark lines on light paper), top to bottom.
// A table needs at least 3 horizontal and 3 vertical rules (2 rows, 2
// columns). Empty when the image has no rulings (a photo, a faint copy).
std::vector<RuledTable> find_ruled_tables(const cv::Mat& gray);

}  // namespace berkas
