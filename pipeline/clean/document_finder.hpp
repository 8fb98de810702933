// Finding every document on a page: one or two ID cards on a photocopied
// sheet or a scanner bed, a paper photographed on a table, or a sheet that
// fills the whole scan.
#pragma once

#include <array>
#include <opencv2/core.hpp>
#include <vector>

namespace berkas {

enum class DocumentShape { Card, Sheet };

struct FoundDocument {
  // Corners in page pixels, clockwise from the corner nearest the page's top
  // left: the document's own orientation is settled later.
  std::array<cv::Point2f, 4> corners;
  DocumentShape shape = DocumentShape::Sheet;
  bool whole_page = false;  // no edge was found: the page is the document
};

struct FinderSettings {
  int analysis_size = 1000;  // longest side of the working copy, pixels
  double min_area = 0.02;    // smallest document, as a share of the page
  // ID-1 cards are 1.586 and A4 is 1.414: the band between keeps them
  // apart with room for a photo's perspective.
  double card_aspect_min = 1.48;
  double card_aspect_max = 1.75;
};

std::vector<FoundDocument> find_documents(const cv::Mat& page, const FinderSettings& settings = {});

// The axis-aligned box around the corners.
cv::Rect bounding_box(const std::array<cv::Point2f, 4>& corners);

}  // namespace berkas
