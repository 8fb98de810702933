// A read document in the contract's JSON form (`berkas extract --json`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "read/document_reader.hpp"

namespace berkas {

// {"source", "page", "doc_type", "confidence", "fields", ...} plus "bbox"
// (the document's outline on the page as stored) and "rotation" (degrees
// counter-clockwise its "up" is turned on the page). With `with_text`,
// also "text": the recognised lines in reading order.
nlohmann::json document_json(const std::string& source, int page, const ReadDocument& doc, bool with_text = false);

}  // namespace berkas
