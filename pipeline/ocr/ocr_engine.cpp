#include "ocr/ocr_engine.hpp"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/osdetect.h>

#include <mutex>
#include <opencv2/imgproc.hpp>

#include "core/error.hpp"

namespace berkas {
namespace {

// Owns the result of GetUTF8Text and friends (allocated with new[]).
struct TessText {
  char* text = nullptr;
  ~TessText() { delete[] text; }
};

std::unique_ptr<tesseract::TessBaseAPI> make_api(const char* language, tesseract::OcrEngineMode mode) {
  // Leptonica (inside Tesseract) prints its own errors to stderr; berkas
  // reports problems itself, one line per file.
  static std::once_flag quiet;
  std::call_once(quiet, [] { setMsgSeverity(L_SEVERITY_NONE); });
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  // Quiet: no "Estimating resolution" or debug files from inside a batch.
  api->SetVariable("debug_file", "/dev/null");
  if (api->Init(nullptr, language, mode) != 0)
    throw Error(ErrorCode::NotFound, std::string("Tesseract language data '") + language +
                                         "' is missing (install tesseract-ocr-" + language + ")");
  return api;
}

}  // namespace

OcrEngine::OcrEngine(const std::string& language) : api_(make_api(language.c_str(), tesseract::OEM_LSTM_ONLY)) {}
OcrEngine::~OcrEngine() = default;

void OcrEngine::prepare(const cv::Mat& image, Segmentation mode, int dpi, const std::string& whitelist) {
  CV_Assert(image.type() == CV_8UC1 || image.type() == CV_8UC3);
  api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(mode));
  api_->SetVariable("tessedit_char_whitelist", whitelist.c_str());
  if (image.type() == CV_8UC3) {
    cv::Mat rgb;
    cv::cvtColor(image, rgb, cv::COLOR_BGR2RGB);
    api_->SetImage(rgb.data, rgb.cols, rgb.rows, 3, static_cast<int>(rgb.step));
  } else {
    api_->SetImage(image.data, image.cols, image.rows, 1, static_cast<int>(image.step));
  }
  api_->SetSourceResolution(dpi);
}

std::vector<OcrWord> OcrEngine::words(const cv::Mat& image, Segmentation mode, int dpi, const std::string& whitelist) {
  std::vector<OcrWord> out;
  if (image.empty()) return out;
  // SetImage copies the pixels, so a temporary RGB copy may go out of scope.
  prepare(image, mode, dpi, whitelist);
  if (api_->Recognize(nullptr) != 0) return out;
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  if (!it) return out;
  int block = 0, paragraph = 0, line = 0;
  bool in_word = false;  // the current symbol belongs to the last word kept
  // Symbol by symbol, so that each word also keeps its letters' extents.
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) ++block;
    if (it->IsAtBeginningOf(tesseract::RIL_PARA)) ++paragraph;
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
    if (it->IsAtBeginningOf(tesseract::RIL_WORD)) {
      in_word = false;
      TessText word{it->GetUTF8Text(tesseract::RIL_WORD)};
      int x0, y0, x1, y1;
      if (word.text != nullptr && it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1)) {
        out.push_back({word.text,
                       cv::Rect(x0, y0, x1 - x0, y1 - y0),
                       it->Confidence(tesseract::RIL_WORD) / 100.0f,
                       block,
                       paragraph,
                       line,
                       {}});
        in_word = true;
      }
    }
    int x0, y0, x1, y1;
    if (in_word && it->BoundingBox(tesseract::RIL_SYMBOL, &x0, &y0, &x1, &y1)) out.back().glyphs.push_back({x0, x1});
  } while (it->Next(tesseract::RIL_SYMBOL));
  api_->Clear();
  return out;
}

std::string OcrEngine::line(const cv::Mat& image, int dpi, const std::string& whitelist, float* confidence) {
  if (image.empty()) return "";
  prepare(image, Segmentation::Line, dpi, whitelist);
  TessText text{api_->GetUTF8Text()};
  if (confidence != nullptr) *confidence = api_->MeanTextConf() / 100.0f;
  api_->Clear();
  std::string s = text.text ? text.text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

OrientationDetector::OrientationDetector() : api_(make_api("osd", tesseract::OEM_TESSERACT_ONLY)) {
  api_->SetPageSegMode(tesseract::PSM_OSD_ONLY);
}
OrientationDetector::~OrientationDetector() = default;

bool OrientationDetector::detect(const cv::Mat& gray, int dpi, int& clockwise_degrees, float& confidence) {
  api_->SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
  api_->SetSourceResolution(dpi);
  int orientation = 0;
  float orientation_conf = 0, script_conf = 0;
  const char* script = nullptr;
  const bool ok = api_->DetectOrientationScript(&orientation, &orientation_conf, &script, &script_conf);
  api_->Clear();
  if (!ok) return false;
  clockwise_degrees = orientation;
  confidence = orientation_conf;
  return true;
}

}  // namespace berkas
