#include "read/unread_ink.hpp"

#include <algorithm>
#include <cctype>
#include <opencv2/imgproc.hpp>

#include "clean/rule_removal.hpp"

namespace berkas {
namespace {

// The height of a line of the page's text: the median height of the words
// read, or a 10-point line when there are too few.
int text_height(const std::vector<OcrWord>& words, int dpi) {
  std::vector<int> heights;
  for (const auto& w : words)
    if (w.text.size() >= 3) heights.push_back(w.box.height);
  if (heights.size() < 5) return std::max(8, dpi / 12);
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
  return std::max(8, heights[heights.size() / 2]);
}

// Marks of a letter's height: text has several; an emblem, a photograph or
// a signature few. Reading those is time spent on nothing.
int letter_like_marks(const cv::Mat& ink, int h) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  int letters = 0;
  for (int i = 1; i < n; ++i) {
    const int height = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    // A word's letters may touch: a mark of a letter's height counts
    // whatever its width.
    if (height >= h * 4 / 10 && height <= h * 3 / 2) ++letters;
  }
  return letters;
}

}  // namespace

long alnum_count(const std::string& text) {
  return std::count_if(text.begin(), text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

std::vector<cv::Rect> unread_ink_blocks(const cv::Mat& binary, const std::vector<OcrWord>& words, int dpi,
                                        size_t max_blocks) {
  if (binary.empty() || binary.type() != CV_8UC1) return {};
  // Looked for at half size on a page of 200 dpi or more: the blocks are
  // coarse, and at full size the search cost more than reading them.
  const int scale = dpi >= 200 ? 2 : 1;
  cv::Mat small = binary;
  if (scale > 1) {
    cv::resize(binary, small, cv::Size(binary.cols / scale, binary.rows / scale), 0, 0, cv::INTER_AREA);
    cv::threshold(small, small, 191, 255, cv::THRESH_BINARY);  // any ink in the 2 × 2 cell is ink
  }
  const int h = std::max(4, text_height(words, dpi) / scale);
  const cv::Rect page(0, 0, small.cols, small.rows);

  // Ink without the ruled lines (a table's grid is no text to read) and
  // without what was read.
  cv::Mat ink;
  cv::threshold(remove_rules(small, dpi / scale), ink, 127, 255, cv::THRESH_BINARY_INV);
  const int margin = std::max(1, h / 5);
  for (const auto& w : words) {
    if (!has_text(w)) continue;
    const cv::Rect box(w.box.x / scale, w.box.y / scale, (w.box.width + scale - 1) / scale,
                       (w.box.height + scale - 1) / scale);
    const cv::Rect r = cv::Rect(box.x - margin, box.y - margin, box.width + 2 * margin, box.height + 2 * margin) & page;
    if (r.area() > 0) ink(r).setTo(0);
  }

  // Letters into lines, lines into blocks.
  cv::Mat joined;
  cv::dilate(ink, joined, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(h * 3 / 2, h)));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);

  struct Block {
    cv::Rect box;
    int ink;
  };
  std::vector<Block> blocks;
  for (int i = 1; i < n; ++i) {
    // The dilation grew the block by half the kernel on each side.
    cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT) + h * 3 / 4, stats.at<int>(i, cv::CC_STAT_TOP) + h / 2,
               stats.at<int>(i, cv::CC_STAT_WIDTH) - h * 3 / 2, stats.at<int>(i, cv::CC_STAT_HEIGHT) - h);
    if (r.height < h * 7 / 10 || r.width < h * 3 / 2) continue;  // a speck, a stray mark
    if (r.area() > page.area() / 3) continue;                    // a photograph
    const int count = cv::countNonZero(ink(r & page));
    if (count < h * h / 2) continue;                        // too little ink for a word
    if (letter_like_marks(ink(r & page), h) < 3) continue;  // a logo, a photograph, a signature alone
    const int pad = std::max(2, h * 3 / 10);
    blocks.push_back({cv::Rect(r.x - pad, r.y - pad, r.width + 2 * pad, r.height + 2 * pad) & page, count});
  }
  std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) { return a.ink > b.ink; });
  if (blocks.size() > max_blocks) blocks.resize(max_blocks);
  std::vector<cv::Rect> out;
  const cv::Rect full(0, 0, binary.cols, binary.rows);
  for (const auto& b : blocks)
    out.push_back(cv::Rect(b.box.x * scale, b.box.y * scale, b.box.width * scale, b.box.height * scale) & full);
  return out;
}

}  // namespace berkas
