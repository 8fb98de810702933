// Telling writing by hand from print and typewriter in a register cell, so a
// handwritten entry goes to a person instead of being guessed. Cues: the
// letters lean (print and typewriter stand upright), and ballpoint ink is
// often blue where print is black.
#pragma once

#include <opencv2/core.hpp>

namespace berkas {

struct InkShape {
  double slant = 0;     // median lean of the letters, horizontal shift per pixel up (italic ~0.2)
  double blueness = 0;  // mean (blue - red) of the ink on a colour image, 0 on grey
  int letters = 0;      // letter-sized marks measured
};

// `cell`: the cell's pixels (grey or BGR); `ink`: its ink mask (255 = ink).
InkShape ink_shape(const cv::Mat& cell, const cv::Mat& ink);

bool looks_handwritten(const InkShape& shape);

}  // namespace berkas
