#include "read/separator_code.hpp"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace berkas {

namespace {

// One ZXing pass over `image`; the box in the pixels of an image `scale`
// times larger than `image`'s source.
std::optional<SeparatorCode> read_once(const cv::Mat& image, double scale) {
  static const std::string kPrefix = "BERKAS-SEP:";
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  const ZXing::Result result = ZXing::ReadBarcode({image.data, image.cols, image.rows, ZXing::ImageFormat::Lum}, hints);
  if (!result.isValid()) return std::nullopt;
  const std::string text = result.text();
  if (text.rfind(kPrefix, 0) != 0 || text.size() == kPrefix.size()) return std::nullopt;
  SeparatorCode code{text.substr(kPrefix.size()), {}, result.orientation()};
  int x0 = image.cols, y0 = image.rows, x1 = 0, y1 = 0;
  for (const auto& p : result.position()) {
    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  }
  if (x1 > x0 && y1 > y0)
    code.box = cv::Rect(static_cast<int>(x0 / scale), static_cast<int>(y0 / scale), static_cast<int>((x1 - x0) / scale),
                        static_cast<int>((y1 - y0) / scale));
  return code;
}

}  // namespace

std::optional<SeparatorCode> read_separator_code(const cv::Mat& gray) {
  if (gray.empty() || gray.type() != CV_8UC1) return std::nullopt;
  // A sheet scanned at 300 dpi is far larger than the code needs.
  cv::Mat image = gray;
  double scale = 1;
  if (std::max(gray.cols, gray.rows) > 1800) {
    scale = 1800.0 / std::max(gray.cols, gray.rows);
    cv::resize(gray, image, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  if (!image.isContinuous()) image = image.clone();
  if (auto code = read_once(image, scale)) return code;
  // Photocopies: toner specks on a finder pattern's centre lines make ZXing
  // reject it. Specks are small dark spots and modules large, so a grey
  // closing (max, then min filter) wider than a speck removes them and
  // keeps the modules; half size then averages away what is left.
  const int k = std::max(3, (std::max(image.cols, image.rows) / 300) | 1);
  cv::Mat closed;
  cv::morphologyEx(image, closed, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
  if (auto code = read_once(closed, scale)) return code;
  cv::Mat half;
  cv::resize(closed, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  return read_once(half, scale * 0.5);
}

}  // namespace berkas
