// Cutting a found document out of its page and flattening its perspective.
#pragma once

#include "clean/document_finder.hpp"
#include "clean/document_image.hpp"

namespace berkas {

// page_dpi: the page's resolution (0 = unknown, assume 300). A photographed
// document is resampled so its text has about the size it has in a 300 dpi
// scan (an ID card ~1000 px wide, an A4 sheet ~2480 px).
DocumentImage rectify(const cv::Mat& page, const FoundDocument& found, double page_dpi);

}  // namespace berkas
