// Turns the raw text found after a label into the contract's normal form
// (dates YYYY-MM-DD, sex M/F, rt_rw 003/005, closed vocabularies snapped to
// their allowed values, clean upper-case text) with a confidence that
// combines how clearly the words were read with how well the value
// validated. NIK, KK numbers and region names need the other fields of the
// document and are settled in document_fields.cpp.
#pragma once

#include <optional>

#include "extract/extracted_fields.hpp"
#include "extract/labelled_fields.hpp"

namespace berkas {

// Normalises `raw` by `rule.kind` into `fields[rule.field]` (and
// `fields[rule.date_field]` for place_and_date). Nothing is stored when the
// text cannot be a value of that kind.
void normalize_field(const FieldRule& rule, const LabelledValue& raw, int reference_year, FieldMap& fields);

// Confidence of a value read as free text (no validation possible).
double free_text_confidence(double ocr_confidence);

}  // namespace berkas
