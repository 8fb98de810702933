// Internal to the decoding stage (scan_reader.cpp and the *_pages.cpp files):
// per-format readers and the pieces they share. Not for use elsewhere.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <new>
#include <opencv2/core.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "image/scan_reader.hpp"

struct Pix;

namespace berkas::scan {

// Silences every library's own diagnostics (Leptonica, poppler) and sets up
// poppler's global state, once per process, thread-safely.
void quiet_libraries();

// Wall-clock budget of one page. Decoders poll expired() where they can stop
// early; finish() checks the total after the fact (for library calls that
// cannot be interrupted).
class Deadline {
 public:
  explicit Deadline(double seconds) : seconds_(seconds), start_(std::chrono::steady_clock::now()) {}
  double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
  bool expired() const { return elapsed() > seconds_; }
  [[noreturn]] void fail() const;
  void finish() const {
    if (expired()) fail();
  }

 private:
  double seconds_;
  std::chrono::steady_clock::time_point start_;
};

// Throws LimitExceeded ("W x H pixels exceeds the limit of N per page") when
// the page is too large, CorruptInput when a dimension is zero or negative.
void check_pixels(int64_t width, int64_t height, const DecodeLimits& limits, const std::string& what = "");

// Runs one page's decoding and turns an allocation failure into an Error.
template <class Decode>
DecodedPage guarded(Decode&& decode) {
  try {
    return decode();
  } catch (const std::bad_alloc&) {
    throw Error(ErrorCode::LimitExceeded, "not enough memory to decode the page");
  } catch (const cv::Exception& e) {
    if (e.code == cv::Error::StsNoMem) throw Error(ErrorCode::LimitExceeded, "not enough memory to decode the page");
    throw Error(ErrorCode::Internal, std::string("image conversion failed: ") + e.what());
  }
}

// dpi as reported: a whole number, 0 for unknown or implausible values.
double round_dpi(double dpi);

// ---- raster_pages.cpp: PNG and JPEG with libpng / libjpeg directly (strict
// about truncation, quiet, header checked before allocation).
struct RasterHeader {
  int width = 0;
  int height = 0;
  int components = 0;  // JPEG: 1, 3 or 4
  double dpi = 0;
};
// Reads the header only. Throws CorruptInput ("truncated JPEG", "corrupt JPEG (...)"); `what` names the
// data in messages ("JPEG" for a file, "JPEG image data" inside a PDF).
RasterHeader jpeg_header(std::span<const uint8_t> data, const std::string& what);
// Decodes a JPEG (1 component -> CV_8UC1, 3 -> BGR, CMYK -> BGR).
cv::Mat decode_jpeg(std::span<const uint8_t> data, const DecodeLimits& limits, const Deadline& deadline, double* dpi,
                    const std::string& what = "JPEG");
// The samples as stored, for a PDF's colour map: 1 (grey), 3 (RGB) or 4 (CMYK, as stored) channels.
cv::Mat decode_jpeg_samples(std::span<const uint8_t> data, const DecodeLimits& limits, const Deadline& deadline,
                            const std::string& what);
cv::Mat decode_png(std::span<const uint8_t> data, const DecodeLimits& limits, const Deadline& deadline, double* dpi);
std::unique_ptr<ScanReader> open_raster(std::vector<uint8_t> bytes, MediaType type, const DecodeLimits& limits);

// ---- tiff_pages.cpp
std::unique_ptr<ScanReader> open_tiff(std::vector<uint8_t> bytes, const DecodeLimits& limits);
// Leptonica image (as read from a TIFF) -> CV_8UC1 (1 bpp: black = 0) or BGR;
// alpha (premultiplied, as Leptonica reads it) blended onto white.
cv::Mat mat_from_pix(Pix* pix);

// ---- pdf_pages.cpp (poppler)
std::unique_ptr<ScanReader> open_pdf(const std::filesystem::path& file, const DecodeLimits& limits);

}  // namespace berkas::scan
