#include "read/separator_code.hpp"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace berkas {

std::optional<SeparatorCode> read_separator_code(const cv::Mat& gray) {
  static const std::string kPrefix = "BERKAS-SEP:";
  if (gray.empty() || gray.type() != CV_8UC1) return std::nullopt;
  // A sheet scanned at 300 dpi is far larger than the code needs.
  cv::Mat image = gray;
  double scale = 1;
  if (std::max(gray.cols, gray.rows) > 1800) {
    scale = 1800.0 / std::max(gray.cols, gray.rows);
    cv::resize(gray, image, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  if (!image.isContinuous()) image = image.clone();
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  const ZXing::Result result = ZXing::ReadBarcode({image.data, image.cols, image.rows, ZXing::ImageFormat::Lum}, hints);
  if (!result.isValid()) return std::nullopt;
  const std::string text = result.text();
  if (text.rfind(kPrefix, 0) != 0 || text.size() == kPrefix.size()) return std::nullopt;
  SeparatorCode code{text.substr(kPrefix.size()), {}};
  int x0 = image.cols, y0 = image.rows, x1 = 0, y1 = 0;
  for (const auto& p : result.position()) {
    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  }
  if (x1 > x0 && y1 > y0)
    code.box = cv::Rect(static_cast<int>(x0 / scale), static_cast<int>(y0 / scale), static_cast<int>((x1 - x0) / scale),
                        static_cast<int>((y1 - y0) / scale));
  return code;
}

}  // namespace berkas
