// Writes captured pages the way scanner stations and phones save them:
// PNG, JPEG, TIFF (multi-page, LZW or G4) and scanned PDF (one JPEG image
// per page, as scanners write them). Output is byte-for-byte deterministic.
#pragma once

#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <vector>

namespace berkas::samples {

void write_png(const std::filesystem::path& path, const cv::Mat& image);
void write_jpeg(const std::filesystem::path& path, const cv::Mat& image, int quality);
// bilevel: Otsu-thresholded 1-bit pages with CCITT G4, else LZW.
void write_tiff(const std::filesystem::path& path, const std::vector<cv::Mat>& pages, bool bilevel, int dpi);
void write_scanned_pdf(const std::filesystem::path& path, const std::vector<cv::Mat>& pages,
                       const std::vector<int>& jpeg_quality, int dpi);

// A scanned PDF built page by page from encoded JPEGs, so a long batch is
// never held as raw pixels.
class ScannedPdfWriter {
 public:
  explicit ScannedPdfWriter(int dpi);
  ~ScannedPdfWriter();
  void add_page(const std::vector<uchar>& jpeg, cv::Size size);
  void write(const std::filesystem::path& path);

 private:
  struct State;
  std::unique_ptr<State> state_;
  int dpi_;
};

std::vector<uchar> encode_jpeg(const cv::Mat& image, int quality);

// The 1-bit image a G4 page stores (0 = black), for ground truth.
cv::Mat bilevel(const cv::Mat& image);

}  // namespace berkas::samples
