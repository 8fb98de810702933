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

}  // namespace berkas
