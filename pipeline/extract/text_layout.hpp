// The words Tesseract read on a document, arranged as a reader sees them:
// rows of words at the same height, left to right, top to bottom. Rows are
// Tesseract's text lines joined when they stand side by side at the same
// height, so that a label and its value in two layout columns ("NIK" ...
// "3201...") make one row, and two columns of labels on one row (KK header)
// can be split at the labels.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/edit_distance.hpp"  // edit_distance, similarity
#include "ocr/ocr_engine.hpp"

namespace berkas {

struct TextRow {
  std::vector<OcrWord> words;  // left to right
  cv::Rect box;
  int height = 0;  // median word height: the row's text size

  // The words joined by single spaces; from `first` to `last` (inclusive).
  std::string text(size_t first = 0, size_t last = static_cast<size_t>(-1)) const;
  // Horizontal gap before word `i`, in units of the row's text height.
  double gap_before(size_t i) const;
};

// Rows in reading order (top to bottom). Empty and whitespace-only words
// are dropped.
std::vector<TextRow> arrange_rows(const std::vector<OcrWord>& words);

// Upper-case ASCII letters and digits only: what two spellings of one label
// ("Tempat/Tgl. Lahir", "TEMPAT / TGL LAHIR") have in common.
std::string label_key(std::string_view text);

// Mean confidence of words [first, last] of a row, 0..1.
double mean_confidence(const TextRow& row, size_t first, size_t last);

// The box around words [first, last] of a row.
cv::Rect words_box(const TextRow& row, size_t first, size_t last);

}  // namespace berkas
