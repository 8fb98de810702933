// Which kind of paper a document is, from the words read on it.
#pragma once

#include <string>
#include <vector>

#include "ocr/ocr_engine.hpp"

namespace berkas {

struct Classification {
  std::string doc_type = "other";  // ktp, kk, sktm, invoice, separator, other
  double confidence = 0;
};

Classification classify(const std::vector<OcrWord>& words);

// The words joined into lines (upper case), in reading order.
std::vector<std::string> text_lines(const std::vector<OcrWord>& words);

}  // namespace berkas
