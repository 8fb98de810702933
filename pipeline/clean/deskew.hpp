// The small skew of a scanned sheet (the scanner's feeder, a copy laid
// askew), found from the direction of its text lines.
#pragma once

#include <opencv2/core.hpp>

namespace berkas {

// Degrees counter-clockwise that the text lines of `gray` lean (the image
// is straightened by rotating it clockwise by as much). Searches +-max_degrees.
double estimate_skew(const cv::Mat& gray, double max_degrees = 20.0);

}  // namespace berkas
