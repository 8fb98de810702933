// Reading a scanned register page into rows: the paper found and flattened
// (a photo of a book), turned upright, its ruled grid followed column by
// column, its columns matched to a register template by their widths, and
// each cell read with the OCR settings its column type calls for, then
// checked and repaired by type. A cell that cannot be read with confidence —
// writing by hand included — is marked for review, never guessed.
#pragma once

#include <map>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "rules/register_template.hpp"

namespace berkas {

class OcrEngine;

struct RegisterCellReading {
  std::string value;  // normal form of the column's type ("" for an empty cell)
  std::string text;   // as read
  float confidence = 0;
  bool review = false;  // a person must look at it
  std::string reason;   // why ("written by hand", "not a possible NIK", "low confidence")
  cv::Rect box;         // on the page as stored
};

struct RegisterRowReading {
  int row = 0;                                       // 1-based, top to bottom among the page's filled rows
  std::map<std::string, RegisterCellReading> cells;  // by column name; empty cells included
  cv::Rect box;
};

struct RegisterPageReading {
  std::string register_name;  // the template matched; "" with a problem
  int rotation = 0;           // degrees the page was turned clockwise (0, 90, 180, 270)
  std::vector<RegisterRowReading> rows;
  std::string problem;  // why the page gave no rows ("no ruled table found")
};

class RegisterReader {
 public:
  // registers: the templates to match against (standard_registers()).
  explicit RegisterReader(const std::map<std::string, RegisterTemplate>& registers);
  ~RegisterReader();
  RegisterReader(const RegisterReader&) = delete;
  RegisterReader& operator=(const RegisterReader&) = delete;

  // `page`: the page as stored (grey or BGR); `dpi`: its resolution (0 =
  // unknown); `register_name`: force a template instead of matching one.
  RegisterPageReading read(const cv::Mat& page, double dpi, int reference_year, const std::string& register_name = "");

 private:
  const std::map<std::string, RegisterTemplate>& registers_;
  std::unique_ptr<OcrEngine> ocr_;        // names and free text (Indonesian)
  std::unique_ptr<OcrEngine> codes_ocr_;  // numbers, dates and codes
};

}  // namespace berkas
