// A document cut out of its page, with the transform that maps every pixel
// of it back to the page as stored: every cleanup step that moves pixels
// updates `to_page`, so a box found on the cleaned image can be drawn on the
// original scan (the contract's bbox).
#pragma once

#include <opencv2/core.hpp>

namespace berkas {

struct DocumentImage {
  cv::Mat image;        // 8-bit, grey or BGR
  cv::Matx33d to_page;  // homography: document pixels -> page pixels
  int dpi = 300;
};

// The axis-aligned box, in whole pixels, around a rectangle carried
// through a homography.
cv::Rect map_box(const cv::Matx33d& h, const cv::Rect2d& box);

// The axis-aligned page box of a rectangle given in document pixels.
inline cv::Rect map_to_page(const DocumentImage& doc, const cv::Rect& box) { return map_box(doc.to_page, box); }

// How far the document's "up" is turned on the page, degrees counter-clockwise.
double rotation_on_page(const cv::Matx33d& to_page);

// Turns the document counter-clockwise by a multiple of 90 degrees.
DocumentImage rotate_quarters_ccw(const DocumentImage& doc, int quarters);

// Rotates by a small angle (degrees, counter-clockwise) about the centre,
// growing the canvas so nothing is cut, filling with `fill`.
DocumentImage rotate_small(const DocumentImage& doc, double degrees_ccw, cv::Scalar fill);

}  // namespace berkas
