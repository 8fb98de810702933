// Which kind of paper a document is, from the words read on it (fuzzy
// keyword evidence, so OCR damage such as "KARTU KELUAKGA" still counts)
// and its layout (only an ID card is card-sized).
#pragma once

#include <string>
#include <vector>

#include "ocr/ocr_engine.hpp"

namespace berkas {

struct Classification {
  std::string doc_type = "other";  // ktp, kk, sktm, invoice, separator, other
  double confidence = 0;
};

struct LayoutHints {
  bool card = false;       // the finder cut it out as an ID-1 card
  bool landscape = false;  // wider than tall once upright
};

Classification classify(const std::vector<OcrWord>& words, const LayoutHints& layout = {});

// The words joined into lines (upper case), in reading order.
std::vector<std::string> text_lines(const std::vector<OcrWord>& words);

// The smallest edit distance between `pattern` and any substring of `text`
// (approximate substring search).
size_t approximate_find(std::string_view text, std::string_view pattern);

}  // namespace berkas
