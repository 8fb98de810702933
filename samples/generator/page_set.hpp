// A batch of loose pages in a chosen mix of document types, for benchmarks:
// pages.pdf (every page in one scanned PDF, as a feeder scanner writes it),
// scans/page-NNNN.jpg (the same pages one file each) and truth.jsonl.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "capture.hpp"
#include "core/date.hpp"

namespace berkas::samples {

struct PageSetOptions {
  uint64_t seed = 1;
  int pages = 100;
  std::map<std::string, int> mix{{"ktp", 40}, {"kk", 20}, {"sktm", 20}, {"invoice", 20}};  // shares
  std::vector<Capture> captures{Capture::Copy, Capture::Photo};
  std::filesystem::path out;
  Date today{2026, 11, 24};
};

// Returns the number of pages written. Throws berkas::Error.
int generate_page_set(const PageSetOptions& options);

// "ktp=40,kk=20" -> {{"ktp", 40}, {"kk", 20}}; throws on unknown types.
std::map<std::string, int> parse_mix(const std::string& text);

}  // namespace berkas::samples
