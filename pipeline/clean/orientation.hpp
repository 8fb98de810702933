// Upright orientation (0/90/180/270) of a document's text.
#pragma once

#include "clean/document_image.hpp"
#include "ocr/ocr_engine.hpp"

namespace berkas {

struct OrientationResult {
  int clockwise_degrees = 0;  // how far the text was turned; undone by turning back
  float confidence = 0;
  bool from_osd = false;  // Tesseract OSD decided; otherwise OCR confidence did
};

// The text axis comes from the page's geometry; which end is up from
// Tesseract's OSD when it is sure. When it is not (confidence 0), the reader
// confirms by reading: see reading_quality.
OrientationResult detect_orientation(const cv::Mat& gray, bool card, OrientationDetector& osd);

// How well a reading went: the confidence-weighted count of letters in words
// of three or more. Upside-down text reads as short, unsure debris.
double reading_quality(const std::vector<OcrWord>& words);

}  // namespace berkas
