#include "clean/enhance.hpp"

#include <opencv2/imgproc.hpp>
#include <opencv2/ximgproc.hpp>

namespace berkas {

cv::Mat to_gray(const cv::Mat& image) {
  if (image.channels() == 1) return image;
  cv::Mat gray;
  cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  return gray;
}

cv::Mat flatten_illumination(const cv::Mat& gray) {
  // The background is what remains when text is closed over; estimated on a
  // small copy, because it changes slowly.
  const double scale = 0.125;
  cv::Mat small, background;
  cv::resize(gray, small, {}, scale, scale, cv::INTER_AREA);
  cv::morphologyEx(small, background, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, {9, 9}));
  cv::GaussianBlur(background, background, {0, 0}, 3);
  cv::resize(background, background, gray.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat out;
  cv::divide(gray, background, out, 255.0);
  return out;
}

cv::Mat remove_speckle(const cv::Mat& gray) {
  cv::Mat out;
  cv::medianBlur(gray, out, 3);
  return out;
}

cv::Mat stretch_contrast(const cv::Mat& gray) {
  int hist[256] = {0};
  for (int y = 0; y < gray.rows; ++y) {
    const uchar* row = gray.ptr<uchar>(y);
    for (int x = 0; x < gray.cols; ++x) ++hist[row[x]];
  }
  const double total = static_cast<double>(gray.total());
  int lo = 0, hi = 255;
  for (double acc = 0; lo < 255 && (acc += hist[lo]) < total * 0.01; ++lo) {
  }
  for (double acc = 0; hi > 0 && (acc += hist[hi]) < total * 0.01; --hi) {
  }
  if (hi - lo < 30) return gray;
  cv::Mat out;
  gray.convertTo(out, CV_8U, 255.0 / (hi - lo), -lo * 255.0 / (hi - lo));
  return out;
}

cv::Mat binarize(const cv::Mat& gray) {
  cv::Mat out;
  cv::ximgproc::niBlackThreshold(gray, out, 255, cv::THRESH_BINARY, 41, 0.2, cv::ximgproc::BINARIZATION_SAUVOLA, 128);
  return out;
}

cv::Mat remove_binary_specks(const cv::Mat& binary, int dpi) {
  cv::Mat ink, labels, stats, centroids, sums;
  cv::threshold(binary, ink, 127, 1, cv::THRESH_BINARY_INV);
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  cv::integral(ink, sums, CV_32S);
  // Smaller than a full stop of 12-point type (about 60 pixels at 300 dpi)
  // and with no other ink within about 1.5 mm: a dot over an i, or a full
  // stop, sits next to its letters.
  const double scale = (dpi > 0 ? dpi : 300) / 300.0;
  const int largest = std::max(2, static_cast<int>(60 * scale * scale));
  const int reach = std::max(2, static_cast<int>(18 * scale));
  std::vector<uint8_t> speck(static_cast<size_t>(n), 0);
  for (int i = 1; i < n; ++i) {
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (area >= largest) continue;
    const int x0 = std::max(0, stats.at<int>(i, cv::CC_STAT_LEFT) - reach);
    const int y0 = std::max(0, stats.at<int>(i, cv::CC_STAT_TOP) - reach);
    const int x1 = std::min(ink.cols, stats.at<int>(i, cv::CC_STAT_LEFT) + stats.at<int>(i, cv::CC_STAT_WIDTH) + reach);
    const int y1 = std::min(ink.rows, stats.at<int>(i, cv::CC_STAT_TOP) + stats.at<int>(i, cv::CC_STAT_HEIGHT) + reach);
    const int around = sums.at<int>(y1, x1) - sums.at<int>(y0, x1) - sums.at<int>(y1, x0) + sums.at<int>(y0, x0);
    speck[static_cast<size_t>(i)] = around == area;
  }
  cv::Mat out = binary.clone();
  for (int y = 0; y < out.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    uint8_t* o = out.ptr<uint8_t>(y);
    for (int x = 0; x < out.cols; ++x)
      if (l[x] > 0 && speck[static_cast<size_t>(l[x])]) o[x] = 255;
  }
  return out;
}

}  // namespace berkas
