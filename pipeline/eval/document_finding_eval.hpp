// How well documents are found and turned upright, measured on a generated
// set against its ground truth (truth.jsonl): per capture level, the share
// of documents found (box overlap IoU >= 0.75 with the truth's outline) and
// the share found and upright (within 20 degrees of the true rotation).
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>

#include "read/document_reader.hpp"

namespace berkas {

struct FindingScore {
  int documents = 0, found = 0, upright = 0, extra = 0;
};

// Reads every page of the set (OCR included, since the reader confirms
// which end is up by reading). Misses are listed on `detail` when given.
std::map<std::string, FindingScore> evaluate_document_finding(const std::filesystem::path& set, int threads,
                                                              std::ostream* detail);

}  // namespace berkas
