// Making a document's pixels easy to read: even light, no speckle, full
// contrast, and a black-and-white version for Tesseract.
#pragma once

#include <opencv2/core.hpp>

namespace berkas {

cv::Mat to_gray(const cv::Mat& image);
// Divides out slow changes of brightness (shadows, a phone's uneven light).
cv::Mat flatten_illumination(const cv::Mat& gray);
// Removes isolated toner specks smaller than about a full stop.
cv::Mat remove_speckle(const cv::Mat& gray);
// Stretches the 1st..99th percentile of brightness to the full range.
cv::Mat stretch_contrast(const cv::Mat& gray);
// Sauvola binarisation: text black (0) on white (255).
cv::Mat binarize(const cv::Mat& gray);
// Turns white the black dots much smaller than a full stop that
// binarisation leaves on a photocopy's grey paper; Tesseract would join
// them to the nearest word and stretch its box.
cv::Mat remove_binary_specks(const cv::Mat& binary, int dpi);

}  // namespace berkas
