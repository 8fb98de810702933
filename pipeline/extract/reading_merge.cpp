#include "extract/reading_merge.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace berkas {
namespace {

// The fields of each document type that check/case_checks.cpp compares
// with the case (the invoice number only looks for earlier claims).
const std::map<std::string, std::vector<std::string>>& checked_fields() {
  static const std::map<std::string, std::vector<std::string>> fields = {
      {"ktp", {"nik", "name", "birth_date", "sex"}},
      {"kk", {"kk_number", "head_name"}},
      {"sktm", {"nik", "name", "issue_date"}},
      {"invoice", {"patient_name", "admission_date", "discharge_date", "total_amount"}},
  };
  return fields;
}

// Below these a value is unsure enough to read again. A name's confidence
// rarely reaches 0.9 even when right (one damaged letter in twenty costs
// it); the checks believe a name from 0.75 on.
constexpr double kSureValue = 0.8;
constexpr double kSureName = 0.75;

bool is_name(const std::string& field) { return field == "name" || field == "patient_name" || field == "head_name"; }

const FieldValue* find(const FieldMap& fields, const std::string& name) {
  const auto it = fields.find(name);
  return it == fields.end() ? nullptr : &it->second;
}

FieldMap merge_maps(const FieldMap& first, const FieldMap& second) {
  FieldMap merged;
  for (const auto& [name, value] : first) merged[name] = merge_field(&value, find(second, name));
  for (const auto& [name, value] : second)
    if (!first.count(name)) merged[name] = value;
  return merged;
}

double certainty(const std::vector<FieldMap>& rows) {
  double sum = 0;
  for (const auto& row : rows)
    for (const auto& [name, value] : row) sum += value.confidence;
  return sum;
}

}  // namespace

FieldValue merge_field(const FieldValue* first, const FieldValue* second) {
  if (!first || !second) return first ? *first : second ? *second : FieldValue{};
  const FieldValue& surer = first->confidence >= second->confidence ? *first : *second;
  const FieldValue& other = &surer == first ? *second : *first;
  FieldValue merged = surer;
  if (first->value == second->value) {
    // Not independent readings (one page, one recogniser): half the doubt
    // the less sure one leaves is taken away, no more.
    merged.confidence = std::min(0.99, surer.confidence + 0.5 * (1 - surer.confidence) * other.confidence);
  } else {
    merged.confidence = surer.confidence * (1 - 0.5 * other.confidence);
  }
  return merged;
}

Extraction merge_readings(const Extraction& first, const Extraction& second) {
  Extraction merged;
  merged.fields = merge_maps(first.fields, second.fields);
  for (const auto& [name, rows] : first.tables) {
    const auto other = second.tables.find(name);
    if (other == second.tables.end()) {
      merged.tables[name] = rows;
    } else if (other->second.size() == rows.size()) {
      auto& out = merged.tables[name];
      for (size_t i = 0; i < rows.size(); ++i) out.push_back(merge_maps(rows[i], other->second[i]));
    } else {
      merged.tables[name] = certainty(rows) >= certainty(other->second) ? rows : other->second;
    }
  }
  for (const auto& [name, rows] : second.tables)
    if (!first.tables.count(name)) merged.tables[name] = rows;
  return merged;
}

bool checked_fields_sure(const std::string& doc_type, const Extraction& extraction) {
  const auto wanted = checked_fields().find(doc_type);
  if (wanted == checked_fields().end()) return true;
  for (const auto& name : wanted->second) {
    const FieldValue* value = find(extraction.fields, name);
    if (!value || value->confidence < (is_name(name) ? kSureName : kSureValue)) return false;
  }
  if (doc_type == "kk") {
    const auto members = extraction.tables.find("members");
    if (members == extraction.tables.end() || members->second.empty()) return false;
    for (const auto& row : members->second) {
      const FieldValue* nik = find(row, "nik");
      if (!nik || nik->confidence < kSureValue) return false;
    }
  }
  return true;
}

}  // namespace berkas
