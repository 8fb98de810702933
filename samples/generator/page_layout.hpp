// Building blocks shared by the A4 papers: blank sheets, letterheads,
// "Label : value" rows, wrapped paragraphs and ruled tables.
#pragma once

#include <string>
#include <vector>

#include "painter.hpp"
#include "rendered_document.hpp"

namespace berkas::samples {

constexpr int kA4Width = 2480, kA4Height = 3508;

cv::Mat blank_sheet(Rng& rng, int width = kA4Width, int height = kA4Height);

// Centered lines of a government or hospital letterhead with an emblem on
// the left and a double rule under it; returns the y below the rule.
int letterhead(Painter& paint, Rng& rng, const std::vector<std::string>& lines, const std::string& address_line,
               const FontFamily& font, int top, std::vector<cv::Rect2f>* line_boxes = nullptr);

struct LabelColumns {
  int label_x, colon_x, value_x;
};

// Draws "label : value" at baseline y; returns the value's box.
cv::Rect2f label_row(Painter& paint, const LabelColumns& cols, int y, std::string_view label, std::string_view value,
                     const FontFamily& font, int height, Style value_style = Style::Regular);

// Left-aligned wrapped paragraph; returns the baseline after the last line.
int paragraph(Painter& paint, std::string_view text, int x, int y, int width, const FontFamily& font, int height,
              int line_gap);

// A ruled table: column widths, header text per column (may contain '\n'),
// rows of cell texts. Cell text shrinks to fit its column. Returns each
// cell's text box, row-major, and the y below the table.
struct TableBoxes {
  std::vector<std::vector<cv::Rect2f>> cells;
  int bottom = 0;
};
TableBoxes ruled_table(Painter& paint, int x, int y, const std::vector<int>& widths,
                       const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                       const FontFamily& font, int text_height, int row_height, int header_height,
                       const std::vector<bool>& right_align = {});

// Draws the signature block of an official: place and date, position,
// signature (and stamp), name underlined, optional NIP line.
void signature_block(Painter& paint, Rng& rng, int center_x, int y, const std::vector<std::string>& above,
                     const std::string& name, const std::string& nip, const FontFamily& font, int height,
                     const std::string& stamp_text);

}  // namespace berkas::samples
