// What an extractor found on one document: named fields and named tables of
// rows, each value in the contract's normal form with a confidence that
// combines how clearly it was read with whether it validated.
#pragma once

#include <map>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace berkas {

struct FieldValue {
  std::string value;  // normal form (contract): never empty
  double confidence = 0;
  cv::Rect box;  // in the pixels of the upright document image
};

using FieldMap = std::map<std::string, FieldValue>;

struct Extraction {
  FieldMap fields;
  std::map<std::string, std::vector<FieldMap>> tables;  // e.g. "members", "items"
};

}  // namespace berkas
