// A whole synthetic intake: cases as an officer typed them, the scanned
// berkas of each (in the formats stations produce), ground truth for every
// document, and the flags each case's seeded problem must raise.
//
// Output folder:
//   scans/<case>/...        the files a scanner station would upload
//   cases/<case>.json       one case per file (contract format)
//   cases.json              all cases in one array (for `berkas intake`)
//   truth.jsonl             one line per document: source, page, doc_type,
//                           fields {value, bbox}, tables, capture, rotation
//   expected.jsonl          per case: seeded problem, flags that must be
//                           raised, flags that may also be raised
//   manifest.json           seed, options and counts
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "capture.hpp"
#include "core/date.hpp"

namespace berkas::samples {

struct SampleSetOptions {
  uint64_t seed = 1;
  int cases = 10;
  std::filesystem::path out;
  std::vector<Capture> captures{Capture::Clean, Capture::Copy, Capture::Photo};
  std::vector<std::string> formats{"png", "jpeg", "tiff", "pdf"};
  double clean_share = 0.4;  // cases without a seeded problem
  Date today{2026, 11, 24};  // "now" for dates, so output does not depend on the clock
};

struct SampleSetSummary {
  int cases = 0, clean_cases = 0, files = 0, pages = 0, documents = 0;
};

SampleSetSummary generate_sample_set(const SampleSetOptions& options);

// One truth.jsonl record: a document as placed on a captured page.
nlohmann::json document_truth(const std::string& source, int page, const CapturedPage& captured,
                              const PlacedDocument& placed);

// The problem codes the generator can seed, in the order it cycles them.
const std::vector<std::string>& seedable_problems();

}  // namespace berkas::samples
