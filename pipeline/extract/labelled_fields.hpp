// Label-and-value reading (KTP, SKTM, KK header): find each label of a
// layout template on the rows of text, fuzzily ("TEMPAT/TGI LAHIR",
// "Tempat / Tgl. Lahir", a lost colon), and take the words that belong to
// it: those after it on its row up to the next label or a column gap, and
// for wrapping values the aligned rows below.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/layout_template.hpp"
#include "extract/text_layout.hpp"

namespace berkas {

struct LabelledValue {
  size_t row = 0;              // row of the label
  std::string text;            // the value's words, rows joined by spaces
  std::vector<OcrWord> words;  // the value's words
  double ocr_confidence = 0;   // mean over the words, 0..1
  cv::Rect box;                // around the value's words
};

// field name -> its value, for every field whose label was found with
// something after it.
std::map<std::string, LabelledValue> find_labelled_values(const std::vector<TextRow>& rows,
                                                          const LayoutTemplate& layout);

// A word with a colon inside ("NIK:3201...", "KEWARGANEGARAAN:WNI") split
// in two at the colon, the box shared by character count.
std::vector<TextRow> split_at_colons(const std::vector<TextRow>& rows);

}  // namespace berkas
