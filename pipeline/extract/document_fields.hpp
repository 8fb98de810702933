// Field extraction for one read document: picks the extractor for its type
// (label rows for KTP and SKTM, header labels plus the member table for KK,
// hospital-bill templates for invoices, the title of other letters) and
// settles the values that depend on each other: a NIK against the printed
// birth date and sex, region names against the NIK's or KK number's region
// code.
#pragma once

#include <string>
#include <vector>

#include "extract/extracted_fields.hpp"
#include "ocr/ocr_engine.hpp"

namespace berkas {

// `words`: as read on the upright document; `upright_gray`: that image
// (ruling lines of tables are found on it); `reference_year`: resolves
// two-digit years (the latest century not after it); `engine`, when given,
// re-reads single lines (a NIK that does not validate) on `upright_gray`.
Extraction extract_document_fields(const std::string& doc_type, const std::vector<OcrWord>& words,
                                   const cv::Mat& upright_gray, int reference_year, OcrEngine* engine = nullptr);

}  // namespace berkas
