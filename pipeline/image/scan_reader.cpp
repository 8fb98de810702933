#include "image/scan_reader.hpp"

#include <leptonica/allheaders.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <system_error>

#include "image/scan_pages.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BERKAS_DECODE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(BERKAS_DECODE_ASAN)
// In sanitizer builds only. fontconfig, which poppler asks for the fonts a
// PDF does not embed, loses a few hundred bytes while parsing its own
// configuration, once per process (FcInitLoadConfigAndFonts -> expat);
// LeakSanitizer would fail every run that renders such a page.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

namespace berkas {
namespace scan {

void setup_poppler();  // pdf_pages.cpp

namespace {

void discard_leptonica_message(const char*) {}

std::string megabytes(uint64_t bytes) {
  if (bytes < (1u << 20)) return std::to_string(bytes) + " bytes";
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text.data();
}

}  // namespace

void quiet_libraries() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Leptonica: no L_ERROR/L_WARNING, and nothing else it would print
    // (its TIFF memory stream reports "Bad file" through this handler).
    setMsgSeverity(L_SEVERITY_NONE);
    leptSetStderrHandler(discard_leptonica_message);
    // poppler: global parameters and a silent error callback. libpng gets
    // silent handlers per decoder, libjpeg silent defaults for every user
    // (raster_pages.cpp); libtiff's global handlers are cleared by Leptonica
    // whenever it opens a TIFF, and tiff_pages.cpp's own handles have theirs.
    setup_poppler();
  });
}

void Deadline::fail() const {
  std::array<char, 96> text{};
  std::snprintf(text.data(), text.size(), "decoding took %.1f s (the limit is %g s per page)", elapsed(), seconds_);
  throw Error(ErrorCode::LimitExceeded, text.data());
}

void check_pixels(int64_t width, int64_t height, const DecodeLimits& limits, const std::string& what) {
  if (width <= 0 || height <= 0)
    throw Error(ErrorCode::CorruptInput,
                what + "size " + std::to_string(width) + " x " + std::to_string(height) + " is not a valid image size");
  // Both are at most 2^32 here in practice; guard the product anyway.
  const bool too_large = static_cast<uint64_t>(width) > limits.max_pixels_per_page ||
                         static_cast<uint64_t>(height) > limits.max_pixels_per_page ||
                         static_cast<uint64_t>(width) * static_cast<uint64_t>(height) > limits.max_pixels_per_page;
  if (too_large)
    throw Error(ErrorCode::LimitExceeded, what + std::to_string(width) + " x " + std::to_string(height) +
                                              " pixels exceeds the limit of " +
                                              std::to_string(limits.max_pixels_per_page) + " per page");
}

double round_dpi(double dpi) {
  if (!std::isfinite(dpi) || dpi < 1 || dpi > 100000) return 0;
  return std::round(dpi);
}

}  // namespace scan

std::unique_ptr<ScanReader> ScanReader::open(const std::filesystem::path& file, const DecodeLimits& limits) {
  scan::quiet_libraries();
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) {
    if (ec && ec != std::errc::no_such_file_or_directory)
      throw Error(ErrorCode::Io, "cannot read the file (" + ec.message() + ")");
    throw Error(ErrorCode::NotFound, "no such file");
  }
  if (!std::filesystem::is_regular_file(status)) throw Error(ErrorCode::Io, "not a regular file");
  const uint64_t size = std::filesystem::file_size(file, ec);
  if (ec) throw Error(ErrorCode::Io, "cannot read the file (" + ec.message() + ")");
  if (size == 0) throw Error(ErrorCode::CorruptInput, "empty file");
  if (size > limits.max_file_bytes)
    throw Error(ErrorCode::LimitExceeded, "file too large (" + scan::megabytes(size) + "; the limit is " +
                                              scan::megabytes(limits.max_file_bytes) + ")");

  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorCode::Io, "cannot open the file for reading");
  // The head decides the type; a PDF is then read by poppler from the file,
  // the other formats are decoded from memory.
  std::vector<uint8_t> bytes(static_cast<size_t>(std::min<uint64_t>(size, 1024)));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) throw Error(ErrorCode::Io, "cannot read the file");
  const MediaType type = sniff_media_type(bytes);
  switch (type) {
    case MediaType::Pdf:
      return scan::open_pdf(file, limits);
    case MediaType::Png:
    case MediaType::Jpeg:
    case MediaType::Tiff: {
      const size_t head = bytes.size();
      bytes.resize(static_cast<size_t>(size));
      in.read(reinterpret_cast<char*>(bytes.data() + head), static_cast<std::streamsize>(size - head));
      if (static_cast<uint64_t>(in.gcount()) != size - head)
        throw Error(ErrorCode::Io, "cannot read the file (it changed while being read)");
      if (type == MediaType::Tiff) return scan::open_tiff(std::move(bytes), limits);
      return scan::open_raster(std::move(bytes), type, limits);
    }
    case MediaType::Unknown:
      break;
  }
  throw Error(ErrorCode::Unsupported, "not a scan: the content is not PNG, JPEG, TIFF or PDF");
}

}  // namespace berkas
