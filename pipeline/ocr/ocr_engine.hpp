// One Tesseract engine ("ind", LSTM), created once per worker thread and
// reused for every page that thread reads. Never shared between threads.
// Tesseract's own OpenMP threads are off (see core/process_env.hpp).
#pragma once

#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <utility>
#include <vector>

namespace tesseract {
class TessBaseAPI;
}

namespace berkas {

struct OcrWord {
  std::string text;
  cv::Rect box;                            // in the pixels of the image given to the engine
  float confidence;                        // 0..1
  int block = 0, paragraph = 0, line = 0;  // layout position, for grouping words into lines
  // Left and right edge of each recognised symbol, in reading order (one
  // per character of `text` when it is ASCII).
  std::vector<std::pair<int, int>> glyphs{};
};

enum class Segmentation {
  Auto = 3,          // full page layout analysis
  SingleColumn = 4,  // one column of lines of varying size
  Block = 6,         // one uniform block of text
  Line = 7,          // exactly one line
  Word = 8,
  Sparse = 11,  // as much text as possible, no order
};

class OcrEngine {
 public:
  explicit OcrEngine(const std::string& language = "ind");
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Words with boxes and confidences. `image`: CV_8UC1 (grey or 0/255) or
  // CV_8UC3; `dpi` helps Tesseract size its analysis.
  std::vector<OcrWord> words(const cv::Mat& image, Segmentation mode, int dpi = 300, const std::string& whitelist = "");
  // The text of one line (PSM 7), e.g. a numeric field with a whitelist.
  std::string line(const cv::Mat& image, int dpi = 300, const std::string& whitelist = "", float* confidence = nullptr);

 private:
  void prepare(const cv::Mat& image, Segmentation mode, int dpi, const std::string& whitelist);
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

// Tesseract's orientation and script detection ("osd" data).
class OrientationDetector {
 public:
  OrientationDetector();
  ~OrientationDetector();
  OrientationDetector(const OrientationDetector&) = delete;
  OrientationDetector& operator=(const OrientationDetector&) = delete;

  // How far the text in `gray` is turned clockwise from upright: 0, 90, 180
  // or 270 (turning the image back counter-clockwise by that much makes it
  // upright). Confidence: about 15 is reasonably sure. Returns false when
  // there is too little text to tell.
  bool detect(const cv::Mat& gray, int dpi, int& clockwise_degrees, float& confidence);

 private:
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

}  // namespace berkas
