// Text that full-page layout analysis left out. Tesseract takes a block it
// judges to be a picture for one and skips it: a letter's signature block,
// where the place and date, the office and the official's name sit among a
// stamp's rings and a signature, is such a block. These are the places on
// the page with ink that no recognised word covers, so they can be read on
// their own as one block of text.
#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "ocr/ocr_engine.hpp"

namespace berkas {

// Letters and digits in a word's text. Tesseract also reports the blocks
// it took for pictures, as words of blank text: they cover nothing read.
long alnum_count(const std::string& text);
inline bool has_text(const OcrWord& w) { return alnum_count(w.text) > 0; }

// `binary`: text black (0) on white (255); `words` in its pixels. Boxes of
// groups of ink, ruled lines aside, that no word covers and that are big
// enough to hold a line of text, largest first, at most `max_blocks`.
std::vector<cv::Rect> unread_ink_blocks(const cv::Mat& binary, const std::vector<OcrWord>& words, int dpi,
                                        size_t max_blocks = 6);

}  // namespace berkas
