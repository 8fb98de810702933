#include "extract/layout_template.hpp"

#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "extract/text_layout.hpp"

namespace berkas {

LayoutTemplate load_layout_template(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(ErrorCode::NotFound, "layout template " + file.string() + " is missing");
  try {
    const auto j = nlohmann::json::parse(in);
    LayoutTemplate t;
    t.doc_type = j.at("doc_type").get<std::string>();
    for (const auto& f : j.at("fields")) {
      FieldRule r;
      r.field = f.at("field").get<std::string>();
      for (const auto& label : f.at("labels")) r.labels.push_back(label_key(label.get<std::string>()));
      r.kind = f.at("kind").get<std::string>();
      r.date_field = f.value("date_field", "");
      r.keep_label = f.value("keep_label", false);
      r.multiline = f.value("multiline", false);
      r.value_below = f.value("value_below", false);
      r.anywhere = f.value("anywhere", false);
      r.first = f.value("first", false);
      r.after_field = f.value("after_field", "");
      if (r.labels.empty()) throw Error(ErrorCode::InvalidArgument, "field " + r.field + " has no labels");
      t.fields.push_back(std::move(r));
    }
    for (const auto& w : j.value("issuer_words", nlohmann::json::array()))
      t.issuer_words.push_back(w.get<std::string>());
    t.aligned_values = j.value("aligned_values", false);
    for (const auto& f : j.value("row_order", nlohmann::json::array())) t.row_order.push_back(f.get<std::string>());
    return t;
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::InvalidArgument, "layout template " + file.string() + ": " + e.what());
  }
}

const LayoutTemplate& layout_template(const std::string& doc_type) {
  static std::mutex mutex;
  static std::map<std::string, LayoutTemplate> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(doc_type);
  if (it == cache.end())
    it = cache.emplace(doc_type, load_layout_template(templates_dir() / "layouts" / (doc_type + ".json"))).first;
  return it->second;
}

}  // namespace berkas
