// The QR code of a berkas separator sheet (`BERKAS-SEP:<case id>`, printed
// by `berkas separator`): read with ZXing, which copes with photocopied,
// skewed and speckled sheets far better than OCR of the large case number.
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <string>

namespace berkas {

struct SeparatorCode {
  std::string case_id;
  cv::Rect box;  // of the QR code, in the pixels of the image searched
  // How far the code (printed upright on the sheet) is turned clockwise in
  // the image searched, degrees in (-180, 180]: the sheet's orientation.
  int clockwise_degrees = 0;
};

// `gray`: 8-bit, one channel. Nothing when no separator QR code is on it.
std::optional<SeparatorCode> read_separator_code(const cv::Mat& gray);

}  // namespace berkas
