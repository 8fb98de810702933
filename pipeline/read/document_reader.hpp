// Reading one page: find its documents, then for each one cut it out and
// flatten it, turn it upright, straighten it, clean it, recognise its words
// and classify it. Each cleanup step is timed and can be switched off.
#pragma once

#include <string>
#include <vector>

#include "classify/classifier.hpp"
#include "clean/document_finder.hpp"
#include "clean/document_image.hpp"
#include "clean/orientation.hpp"
#include "extract/extracted_fields.hpp"
#include "ocr/ocr_engine.hpp"

namespace berkas {

struct CleanupSettings {
  bool orientation = true;
  bool deskew = true;
  bool flatten_illumination = true;
  bool remove_speckle = true;
  bool stretch_contrast = true;
  bool binarize = true;
  // Take out ruled lines and isolated specks before reading (running text
  // in tables). Field extraction finds tables by their rules, so it keeps them.
  bool remove_rules = false;
  // Read the many-column tables of a sheet (a KK's member tables) again on
  // their own, without their rules: values there sit close to the rules,
  // which Tesseract reads as letters glued to them ("JANDI" for "ANDI").
  // Only the tables: taking the rules out of the whole page changes how
  // Tesseract lays out the text around them, and loses some of it.
  bool remove_table_rules = true;
  // Read on their own the places of a sheet with ink that no word covers:
  // layout analysis skips blocks it takes for pictures, such as a letter's
  // signature block with its place and date among stamp and signature.
  bool read_unread_ink = true;
  // For fields, Tesseract reads the cleaned grey image rather than the
  // binary (which still finds tables, rules and unread ink); see
  // docs/reading-pipeline.md.
  bool read_grey = true;
  // A document whose checked fields (NIK, name, dates, amounts) came out
  // missing or unsure is read again from the other image (the binary after
  // the grey) and the two readings merged field by field.
  bool read_twice = true;
};

struct StepTime {
  std::string step;
  double milliseconds;
};

struct ReadDocument {
  FoundDocument found;
  DocumentImage upright;  // upright and straight; grey after cleanup
  cv::Mat binary;         // black and white (empty when binarisation is off); Tesseract reads it for a text layer
  OrientationResult orientation;
  double skew_degrees = 0;
  std::vector<OcrWord> words;  // boxes in `upright` pixels
  Classification classification;
  Extraction extraction;  // boxes in `upright` pixels
  std::vector<StepTime> timings;
};

// One per worker thread: owns that thread's Tesseract engines.
class DocumentReader {
 public:
  DocumentReader();
  // Every document on the page, found, cleaned, read, classified and its fields extracted.
  std::vector<ReadDocument> read_page(const cv::Mat& page, double dpi, const CleanupSettings& settings = {});
  // The same up to the words (no classification, no fields): the text of a
  // page for a searchable PDF.
  std::vector<ReadDocument> read_page_text(const cv::Mat& page, double dpi, const CleanupSettings& settings = {});
  OcrEngine& ocr() { return ocr_; }

 private:
  std::vector<ReadDocument> read(const cv::Mat& page, double dpi, const CleanupSettings& settings, bool fields);
  // A sheet's tables read again without their rules, and its unread ink read.
  void read_more_of_sheet(ReadDocument& doc, bool on_grey, const CleanupSettings& settings);
  // The second reading of a document's fields (see CleanupSettings::read_twice).
  void read_fields_again(ReadDocument& doc, Segmentation mode, bool on_grey, const CleanupSettings& settings);
  // The words inside a sheet's many-column ruled tables, read again without the rules.
  void read_tables_again(ReadDocument& doc, bool on_grey);
  // Words in the places with ink that the page reading left out.
  void read_unread_ink(ReadDocument& doc, bool on_grey);

  OcrEngine ocr_;
  OrientationDetector osd_;
  int reference_year_;  // two-digit years on documents are not after this one
};

}  // namespace berkas
