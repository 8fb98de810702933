// Reads every page of a generated set (made by `berkas generate`) and pairs
// each true document of its truth.jsonl with the document the reader found
// at the same place (box overlap IoU >= 0.75), for the accuracy reports.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "read/document_reader.hpp"

namespace berkas {

struct PageComparison {
  std::string source;
  int page = 0;
  const std::vector<nlohmann::json>& truth;  // the page's true documents
  const std::vector<ReadDocument>& read;     // what the reader found
  std::vector<int> match;                    // per true document: index into `read`, or -1
};

// Calls `on_page` once per page, one call at a time (under a lock), from
// `threads` workers (0: every core). Throws berkas::Error when the set has
// no truth.jsonl.
void compare_set_pages(const std::filesystem::path& set, int threads,
                       const std::function<void(const PageComparison&)>& on_page, const CleanupSettings& settings = {});

// The overlap of two boxes: intersection area over union area.
double box_iou(const cv::Rect& a, const cv::Rect& b);

}  // namespace berkas
