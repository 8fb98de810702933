#include "page_layout.hpp"

#include <opencv2/imgproc.hpp>

namespace berkas::samples {

cv::Mat blank_sheet(Rng& rng, int width, int height) {
  const int shade = rng.uniform(244, 252);
  return cv::Mat(height, width, CV_8UC3, cv::Scalar(shade - rng.uniform(0, 6), shade - 2, shade));
}

int letterhead(Painter& paint, Rng& rng, const std::vector<std::string>& lines, const std::string& address_line,
               const FontFamily& font, int top, std::vector<cv::Rect2f>* line_boxes) {
  const int cx = kA4Width / 2 + 110;
  int y = top;
  for (size_t i = 0; i < lines.size(); ++i) {
    const int h = i + 1 == lines.size() ? 66 : 52;
    y += h + 16;
    const cv::Rect2f box = paint.text_centered(lines[i], cx, y, font, Style::Bold, h);
    if (line_boxes != nullptr) line_boxes->push_back(box);
  }
  if (!address_line.empty()) {
    y += 50;
    paint.text_centered(address_line, cx, y, font, Style::Italic, 32);
  }
  // Emblem: a shield with a star, standing in for the regional coat of arms.
  const cv::Point e(250, top + (y - top) / 2 + 10);
  std::vector<cv::Point> shield{
      {e.x - 95, e.y - 120}, {e.x + 95, e.y - 120}, {e.x + 95, e.y + 20}, {e.x, e.y + 125}, {e.x - 95, e.y + 20}};
  const cv::Scalar tone(rng.uniform(40, 90), rng.uniform(90, 140), rng.uniform(40, 160));
  cv::fillPoly(paint.image(), std::vector<std::vector<cv::Point>>{shield}, tone, cv::LINE_AA);
  cv::polylines(paint.image(), shield, true, cv::Scalar(20, 20, 20), 5, cv::LINE_AA);
  cv::circle(paint.image(), {e.x, e.y - 20}, 38, cv::Scalar(60, 200, 230), -1, cv::LINE_AA);
  y += 36;
  paint.rule({170, y}, {kA4Width - 170, y}, 9);
  paint.rule({170, y + 16}, {kA4Width - 170, y + 16}, 3);
  return y + 16;
}

cv::Rect2f label_row(Painter& paint, const LabelColumns& cols, int y, std::string_view label, std::string_view value,
                     const FontFamily& font, int height, Style value_style) {
  paint.text(label, {cols.label_x, y}, font, Style::Regular, height);
  paint.text(":", {cols.colon_x, y}, font, Style::Regular, height);
  return paint.text(value, {cols.value_x, y}, font, value_style, height);
}

int paragraph(Painter& paint, std::string_view text, int x, int y, int width, const FontFamily& font, int height,
              int line_gap) {
  auto lines = wrap_words(paint, text, font, Style::Regular, height, width);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) y += line_gap;
    paint.text(lines[i], {x, y}, font, Style::Regular, height);
  }
  return y;
}

TableBoxes ruled_table(Painter& paint, int x, int y, const std::vector<int>& widths,
                       const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                       const FontFamily& font, int text_height, int row_height, int header_height,
                       const std::vector<bool>& right_align) {
  TableBoxes out;
  int total = 0;
  for (int w : widths) total += w;
  const int bottom = y + header_height + row_height * static_cast<int>(rows.size());
  const cv::Scalar line(40, 40, 40);
  paint.rule({x, y}, {x + total, y}, 3, line);
  paint.rule({x, y + header_height}, {x + total, y + header_height}, 3, line);
  for (size_t r = 1; r <= rows.size(); ++r)
    paint.rule({x, y + header_height + row_height * static_cast<int>(r)},
               {x + total, y + header_height + row_height * static_cast<int>(r)}, 2, line);
  int cx = x;
  for (size_t c = 0; c <= widths.size(); ++c) {
    paint.rule({cx, y}, {cx, bottom}, 3, line);
    if (c == widths.size()) break;
    // Header: one or two centred lines.
    std::vector<std::string> parts;
    size_t start = 0, nl;
    while ((nl = headers[c].find('\n', start)) != std::string::npos) {
      parts.push_back(headers[c].substr(start, nl - start));
      start = nl + 1;
    }
    parts.push_back(headers[c].substr(start));
    const int hh = text_height * 9 / 10;
    int hy = y + (header_height - static_cast<int>(parts.size()) * (hh + 8)) / 2 + hh;
    for (const auto& part : parts) {
      int ph = hh;
      while (ph > 12 && paint.width(part, font, Style::Bold, ph) > widths[c] - 10) --ph;
      paint.text_centered(part, cx + widths[c] / 2, hy, font, Style::Bold, ph);
      hy += hh + 8;
    }
    cx += widths[c];
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<cv::Rect2f> boxes;
    int cell_x = x;
    const int baseline = y + header_height + row_height * static_cast<int>(r) + (row_height + text_height) / 2 - 2;
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string& text = c < rows[r].size() ? rows[r][c] : std::string();
      int h = text_height;
      while (h > 12 && paint.width(text, font, Style::Regular, h) > widths[c] - 16) --h;
      const bool right = c < right_align.size() && right_align[c];
      boxes.push_back(right ? paint.text_right(text, cell_x + widths[c] - 10, baseline, font, Style::Regular, h)
                            : paint.text(text, {cell_x + 10, baseline}, font, Style::Regular, h));
      cell_x += widths[c];
    }
    out.cells.push_back(std::move(boxes));
  }
  out.bottom = bottom;
  return out;
}

void signature_block(Painter& paint, Rng& rng, int center_x, int y, const std::vector<std::string>& above,
                     const std::string& name, const std::string& nip, const FontFamily& font, int height,
                     const std::string& stamp_text) {
  for (const auto& line : above) {
    paint.text_centered(line, center_x, y, font, Style::Regular, height);
    y += height + 14;
  }
  const int sig_top = y + 10;
  if (!stamp_text.empty())
    paint.stamp(rng, {center_x - 160, sig_top + 110}, 150, stamp_text, "CAP",
                cv::Scalar(rng.uniform(120, 170), rng.uniform(40, 80), rng.uniform(60, 120)));
  paint.signature(rng, {center_x - 170, sig_top + 20, 340, 150}, cv::Scalar(90, 30, 20));
  y = sig_top + 260;
  cv::Rect2f box = paint.text_centered(name, center_x, y, font, Style::Bold, height);
  paint.rule({static_cast<int>(box.x), y + 8}, {static_cast<int>(box.x + box.width), y + 8}, 3);
  if (!nip.empty()) paint.text_centered("NIP. " + nip, center_x, y + height + 18, font, Style::Regular, height);
}

}  // namespace berkas::samples
