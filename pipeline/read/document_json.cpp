#include "read/document_json.hpp"

#include <cmath>

namespace berkas {

nlohmann::json document_json(const std::string& source, int page, const ReadDocument& doc) {
  const cv::Rect outline = bounding_box(doc.found.corners);
  nlohmann::json j{{"source", source},
                   {"page", page},
                   {"doc_type", doc.classification.doc_type},
                   {"confidence", std::round(doc.classification.confidence * 100) / 100},
                   {"fields", nlohmann::json::object()},
                   {"bbox", {outline.x, outline.y, outline.width, outline.height}},
                   {"rotation", std::round(rotation_on_page(doc.upright.to_page) * 10) / 10}};
  return j;
}

}  // namespace berkas
