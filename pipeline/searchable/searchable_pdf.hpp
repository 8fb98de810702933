// A searchable PDF, like OCRmyPDF's: each page is the scanned image as
// stored, with the words read from it laid over as invisible text (render
// mode 3), each word stretched over the box where it was read, so a viewer
// finds, selects and copies the text where the eye sees it.
//
// The file declares PDF/A-2b (XMP identification and an sRGB output intent
// from Debian's icc-profiles-free) when that profile is installed. The text
// font is the standard Helvetica, not embedded: PDF/A exempts fonts used
// only for invisible text.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "searchable/pdf_page_image.hpp"

namespace PoDoFo {
class PdfMemDocument;
class PdfObject;
class PdfFontMetrics;
}  // namespace PoDoFo

namespace berkas {

struct TextLayerWord {
  std::string text;     // UTF-8; characters outside Latin-1 become '?'
  cv::Rect box;         // where it was read, in the pixels of the image `to_page` starts from
  cv::Matx33d to_page;  // those pixels -> pixels of the page as stored (a homography)
};

struct SearchablePage {
  PdfPageImage image;
  double dpi = 0;     // of the stored image; 0 = unknown (taken as 300)
  int clockwise = 0;  // how far the text is turned on the image; the page is shown turned back
  std::vector<TextLayerWord> words;
};

class SearchablePdf {
 public:
  SearchablePdf();
  ~SearchablePdf();
  SearchablePdf(const SearchablePdf&) = delete;
  SearchablePdf& operator=(const SearchablePdf&) = delete;

  void add_page(const SearchablePage& page);
  int page_count() const { return pages_; }
  bool pdfa() const { return pdfa_; }  // PDF/A-2b identification and output intent written
  // Writes the file (to a temporary name, then renamed into place).
  void write(const std::filesystem::path& path);

 private:
  void add_page_objects(const SearchablePage& page);
  PoDoFo::PdfObject* font();
  std::unique_ptr<PoDoFo::PdfMemDocument> doc_;
  PoDoFo::PdfObject* font_ = nullptr;
  const PoDoFo::PdfFontMetrics* metrics_ = nullptr;
  int pages_ = 0;
  bool pdfa_ = false;
};

}  // namespace berkas
