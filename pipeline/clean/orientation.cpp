#include "clean/orientation.hpp"

#include <opencv2/imgproc.hpp>

namespace berkas {
namespace {

// OSD confidence at which it decides the axis too, against the projections
// (quarter-turned, slightly skewed register pages gave 5.5 to 11).
constexpr float kOsdOverridesAxis = 5.0f;

// Sum of squares of an ink histogram: text lines make it peaky.
double peakiness(const std::vector<int>& hist) {
  double sum = 0;
  for (int h : hist) sum += static_cast<double>(h) * h;
  return sum;
}

// True when the text runs top-to-bottom (the page is turned 90 or 270):
// lines of text put ink into narrow bands, so the projection across the
// lines is peakier than the one along them. Ruling lines (tables, rules)
// are removed first, since they make both directions peaky.
bool text_runs_vertically(const cv::Mat& small) {
  cv::Mat ink;
  cv::adaptiveThreshold(small, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 25, 15);
  cv::Mat horizontal, vertical;
  const int len = std::max(small.cols, small.rows) / 15;
  cv::morphologyEx(ink, horizontal, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {len, 1}));
  cv::morphologyEx(ink, vertical, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {1, len}));
  ink -= horizontal;
  ink -= vertical;
  cv::morphologyEx(ink, ink, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {2, 2}));
  std::vector<int> rows(static_cast<size_t>(ink.rows), 0), cols(static_cast<size_t>(ink.cols), 0);
  for (int y = 0; y < ink.rows; ++y) {
    const uchar* row = ink.ptr<uchar>(y);
    for (int x = 0; x < ink.cols; ++x)
      if (row[x]) ++rows[static_cast<size_t>(y)], ++cols[static_cast<size_t>(x)];
  }
  // Normalise by length: a histogram over more bins is flatter by nature.
  return peakiness(cols) * ink.cols > peakiness(rows) * ink.rows;
}

}  // namespace

OrientationResult detect_orientation(const cv::Mat& gray, bool card, OrientationDetector& osd) {
  OrientationResult result;
  // About 150 dpi: enough to see lines and read words, a quarter of the pixels.
  const double scale = std::min(1.0, (card ? 520.0 : 1240.0) / std::min(gray.cols, gray.rows));
  cv::Mat small;
  cv::resize(gray, small, {}, scale, scale, cv::INTER_AREA);
  // An ID card is landscape when upright, so its shape gives the axis; a
  // sheet's comes from its lines of text.
  const bool vertical = card ? small.rows > small.cols : text_runs_vertically(small);
  const std::vector<int> candidates = vertical ? std::vector<int>{90, 270} : std::vector<int>{0, 180};
  // Which end is up: Tesseract's OSD when it is sure and agrees about the
  // axis; otherwise the first candidate, and the reading step checks it
  // (a page that reads badly is read again turned half way round).
  int cw = 0;
  float conf = 0;
  if (osd.detect(small, 150, cw, conf)) {
    if (conf >= 3.0f && (cw == candidates[0] || cw == candidates[1])) return {cw, conf, true};
    // A page turned a quarter and a little askew keeps its ruled lines in
    // the projections, and the axis above can come out wrong; OSD, when it
    // is clearly sure, knows better.
    if (conf >= kOsdOverridesAxis) return {cw, conf, true};
  }
  result.clockwise_degrees = candidates[0];
  result.confidence = 0;
  return result;
}

double reading_quality(const std::vector<OcrWord>& words) {
  double score = 0;
  for (const auto& w : words) {
    int letters = 0;
    for (unsigned char c : w.text) letters += std::isalnum(c) ? 1 : 0;
    if (letters >= 3) score += w.confidence * letters;
  }
  return score;
}

}  // namespace berkas
