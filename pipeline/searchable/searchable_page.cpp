#include "searchable/searchable_page.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "clean/document_image.hpp"
#include "ocr/ocr_engine.hpp"
#include "read/document_reader.hpp"
#include "searchable/ink_pieces.hpp"

namespace berkas {
namespace {

// Words worth putting in the text layer: Tesseract also "reads" stamps,
// photos and rules as short unsure debris.
bool worth_keeping(const OcrWord& w) {
  bool alnum = false;
  for (unsigned char c : w.text) alnum = alnum || std::isalnum(c) || c >= 0x80;
  return alnum ? w.confidence >= 0.2f : w.confidence >= 0.6f;
}

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
  return digits >= 3;
}

std::string read_number_again(const cv::Mat& binary, const cv::Rect& box, int dpi, const std::string& first) {
  thread_local OcrEngine english("eng");
  const int pad = std::max(4, box.height / 3);
  const cv::Rect around = cv::Rect(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad) &
                          cv::Rect(0, 0, binary.cols, binary.rows);
  float confidence = 0;
  const std::string again = english.line(binary(around), dpi, "0123456789./-,", &confidence);
  // The same length, or for a short number one digit more or less: the
  // Indonesian model reads a typed "70" as "710" or "1".
  const size_t a = again.size(), b = first.size();
  const bool length_fits = a == b || (b <= 5 && (a + 1 == b || a == b + 1));
  return length_fits && numeric(again) && confidence >= 0.6f ? again : first;
}

// Tesseract's sparse reading leaves out some short words standing alone
// (the day in "2 Feb 2025", a row number): letter-sized ink that no word
// covers is read again, group by group, as one line each.
void read_what_was_left(const ReadDocument& doc, const InkPieces& ink, OcrEngine& ocr, size_t first_word,
                        std::vector<TextLayerWord>& words) {
  std::vector<cv::Rect> boxes;
  std::vector<int> heights;
  for (size_t i = first_word; i < words.size(); ++i) {
    boxes.push_back(words[i].box);
    heights.push_back(words[i].box.height);
  }
  if (heights.size() < 5) return;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const int letter = heights[heights.size() / 2];
  const auto groups = ink.uncovered(boxes, letter);
  // A page of noise would make hundreds; a page Tesseract read has few.
  if (groups.size() > 150) return;
  for (const auto& g : groups) {
    const int pad = std::max(4, letter / 3);
    const cv::Rect around =
        cv::Rect(g.x - pad, g.y - pad, g.width + 2 * pad, g.height + 2 * pad) & cv::Rect({}, doc.binary.size());
    float confidence = 0;
    std::string text = ocr.line(doc.binary(around), doc.upright.dpi, "", &confidence);
    if (confidence < 0.6f || !worth_keeping({text, g, confidence})) continue;
    if (numeric(text)) text = read_number_again(doc.binary, g, doc.upright.dpi, text);
    words.push_back({text, g, doc.upright.to_page});
  }
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
    const InkPieces ink(doc.binary);
    const OcrWord* previous = nullptr;
    const size_t first_word = out.words.size();
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
    if (!doc.binary.empty()) read_what_was_left(doc, ink, reader.ocr(), first_word, out.words);
  }
  return out;
}

}  // namespace berkas
