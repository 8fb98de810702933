#include "read/document_json.hpp"

#include <cmath>

namespace berkas {

namespace {

double rounded(double v) { return std::round(v * 100) / 100; }

nlohmann::json field_json(const DocumentImage& upright, const FieldMap& fields) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, f] : fields) {
    const cv::Rect box = map_to_page(upright, f.box);
    out[name] = {
        {"value", f.value}, {"confidence", rounded(f.confidence)}, {"bbox", {box.x, box.y, box.width, box.height}}};
  }
  return out;
}

}  // namespace

nlohmann::json document_json(const std::string& source, int page, const ReadDocument& doc, bool with_text) {
  const cv::Rect outline = bounding_box(doc.found.corners);
  nlohmann::json j{{"source", source},
                   {"page", page},
                   {"doc_type", doc.classification.doc_type},
                   {"confidence", std::round(doc.classification.confidence * 100) / 100},
                   {"fields", field_json(doc.upright, doc.extraction.fields)},
                   {"bbox", {outline.x, outline.y, outline.width, outline.height}},
                   {"rotation", std::round(rotation_on_page(doc.upright.to_page) * 10) / 10}};
  if (!doc.extraction.tables.empty()) {
    auto& tables = j["tables"] = nlohmann::json::object();
    for (const auto& [name, rows] : doc.extraction.tables) {
      auto& list = tables[name] = nlohmann::json::array();
      for (const auto& row : rows) list.push_back(field_json(doc.upright, row));
    }
  }
  if (with_text) j["text"] = text_lines(doc.words);
  return j;
}

}  // namespace berkas
