#include "searchable/searchable_page.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "clean/document_image.hpp"
#include "ocr/ocr_engine.hpp"
#include "read/document_reader.hpp"

namespace berkas {
namespace {

// Words worth putting in the text layer: Tesseract also "reads" stamps,
// photos and rules as short unsure debris.
bool worth_keeping(const OcrWord& w) {
  bool alnum = false;
  for (unsigned char c : w.text) alnum = alnum || std::isalnum(c) || c >= 0x80;
  return alnum ? w.confidence >= 0.2f : w.confidence >= 0.6f;
}

// The box of the word's own ink: the union of the sizeable pieces of ink
// inside Tesseract's box. A speck of toner or a stub of a rule beside a word
// would otherwise stretch its box, and the text layer with it.
class InkBoxes {
 public:
  explicit InkBoxes(const cv::Mat& binary) {
    if (binary.empty()) return;
    cv::Mat ink;
    cv::threshold(binary, ink, 127, 255, cv::THRESH_BINARY_INV);
    cv::Mat centroids;
    cv::connectedComponentsWithStats(ink, labels_, stats_, centroids, 8, CV_32S);
  }

  cv::Rect tighten(const cv::Rect& word) const {
    if (labels_.empty()) return word;
    const cv::Rect box = word & cv::Rect(0, 0, labels_.cols, labels_.rows);
    // A piece counts when it is at least a fiftieth of the word's height
    // squared (a dot on an i, a full stop) and lies mostly inside the box.
    const int least = std::max(4, box.height * box.height / 50);
    std::vector<int> seen;
    cv::Rect ink;
    for (int y = box.y; y < box.y + box.height; ++y) {
      const int* l = labels_.ptr<int>(y);
      for (int x = box.x; x < box.x + box.width; ++x) {
        const int id = l[x];
        if (id == 0 || std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
        seen.push_back(id);
        const cv::Rect piece(stats_.at<int>(id, cv::CC_STAT_LEFT), stats_.at<int>(id, cv::CC_STAT_TOP),
                             stats_.at<int>(id, cv::CC_STAT_WIDTH), stats_.at<int>(id, cv::CC_STAT_HEIGHT));
        if (stats_.at<int>(id, cv::CC_STAT_AREA) < least || (piece & box).area() * 2 < piece.area()) continue;
        ink = ink.area() == 0 ? (piece & box) : (ink | (piece & box));
      }
    }
    return ink.area() > 0 ? ink : word;
  }

 private:
  cv::Mat labels_, stats_;
};

// Numbers, dates and codes ("27/12/2024", a NIK): Tesseract's Indonesian
// model often reads a 7 as 1 in them; its English model, held to digits and
// separators, reads them again.
bool numeric(const std::string& text) {
  int digits = 0;
  for (unsigned char c : text) {
    if (std::isdigit(c))
      ++digits;
    else if (c != '.' && c != '/' && c != '-' && c != ',')
      return false;
  }
  return digits >= 4;
}

std::string read_number_again(const cv::Mat& binary, const cv::Rect& box, int dpi, const std::string& first) {
  thread_local OcrEngine english("eng");
  const int pad = std::max(4, box.height / 3);
  const cv::Rect around = cv::Rect(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad) &
                          cv::Rect(0, 0, binary.cols, binary.rows);
  float confidence = 0;
  const std::string again = english.line(binary(around), dpi, "0123456789./-,", &confidence);
  return again.size() == first.size() && numeric(again) && confidence >= 0.6f ? again : first;
}

}  // namespace

SearchablePage searchable_page(const DecodedPage& page, DocumentReader& reader) {
  SearchablePage out;
  out.image = encode_page_image(page);
  out.dpi = page.dpi;
  CleanupSettings settings;
  settings.remove_rules = true;
  const auto documents = reader.read_page_text(page.image, page.dpi, settings);
  // The page is shown the way its largest document reads.
  double largest = 0;
  for (const auto& doc : documents) {
    const double area = static_cast<double>(doc.upright.image.total());
    if (area > largest) {
      largest = area;
      // rotation_on_page: how far the document's up is turned counter-clockwise.
      const int quarters = static_cast<int>(std::lround(rotation_on_page(doc.upright.to_page) / 90.0));
      out.clockwise = ((4 - quarters % 4) % 4) * 90;
    }
    const InkBoxes ink(doc.binary);
    const OcrWord* previous = nullptr;
    for (const auto& w : doc.words) {
      if (!worth_keeping(w)) {
        previous = nullptr;
        continue;
      }
      const cv::Rect box = ink.tighten(w.box);
      // Tesseract sometimes cuts a word where two letters lean into each
      // other ("400.7/944/Y" "ANKES/…"): a gap far narrower than a space
      // between words of one line joins them again.
      if (previous && previous->block == w.block && previous->line == w.line && previous->paragraph == w.paragraph) {
        TextLayerWord& last = out.words.back();
        const int gap = box.x - (last.box.x + last.box.width);
        const int height = std::max(box.height, last.box.height);
        const int overlap = std::min(box.y + box.height, last.box.y + last.box.height) - std::max(box.y, last.box.y);
        if (gap < height / 8 && gap > -height / 4 && overlap * 2 > std::min(box.height, last.box.height)) {
          last.text += w.text;
          last.box |= box;
          previous = &w;
          continue;
        }
      }
      const bool again = numeric(w.text) && !doc.binary.empty();
      out.words.push_back(
          {again ? read_number_again(doc.binary, box, doc.upright.dpi, w.text) : w.text, box, doc.upright.to_page});
      previous = &w;
    }
  }
  return out;
}

}  // namespace berkas
