// One document as the generator drew it, flat and upright, with the exact
// value and box (in the document's own pixels) of every field.
#pragma once

#include <map>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace berkas::samples {

struct TruthField {
  std::string value;
  cv::Rect2f box;            // where the value is printed, document pixels
  bool handwritten = false;  // written by hand (a reader should ask a person, not guess)
  std::string printed = {};  // the characters on the page, when they differ from `value` (a date, an amount)
};

using TruthRow = std::map<std::string, TruthField>;

struct RenderedDocument {
  std::string doc_type;  // ktp, kk, sktm, invoice, separator, other
  std::string layout;    // e.g. invoice layout name
  cv::Mat image;         // 8-bit BGR at 300 dpi
  std::map<std::string, TruthField> fields;
  std::map<std::string, std::vector<TruthRow>> tables;
  bool is_card = false;  // ID-card sized (KTP)
  cv::Mat shape;         // 8-bit mask of the paper (rounded card corners); empty = whole image
};

}  // namespace berkas::samples
