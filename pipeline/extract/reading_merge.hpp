// Two readings of one document merged field by field. berkas reads a
// document whose checked fields came out missing or unsure a second time,
// from the other image (the binary when the first was the grey): the two
// err in different places, so a value both read alike is surer than
// either, and where they differ the surer one is kept, less sure.
#pragma once

#include <string>

#include "extract/extracted_fields.hpp"

namespace berkas {

// One field: either reading may lack it (null).
FieldValue merge_field(const FieldValue* first, const FieldValue* second);

// Fields merged one by one; a table's rows merged one by one when both
// readings found as many rows, else the table read with more certainty kept.
Extraction merge_readings(const Extraction& first, const Extraction& second);

// Whether the fields the case checks compare (NIK, name, dates, amounts,
// the KK's member NIKs) came out of a reading of a `doc_type` all found and
// sure enough not to read the document again.
bool checked_fields_sure(const std::string& doc_type, const Extraction& extraction);

}  // namespace berkas
