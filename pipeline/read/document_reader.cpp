#include "read/document_reader.hpp"

#include <algorithm>
#include <chrono>
#include <opencv2/imgproc.hpp>
#include <optional>

#include "clean/deskew.hpp"
#include "clean/enhance.hpp"
#include "clean/rectify.hpp"
#include "clean/rule_removal.hpp"
#include "core/date.hpp"
#include "extract/document_fields.hpp"
#include "extract/reading_merge.hpp"
#include "extract/ruled_grid.hpp"
#include "read/separator_code.hpp"
#include "read/unread_ink.hpp"

namespace berkas {
namespace {

class Stopwatch {
 public:
  explicit Stopwatch(std::vector<StepTime>& log, const char* step) : log_(log), step_(step) {}
  ~Stopwatch() {
    log_.push_back(
        {step_, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count()});
  }

 private:
  std::vector<StepTime>& log_;
  const char* step_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

double mean_word_confidence(const std::vector<OcrWord>& words) {
  double sum = 0;
  int n = 0;
  for (const auto& w : words)
    if (w.text.size() >= 3) sum += w.confidence, ++n;
  return n == 0 ? 0 : sum / n;
}

// The QR code of a separator sheet is printed upright, so it tells which
// way up the sheet is when OSD and the reading could not (a sheet of little
// text, upside down). The code's box turns with the sheet.
bool turn_upright_by_code(ReadDocument& doc, SeparatorCode& code) {
  const int quarters = ((static_cast<int>(std::lround(code.clockwise_degrees / 90.0)) % 4) + 4) % 4;
  if (quarters == 0) return false;
  const cv::Matx33d from = doc.upright.to_page;
  doc.upright = rotate_quarters_ccw(doc.upright, quarters);
  if (!doc.binary.empty()) doc.binary = rotate_quarters_ccw({doc.binary, from, doc.upright.dpi}, quarters).image;
  doc.orientation.clockwise_degrees = (doc.orientation.clockwise_degrees + 90 * quarters) % 360;
  code.box = map_box(doc.upright.to_page.inv() * from, code.box);
  code.clockwise_degrees = 0;
  return true;
}

}  // namespace

DocumentReader::DocumentReader() : reference_year_(today().year) {}

std::vector<ReadDocument> DocumentReader::read_page(const cv::Mat& page, double dpi, const CleanupSettings& settings) {
  return read(page, dpi, settings, true);
}

std::vector<ReadDocument> DocumentReader::read_page_text(const cv::Mat& page, double dpi,
                                                         const CleanupSettings& settings) {
  return read(page, dpi, settings, false);
}

void DocumentReader::read_tables_again(ReadDocument& doc, bool on_grey) {
  // Tables of five columns or more: a bill's items table (three or four
  // wide columns) has its values well clear of the rules.
  std::vector<cv::Rect> tables;
  for (const auto& table : find_ruled_tables(doc.upright.image))
    if (table.col_count() >= 5) tables.push_back(table.box);
  if (tables.empty()) return;
  cv::Mat clean = remove_rules_in(doc.binary, tables, doc.upright.dpi);
  if (on_grey) clean = paint_out_removed_ink(doc.upright.image, doc.binary, clean, doc.upright.dpi);
  int line = 0;
  for (const auto& w : doc.words) line = std::max(line, w.line);
  for (const auto& table : tables) {
    const cv::Rect r = table & cv::Rect(0, 0, clean.cols, clean.rows);
    if (r.area() == 0) continue;
    auto inside = [&](const OcrWord& w) { return r.contains((w.box.tl() + w.box.br()) / 2); };
    doc.words.erase(std::remove_if(doc.words.begin(), doc.words.end(), inside), doc.words.end());
    const int first_line = line + 1;
    for (auto w : ocr_.words(clean(r), Segmentation::Block, doc.upright.dpi)) {
      w.box += r.tl();
      for (auto& g : w.glyphs) g.first += r.x, g.second += r.x;
      w.line += first_line;
      line = std::max(line, w.line);
      doc.words.push_back(std::move(w));
    }
  }
}

void DocumentReader::read_unread_ink(ReadDocument& doc, bool on_grey) {
  int line = 0, last_block = 0;
  for (const auto& w : doc.words) line = std::max(line, w.line), last_block = std::max(last_block, w.block);
  std::vector<OcrWord> found;
  for (const cv::Rect& block : unread_ink_blocks(doc.binary, doc.words, doc.upright.dpi)) {
    // What was read already stays out of the second reading.
    cv::Mat crop = (on_grey ? doc.upright.image : doc.binary)(block).clone();
    for (const auto& w : doc.words) {
      if (!has_text(w)) continue;
      const cv::Rect r = (w.box & block) - block.tl();
      if (r.area() > 0) crop(r).setTo(255);
    }
    const int first_line = line + 1;
    for (auto w : ocr_.words(crop, Segmentation::Block, doc.upright.dpi)) {
      // Stamp rings and signatures read as text are rubbish of low confidence.
      if (w.confidence < 0.5f || alnum_count(w.text) < 2) continue;
      w.box += block.tl();
      for (auto& g : w.glyphs) g.first += block.x, g.second += block.x;
      w.line += first_line;
      w.block = last_block + 1;  // after the page's blocks, in reading order
      line = std::max(line, w.line);
      found.push_back(std::move(w));
    }
  }
  for (auto& w : found) doc.words.push_back(std::move(w));
}

void DocumentReader::read_more_of_sheet(ReadDocument& doc, bool on_grey, const CleanupSettings& settings) {
  if (doc.found.shape != DocumentShape::Sheet || doc.binary.empty()) return;
  if (settings.remove_table_rules) {
    Stopwatch t(doc.timings, "tables again");
    read_tables_again(doc, on_grey);
  }
  if (settings.read_unread_ink) {
    Stopwatch t(doc.timings, "unread ink");
    read_unread_ink(doc, on_grey);
  }
}

void DocumentReader::read_fields_again(ReadDocument& doc, Segmentation mode, bool on_grey,
                                       const CleanupSettings& settings) {
  ReadDocument second;
  second.found = doc.found;
  second.upright = doc.upright;  // the same pixels, not a copy
  second.binary = doc.binary;
  second.words = ocr_.words(on_grey ? doc.upright.image : doc.binary, mode, doc.upright.dpi);
  read_more_of_sheet(second, on_grey, settings);
  const Extraction again =
      extract_document_fields(doc.classification.doc_type, second.words, doc.upright.image, reference_year_, &ocr_);
  doc.extraction = merge_readings(doc.extraction, again);
}

std::vector<ReadDocument> DocumentReader::read(const cv::Mat& page, double dpi, const CleanupSettings& settings,
                                               bool fields) {
  std::vector<ReadDocument> out;
  std::vector<StepTime> page_timings;
  std::vector<FoundDocument> found;
  {
    Stopwatch t(page_timings, "find");
    found = find_documents(page);
  }
  for (const auto& f : found) {
    ReadDocument doc;
    doc.found = f;
    doc.timings = page_timings;
    {
      Stopwatch t(doc.timings, "rectify");
      doc.upright = rectify(page, f, dpi);
      doc.upright.image = to_gray(doc.upright.image);
    }
    if (settings.orientation) {
      Stopwatch t(doc.timings, "orientation");
      doc.orientation = detect_orientation(doc.upright.image, f.shape == DocumentShape::Card, osd_);
      doc.upright = rotate_quarters_ccw(doc.upright, doc.orientation.clockwise_degrees / 90);
    }
    if (settings.deskew && f.shape == DocumentShape::Sheet) {
      Stopwatch t(doc.timings, "deskew");
      doc.skew_degrees = estimate_skew(doc.upright.image);
      if (std::abs(doc.skew_degrees) >= 0.1)
        doc.upright = rotate_small(doc.upright, -doc.skew_degrees, cv::Scalar(255));
    }
    // Flattening hollows out large black areas such as a QR code's finder
    // patterns: the separator code is looked for on the image before it.
    cv::Mat before_cleanup = doc.upright.image;
    if (settings.flatten_illumination) {
      Stopwatch t(doc.timings, "flatten");
      doc.upright.image = flatten_illumination(doc.upright.image);
    }
    if (settings.remove_speckle) {
      Stopwatch t(doc.timings, "despeckle");
      doc.upright.image = remove_speckle(doc.upright.image);
    }
    if (settings.stretch_contrast) {
      Stopwatch t(doc.timings, "contrast");
      doc.upright.image = stretch_contrast(doc.upright.image);
    }
    if (settings.binarize) {
      Stopwatch t(doc.timings, "binarize");
      doc.binary = binarize(doc.upright.image);
    }
    if (settings.remove_rules && !doc.binary.empty()) {
      Stopwatch t(doc.timings, "rules and specks");
      doc.binary = remove_binary_specks(remove_rules(doc.binary, doc.upright.dpi), doc.upright.dpi);
    }
    // A card is one block of label rows beside a photo: reading it as one
    // uniform block keeps every row, where full layout analysis drops
    // rows it takes for part of the picture.
    // A sheet read only for its text (a searchable PDF) is read as sparse
    // text: layout analysis drops whole table columns of short numbers.
    const Segmentation mode = f.shape == DocumentShape::Card ? Segmentation::Block
                              : fields                       ? Segmentation::Auto
                                                             : Segmentation::Sparse;
    // Fields are read from the cleaned grey image, which Tesseract
    // binarises for its layout analysis while its line recogniser sees the
    // grey: on blurred photos and copies our binarisation thickens and
    // breaks strokes (8 and 6 alike, E in pieces). A text layer is read
    // from the binary.
    const bool on_grey = fields && settings.read_grey;
    {
      Stopwatch t(doc.timings, "ocr");
      auto image_to_read = [&](const DocumentImage& grey, const cv::Mat& binary) {
        return on_grey || binary.empty() ? grey.image : binary;
      };
      doc.words = ocr_.words(image_to_read(doc.upright, doc.binary), mode, doc.upright.dpi);
      // OSD was unsure which end is up and the text reads poorly, or the
      // text reads very poorly whatever OSD said (dense tables upside down
      // fool it): try the other way up and keep the better reading.
      const double read_confidence = mean_word_confidence(doc.words);
      if (settings.orientation && ((!doc.orientation.from_osd && read_confidence < 0.80) || read_confidence < 0.60)) {
        DocumentImage turned = rotate_quarters_ccw(doc.upright, 2);
        cv::Mat turned_binary;
        if (!doc.binary.empty()) cv::rotate(doc.binary, turned_binary, cv::ROTATE_180);
        auto words = ocr_.words(image_to_read(turned, turned_binary), mode, turned.dpi);
        // Blurry pages read poorly both ways: turn only on a clear win.
        if (reading_quality(words) > 1.3 * reading_quality(doc.words) + 5) {
          doc.upright = std::move(turned);
          doc.binary = turned_binary;
          cv::rotate(before_cleanup, before_cleanup, cv::ROTATE_180);
          doc.words = std::move(words);
          doc.orientation.clockwise_degrees = (doc.orientation.clockwise_degrees + 180) % 360;
        }
      }
    }
    if (!fields) {
      out.push_back(std::move(doc));
      continue;
    }
    read_more_of_sheet(doc, on_grey, settings);
    {
      Stopwatch t(doc.timings, "classify");
      doc.classification =
          classify(doc.words, {f.shape == DocumentShape::Card, doc.upright.image.cols > doc.upright.image.rows});
    }
    std::optional<SeparatorCode> separator;
    if (doc.classification.doc_type == "separator" || doc.classification.doc_type == "other") {
      Stopwatch t(doc.timings, "separator code");
      separator = read_separator_code(before_cleanup);
      if (separator) {
        doc.classification = {"separator", 0.99};
        // Its text, read upside down, is read again the right way up.
        if (turn_upright_by_code(doc, *separator))
          doc.words = ocr_.words(on_grey || doc.binary.empty() ? doc.upright.image : doc.binary, mode, doc.upright.dpi);
      }
    }
    {
      Stopwatch t(doc.timings, "extract");
      doc.extraction =
          extract_document_fields(doc.classification.doc_type, doc.words, doc.upright.image, reference_year_, &ocr_);
    }
    if (settings.read_twice && !doc.binary.empty() &&
        !checked_fields_sure(doc.classification.doc_type, doc.extraction)) {
      Stopwatch t(doc.timings, "second reading");
      read_fields_again(doc, mode, !on_grey, settings);
    }
    if (separator) doc.extraction.fields["case_id"] = {separator->case_id, 0.99, separator->box};
    out.push_back(std::move(doc));
  }
  return out;
}

}  // namespace berkas
