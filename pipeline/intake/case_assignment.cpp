#include "intake/case_assignment.hpp"

#include <filesystem>
#include <functional>
#include <map>

#include "check/name_match.hpp"
#include "domain/free_text.hpp"

namespace berkas {
namespace {

using json = nlohmann::json;

std::string field_value(const json& fields, const std::string& name) {
  if (!fields.is_object() || !fields.contains(name) || !fields[name].is_object()) return "";
  return fields[name].value("value", "");
}

std::string doc_field(const json& doc, const std::string& name) {
  return doc.contains("fields") ? field_value(doc["fields"], name) : "";
}

bool names_agree(const std::string& typed, const std::string& printed) {
  return !typed.empty() && !printed.empty() && compare_person_names(typed, printed).verdict != NameVerdict::Different;
}

// How strongly a document points at a case: a number that must match
// exactly counts 3, a name 1. `by` names the strongest signal.
int evidence(const json& doc, const json& c, std::string& by) {
  const std::string type = doc.value("doc_type", "");
  const std::string nik = case_value(c, "applicant.nik");
  int score = 0, best = 0;
  auto add = [&](int points, const char* what) {
    score += points;
    if (points > best) best = points, by = what;
  };
  if (type == "ktp" || type == "sktm") {
    if (!nik.empty() && doc_field(doc, "nik") == nik) add(3, "nik");
    if (names_agree(case_value(c, "applicant.name"), doc_field(doc, "name"))) add(1, "name");
  } else if (type == "kk") {
    const std::string kk = case_value(c, "applicant.kk_number");
    if (!kk.empty() && doc_field(doc, "kk_number") == kk) add(3, "kk_number");
    if (doc.contains("tables") && doc["tables"].contains("members"))
      for (const auto& row : doc["tables"]["members"])
        if (!nik.empty() && field_value(row, "nik") == nik) {
          add(3, "nik");
          break;
        }
    if (names_agree(case_value(c, "applicant.head_name"), doc_field(doc, "head_name"))) add(1, "name");
  } else if (type == "invoice") {
    const std::string number = case_value(c, "claim.invoice_number");
    if (!number.empty() && compact_code(doc_field(doc, "invoice_number")) == compact_code(number))
      add(3, "invoice_number");
    if (names_agree(case_value(c, "applicant.name"), doc_field(doc, "patient_name"))) add(1, "name");
  }
  return score;
}

// Unassigned documents follow the case every assigned document of their
// group (file or folder) went to, when there is exactly one such case.
void follow_group(const std::vector<json>& documents, std::vector<Assignment>& out, const char* by,
                  const std::function<std::string(const json&)>& group_of) {
  std::map<std::string, int> group_case;  // -2: the group went to several cases
  for (size_t i = 0; i < documents.size(); ++i) {
    if (out[i].case_index < 0) continue;
    const std::string g = group_of(documents[i]);
    auto [it, fresh] = group_case.emplace(g, out[i].case_index);
    if (!fresh && it->second != out[i].case_index) it->second = -2;
  }
  for (size_t i = 0; i < documents.size(); ++i) {
    if (out[i].case_index >= 0 || !out[i].reason.empty()) continue;
    auto it = group_case.find(group_of(documents[i]));
    if (it != group_case.end() && it->second >= 0) out[i] = {it->second, by, ""};
  }
}

}  // namespace

std::vector<Assignment> assign_documents(const std::vector<json>& documents, const std::vector<CaseRecord>& cases) {
  std::vector<Assignment> out(documents.size());
  if (cases.size() == 1) {
    for (auto& a : out) a = {0, "single_case", ""};
    return out;
  }
  std::map<std::string, int> case_by_id;
  for (size_t c = 0; c < cases.size(); ++c) case_by_id[cases[c].case_id] = static_cast<int>(c);

  // Separator sheets: from the sheet to the next one, within one file.
  std::string file;
  int current = -1;
  std::string unknown_separator;
  for (size_t i = 0; i < documents.size(); ++i) {
    const json& doc = documents[i];
    if (doc.value("source", "") != file) file = doc.value("source", ""), current = -1, unknown_separator.clear();
    if (doc.value("doc_type", "") == "separator") {
      // A sheet whose code could not be read leaves the documents after it
      // to their content; one naming a case not in this batch holds them back.
      const std::string id = doc_field(doc, "case_id");
      auto it = case_by_id.find(id);
      current = it == case_by_id.end() ? -1 : it->second;
      unknown_separator = it == case_by_id.end() && !id.empty() ? id : "";
    }
    if (current >= 0)
      out[i] = {current, "separator", ""};
    else if (!unknown_separator.empty())
      out[i].reason = "after a separator sheet for case " + unknown_separator + ", which is not in the case file";
  }

  // Content: the case the document's numbers and names point to, if one stands out.
  for (size_t i = 0; i < documents.size(); ++i) {
    if (out[i].case_index >= 0 || !out[i].reason.empty()) continue;
    int best = -1, best_score = 0, runner_up = 0;
    std::string best_by;
    for (size_t c = 0; c < cases.size(); ++c) {
      std::string by;
      const int score = evidence(documents[i], cases[c].data, by);
      if (score > best_score)
        runner_up = best_score, best_score = score, best = static_cast<int>(c), best_by = by;
      else if (score > runner_up)
        runner_up = score;
    }
    if (best >= 0 && best_score > runner_up) out[i] = {best, best_by, ""};
  }

  follow_group(documents, out, "file", [](const json& d) { return d.value("source", ""); });
  follow_group(documents, out, "folder",
               [](const json& d) { return std::filesystem::path(d.value("source", "")).parent_path().string(); });
  for (auto& a : out)
    if (a.case_index < 0 && a.reason.empty())
      a.reason = "no separator sheet, and no NIK, KK number, bill number or name on it matches one case of the batch";
  return out;
}

}  // namespace berkas
