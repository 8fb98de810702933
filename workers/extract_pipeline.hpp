// The parallel read pipeline behind `berkas extract`: decode -> find,
// clean and read documents -> emit, on oneTBB. Pages are read in parallel,
// one Tesseract engine per worker thread; results leave in input order; at
// most a few pages per thread are in flight, so memory stays flat whatever
// the batch size. A file or page that fails is reported and the rest go on.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "image/scan_reader.hpp"
#include "intake/input_files.hpp"
#include "read/document_reader.hpp"

namespace berkas {

struct ExtractOptions {
  int threads = 0;        // 0: every core
  bool progress = false;  // a live progress line on stderr
  CleanupSettings cleanup;
  bool with_text = false;  // add each document's recognised lines ("text")
  DecodeLimits limits;
};

struct ExtractSummary {
  int files = 0, files_failed = 0, pages = 0, pages_failed = 0, documents = 0;
  double seconds = 0;
  std::vector<double> page_milliseconds;  // reading time of each page read, in input order
  // Time spent in each reading step (find, orientation, ocr, extract...),
  // summed over every document read: where the time goes.
  std::map<std::string, double> step_milliseconds;
};

// What became of one page (or of a whole file that could not be opened).
struct PageOutcome {
  size_t file = 0;  // index into the input files
  int page = 0;     // 1-based; 0 when the whole file failed
  bool file_failed = false;
  std::string error;                      // why the file or page could not be read
  std::vector<nlohmann::json> documents;  // in the contract's form
  int width = 0, height = 0;              // of the page as stored
  double milliseconds = 0;
  std::map<std::string, double> step_milliseconds;  // summed over the page's documents
};

// Reads every page of `files` on the parallel pipeline and hands each
// outcome to `on_page` in input order, on one thread at a time.
ExtractSummary read_scans(const std::vector<InputFile>& files, const ExtractOptions& options,
                          const std::function<void(PageOutcome&&)>& on_page);

// Writes one JSON line per document to `out` (the contract's format) and
// one line per failed file or page to `errors`, prefixed with `program`.
ExtractSummary run_extract(const std::vector<InputFile>& files, const ExtractOptions& options, std::ostream& out,
                           std::ostream& errors, const std::string& program);

}  // namespace berkas
