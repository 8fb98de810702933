#include "check/flag.hpp"

#include <algorithm>

namespace berkas {

nlohmann::json flag_json(const Flag& flag) {
  nlohmann::json j{{"code", flag.code}, {"severity", flag.severity}, {"doc_type", flag.doc_type}};
  if (!flag.source.empty()) j["source"] = flag.source;
  if (flag.page > 0) j["page"] = flag.page;
  if (!flag.field.empty()) j["field"] = flag.field;
  j["expected"] = flag.expected;
  j["found"] = flag.found;
  j["message"] = flag.message;
  if (flag.has_bbox) j["bbox"] = flag.bbox;
  return j;
}

std::string decision_for(const std::vector<Flag>& flags) {
  const bool any_error = std::any_of(flags.begin(), flags.end(), [](const Flag& f) { return f.severity == "error"; });
  return any_error ? "review" : "clean";
}

}  // namespace berkas
