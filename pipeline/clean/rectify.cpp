#include "clean/rectify.hpp"

#include <opencv2/imgproc.hpp>

namespace berkas {

DocumentImage rectify(const cv::Mat& page, const FoundDocument& found, double page_dpi) {
  DocumentImage doc;
  doc.dpi = page_dpi > 0 ? static_cast<int>(page_dpi + 0.5) : 300;
  if (found.whole_page) {
    doc.image = page;
    doc.to_page = cv::Matx33d::eye();
    return doc;
  }
  const auto& q = found.corners;
  const double top = cv::norm(q[1] - q[0]), bottom = cv::norm(q[2] - q[3]);
  const double left = cv::norm(q[3] - q[0]), right = cv::norm(q[2] - q[1]);
  double w = std::max(top, bottom), h = std::max(left, right);
  // Photos and small scans: bring the document to about 300 dpi.
  const double long_side = found.shape == DocumentShape::Card ? 1011.0 : 3508.0;
  const double target = std::max(w, h) < long_side * 0.9 ? long_side / std::max(w, h) : 1.0;
  w *= target, h *= target;
  if (target != 1.0) doc.dpi = 300;
  // A card's box can be a few percent short (a faint or 1-bit copy, where it
  // rests on the print): keep a margin of the page around it so the labels
  // at its edge are not cut off.
  const float m = found.shape == DocumentShape::Card ? static_cast<float>(0.04 * w) : 0.0f;
  const std::vector<cv::Point2f> src(q.begin(), q.end());
  const std::vector<cv::Point2f> dst{{m, m},
                                     {static_cast<float>(w - 1) + m, m},
                                     {static_cast<float>(w - 1) + m, static_cast<float>(h - 1) + m},
                                     {m, static_cast<float>(h - 1) + m}};
  const cv::Mat page_to_doc = cv::getPerspectiveTransform(src, dst);
  cv::warpPerspective(page, doc.image, page_to_doc, cv::Size(static_cast<int>(w + 2 * m), static_cast<int>(h + 2 * m)),
                      cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  doc.to_page = cv::Matx33d(page_to_doc).inv();
  return doc;
}

}  // namespace berkas
