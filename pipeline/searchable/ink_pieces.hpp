// The pieces of ink on a black-and-white page (its connected components),
// to check Tesseract's words against: the ink box of a word, and the ink
// that no word covers (a lone digit or a short number Tesseract left out).
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace berkas {

class InkPieces {
 public:
  // `binary`: text black (0) on white (255); may be empty (then nothing is known).
  explicit InkPieces(const cv::Mat& binary);

  // The union of the sizeable pieces of ink inside `word` (at least a
  // fiftieth of its height squared, mostly inside), so a speck of toner or
  // a leftover end of a ruled line beside a word does not stretch it.
  // Returns `word` unchanged when it holds no such ink.
  cv::Rect tighten(const cv::Rect& word) const;

  // Groups of letter-sized pieces that no box of `words` touches, one group
  // per run of pieces closer than a letter's height on one line, each at
  // least 0.6 of `letter_height` tall.
  std::vector<cv::Rect> uncovered(const std::vector<cv::Rect>& words, int letter_height) const;

 private:
  cv::Rect piece(int id) const;
  cv::Mat labels_, stats_;
};

}  // namespace berkas
