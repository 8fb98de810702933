// How well a searchable PDF's text layer matches the page, as a PDF reader
// sees it: `pdftotext -bbox` (poppler-utils) lists the words with their
// boxes, and every printed word of the ground truth (register cells, titles,
// page numbers; not handwriting) must be there, with its box inside the box
// where the generator printed it, give or take a few pixels.
#pragma once

#include <filesystem>
#include <map>
#include <opencv2/core.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "eval/field_accuracy_eval.hpp"

namespace berkas {

struct PdfWord {
  std::string text;
  cv::Rect2d box;  // pixels of the page's image as stored (before the page's /Rotate)
};

// Every word pdftotext finds on each page of `pdf`, by page (0-based).
// `image_sizes`: the stored image's size in pixels per page, to turn points
// into pixels. Throws berkas::Error when pdftotext or pdfinfo fails.
std::vector<std::vector<PdfWord>> pdf_words(const std::filesystem::path& pdf, const std::vector<cv::Size>& image_sizes);

struct PdfTextScore {
  Tally found;     // printed words pdftotext finds on their page
  Tally in_place;  // ... with the box within `tolerance` pixels of where the word is printed
  int pages = 0, pages_missing = 0;
};

// `pdfs`: the output of `berkas pdf SET/scans --out PDFS`. Per capture
// level and "all"; misses are listed on `detail` when given.
std::map<std::string, PdfTextScore> evaluate_pdf_text(const std::filesystem::path& set,
                                                      const std::filesystem::path& pdfs, double tolerance,
                                                      std::ostream* detail);

}  // namespace berkas
