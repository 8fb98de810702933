// A stack of register pages as an archive team scans it: one file per page
// (scans/register-NNNN.png|jpg|tif), every register of templates/registers
// in turn, a run of consecutive pages from each, and truth.jsonl with every
// cell's value, box and whether it was written by hand.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "capture.hpp"
#include "core/date.hpp"

namespace berkas::samples {

struct RegisterSetOptions {
  uint64_t seed = 1;
  int pages = 12;
  std::vector<Capture> captures{Capture::Clean, Capture::Copy, Capture::Photo};
  std::vector<std::string> formats{"png", "jpeg", "tiff"};  // tiff: 1-bit G4, as archive scanners save
  std::filesystem::path out;
  Date today{2026, 11, 24};
};

// Returns the number of pages written. Throws berkas::Error.
int generate_register_set(const RegisterSetOptions& options);

}  // namespace berkas::samples
