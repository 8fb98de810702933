#include "clean/document_image.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>

namespace berkas {

cv::Rect map_box(const cv::Matx33d& h, const cv::Rect2d& box) {
  double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
  for (const cv::Point2d c :
       {box.tl(), cv::Point2d(box.x + box.width, box.y), box.br(), cv::Point2d(box.x, box.y + box.height)}) {
    const cv::Vec3d q = h * cv::Vec3d(c.x, c.y, 1.0);
    x0 = std::min(x0, q[0] / q[2]), y0 = std::min(y0, q[1] / q[2]);
    x1 = std::max(x1, q[0] / q[2]), y1 = std::max(y1, q[1] / q[2]);
  }
  return cv::Rect(cv::Point(static_cast<int>(std::floor(x0)), static_cast<int>(std::floor(y0))),
                  cv::Point(static_cast<int>(std::ceil(x1)), static_cast<int>(std::ceil(y1))));
}

double rotation_on_page(const cv::Matx33d& h) {
  const cv::Vec3d a = h * cv::Vec3d(0, 0, 1), b = h * cv::Vec3d(100, 0, 1);
  const double dx = b[0] / b[2] - a[0] / a[2], dy = b[1] / b[2] - a[1] / a[2];
  double deg = std::atan2(-dy, dx) * 180.0 / CV_PI;
  return deg < 0 ? deg + 360 : deg;
}

DocumentImage rotate_quarters_ccw(const DocumentImage& doc, int quarters) {
  quarters = ((quarters % 4) + 4) % 4;
  if (quarters == 0) return doc;
  DocumentImage out;
  out.dpi = doc.dpi;
  const double W = doc.image.cols, H = doc.image.rows;
  cv::Matx33d new_to_old;  // new pixel -> old pixel
  if (quarters == 1) {
    cv::rotate(doc.image, out.image, cv::ROTATE_90_COUNTERCLOCKWISE);
    new_to_old = {0, -1, W - 1, 1, 0, 0, 0, 0, 1};
  } else if (quarters == 2) {
    cv::rotate(doc.image, out.image, cv::ROTATE_180);
    new_to_old = {-1, 0, W - 1, 0, -1, H - 1, 0, 0, 1};
  } else {
    cv::rotate(doc.image, out.image, cv::ROTATE_90_CLOCKWISE);
    new_to_old = {0, 1, 0, -1, 0, H - 1, 0, 0, 1};
  }
  out.to_page = doc.to_page * new_to_old;
  return out;
}

DocumentImage rotate_small(const DocumentImage& doc, double degrees_ccw, cv::Scalar fill) {
  if (std::abs(degrees_ccw) < 1e-3) return doc;
  const cv::Point2d c(doc.image.cols / 2.0, doc.image.rows / 2.0);
  cv::Mat m = cv::getRotationMatrix2D(c, degrees_ccw, 1.0);
  const cv::Rect2d bounds = cv::RotatedRect(c, doc.image.size(), static_cast<float>(degrees_ccw)).boundingRect2f();
  m.at<double>(0, 2) += bounds.width / 2.0 - c.x;
  m.at<double>(1, 2) += bounds.height / 2.0 - c.y;
  DocumentImage out;
  out.dpi = doc.dpi;
  cv::warpAffine(doc.image, out.image, m,
                 cv::Size(static_cast<int>(std::ceil(bounds.width)), static_cast<int>(std::ceil(bounds.height))),
                 cv::INTER_LINEAR, cv::BORDER_CONSTANT, fill);
  const cv::Matx33d old_to_new(m.at<double>(0, 0), m.at<double>(0, 1), m.at<double>(0, 2), m.at<double>(1, 0),
                               m.at<double>(1, 1), m.at<double>(1, 2), 0, 0, 1);
  out.to_page = doc.to_page * old_to_new.inv();
  return out;
}

}  // namespace berkas
