// The decoding stage of the read pipeline: a scan file (PNG, JPEG, TIFF or
// PDF, judged by content) becomes page images, safely, whatever the input.
//
// Every failure is a berkas::Error whose message names the reason and not the
// file ("truncated JPEG", "encrypted PDF (password protected)"); the caller
// adds the file name, and the page for errors of read_page().
//
// Pixels are those of the page as stored in the file: a PDF page that is one
// scanned image is that image, taken as stored (its own size and orientation,
// no re-rendering); only other PDF pages are rendered.
//
// Threads: one ScanReader must be used by one thread at a time; different
// readers may be used from different threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "image/media_type.hpp"

namespace berkas {

struct DecodeLimits {
  uint64_t max_file_bytes = 512ull << 20;
  uint64_t max_pixels_per_page = 150'000'000;  // e.g. a 12000 x 12500 page; decompression bombs beyond
  int max_pages = 2000;
  double max_seconds_per_page = 20.0;
  int render_dpi = 300;  // for PDF pages that are not one stored image
};

struct DecodedPage {
  int number = 0;  // 1-based within the file
  cv::Mat image;   // CV_8UC1 (grey, or bilevel expanded to 0 = black / 255 = white) or CV_8UC3 BGR
  // From the file when known (TIFF resolution, PNG pHYs, JPEG JFIF density; for a PDF image, its pixels
  // over its size on the page; for a rendered PDF page, the rendering dpi), rounded to a whole number;
  // 0 when unknown.
  double dpi = 0;
  // "raster" (PNG, JPEG), "tiff", "pdf-image" (embedded image taken as stored), "pdf-render".
  std::string origin;
  // The JPEG data as stored when `image` is exactly that JPEG decoded, grey or
  // RGB (a JPEG file, or a PDF page that is one DCT image in a grey or RGB
  // colour space); empty otherwise. A searchable PDF embeds it unchanged.
  std::vector<uint8_t> jpeg;
};

class ScanReader {
 public:
  // Opens and checks a file as a whole (type by content not name, size, page count, encryption).
  // Throws berkas::Error: NotFound, Io, CorruptInput ("empty file", "truncated JPEG", "corrupt PDF (...)"),
  // Unsupported ("not a scan: the content is not PNG, JPEG, TIFF or PDF", "encrypted PDF (password
  // protected)"), LimitExceeded ("file too large (...)", "too many pages (10000; the limit is 2000)").
  static std::unique_ptr<ScanReader> open(const std::filesystem::path& file, const DecodeLimits& limits = {});

  virtual ~ScanReader() = default;
  virtual MediaType media_type() const = 0;
  virtual int page_count() const = 0;

  // Decodes one page (index 0-based). Throws berkas::Error for that page only ("60000 x 60000 pixels
  // exceeds the limit of 150000000 per page", "corrupt image data (...)", "decoding took 31.2 s (the
  // limit is 20 s per page)"); the caller reports it and goes on with the next page. Dimensions are
  // checked against the pixel limit before anything of the page's size is allocated.
  virtual DecodedPage read_page(int index) = 0;
};

}  // namespace berkas
