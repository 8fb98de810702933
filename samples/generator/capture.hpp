// How a document reaches berkas: a flatbed scan (clean), a photocopy on A4
// (copy) or a phone photo (photo). Each page keeps the exact transform from
// every document's own pixels to the page's pixels.
#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "rendered_document.hpp"
#include "rng.hpp"

namespace berkas::samples {

enum class Capture { Clean, Copy, Photo };
std::string to_string(Capture c);
Capture capture_from_string(const std::string& s);  // throws berkas::Error

struct PlacedDocument {
  RenderedDocument document;
  cv::Matx33d to_page;  // homography: document pixels -> page pixels
};

struct CapturedPage {
  cv::Mat image;  // BGR (clean, photo) or gray (copy)
  Capture capture = Capture::Clean;
  std::vector<PlacedDocument> documents;
  int jpeg_quality = 92;  // what a device would save with
};

// Places one document (or two ID cards side by side on a copy) on a page.
CapturedPage capture_page(Rng& rng, std::vector<RenderedDocument> documents, Capture capture);

// Multiplies every channel of an 8-bit image by a float field of light (1 = unchanged).
void multiply_light(cv::Mat& image, const cv::Mat& field);

// Axis-aligned box of a document-space rectangle on the page.
cv::Rect page_box(const cv::Matx33d& to_page, const cv::Rect2f& box, cv::Size page);

}  // namespace berkas::samples
