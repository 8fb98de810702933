#include "cases/case_file.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "core/csv.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "rules/program_rules.hpp"

namespace berkas {
namespace {

using nlohmann::json;

std::string id_for_message(const json& c, size_t position) {
  if (c.is_object() && c.contains("case_id") && c["case_id"].is_string() && !c["case_id"].get<std::string>().empty())
    return c["case_id"].get<std::string>();
  return "#" + std::to_string(position + 1);
}

const json* lookup(const json& c, const std::string& dotted) {
  const json* node = &c;
  std::stringstream in(dotted);
  for (std::string part; std::getline(in, part, '.');) {
    if (!node->is_object() || !node->contains(part)) return nullptr;
    node = &(*node)[part];
  }
  return node;
}

// CSV row -> nested JSON; empty cells are absent fields.
json row_to_case(const std::vector<std::string>& header, const std::vector<std::string>& row) {
  json c = json::object();
  for (size_t i = 0; i < header.size() && i < row.size(); ++i) {
    if (row[i].empty()) continue;
    json* node = &c;
    std::stringstream in(header[i]);
    std::vector<std::string> parts;
    for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
    for (size_t k = 0; k + 1 < parts.size(); ++k) node = &(*node)[parts[k]];
    (*node)[parts.back()] = row[i];
  }
  return c;
}

std::vector<json> parse_cases(const std::filesystem::path& file, const std::string& text,
                              std::vector<RejectedCase>& rejected) {
  std::vector<json> out;
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) throw Error(ErrorCode::CorruptInput, file.string() + ": the case file is empty");
  if (text[first] == '{' || text[first] == '[') {
    std::string whole_error;
    try {
      json j = json::parse(text);
      if (j.is_array()) return j.get<std::vector<json>>();
      out.push_back(std::move(j));
      return out;
    } catch (const json::parse_error& e) {
      whole_error = e.what();
    }
    // An array that does not parse cannot be split into its cases.
    if (text[first] == '[')
      throw Error(ErrorCode::CorruptInput, file.string() + ": not valid JSON (" + whole_error + ")");
    // JSON Lines, one case per line: a broken line is one rejected case.
    std::istringstream in(text);
    size_t line_no = 0;
    std::vector<RejectedCase> broken;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      try {
        out.push_back(json::parse(line));
      } catch (const json::parse_error& e) {
        broken.push_back(
            {"on line " + std::to_string(line_no), "", "is not valid JSON (" + std::string(e.what()) + ")"});
      }
    }
    if (out.empty()) throw Error(ErrorCode::CorruptInput, file.string() + ": not valid JSON (" + whole_error + ")");
    rejected.insert(rejected.end(), broken.begin(), broken.end());
    return out;
  }
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  if (std::find(header.begin(), header.end(), "case_id") == header.end())
    throw Error(ErrorCode::CorruptInput, file.string() + ": neither JSON nor a CSV with a case_id column");
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t\r,") != std::string::npos) out.push_back(row_to_case(header, split_csv_line(line)));
  return out;
}

}  // namespace

std::optional<RejectedCase> validate_case(const json& c, size_t position) {
  const std::string id = id_for_message(c, position);
  auto reject = [&](const std::string& field, const std::string& reason) {
    return std::optional<RejectedCase>(RejectedCase{id, field, reason});
  };
  if (!c.is_object()) return reject("", "a case must be a JSON object");
  auto text = [&](const std::string& field) -> std::optional<std::string> {
    const json* v = lookup(c, field);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_string()) return std::string("\x01");  // marker: present but not text
    return v->get<std::string>();
  };
  auto required_text = [&](const std::string& field) -> std::optional<RejectedCase> {
    auto v = text(field);
    if (!v || v->empty()) return reject(field, "is missing");
    if (*v == "\x01") return reject(field, "must be text");
    return std::nullopt;
  };
  for (const char* field : {"case_id", "program", "stage", "received_date", "applicant.nik", "applicant.name"})
    if (auto r = required_text(field)) return r;
  const auto& programs = standard_programs();
  const std::string program = *text("program"), stage = *text("stage");
  auto it = programs.find(program);
  if (it == programs.end()) {
    std::string known;
    for (const auto& [name, _] : programs) known += (known.empty() ? "" : ", ") + name;
    return reject("program", "unknown programme '" + program + "' (known: " + known + ")");
  }
  if (stage != "application" && stage != "claim")
    return reject("stage", "must be application or claim, not '" + stage + "'");
  if (!it->second.has_stage(stage)) return reject("stage", "programme " + program + " has no " + stage + " stage");
  for (const char* field : {"received_date", "applicant.birth_date", "care.admission_date", "care.discharge_date",
                            "claim.submitted_date"}) {
    auto v = text(field);
    if (!v) continue;
    if (*v == "\x01" || !parse_iso_date(*v))
      return reject(field,
                    "is not a real date as YYYY-MM-DD ('" + (*v == "\x01" ? std::string("not text") : *v) + "')");
  }
  if (auto sex = text("applicant.sex"); sex && *sex != "M" && *sex != "F")
    return reject("applicant.sex", "must be M or F");
  const auto admission = text("care.admission_date"), discharge = text("care.discharge_date");
  if (admission && discharge && *discharge < *admission)
    return reject("care.discharge_date", "is before the admission date");
  if (auto amount = text("claim.amount")) {
    if (*amount == "\x01" || amount->empty() || amount->find_first_not_of("0123456789") != std::string::npos)
      return reject("claim.amount", "must be whole rupiah as digits");
  }
  if (stage == "claim")
    for (const char* field : {"care.admission_date", "care.discharge_date", "claim.invoice_number", "claim.amount"})
      if (auto r = required_text(field)) return r;
  return std::nullopt;
}

std::string case_value(const json& c, const std::string& dotted_path) {
  const json* v = lookup(c, dotted_path);
  return v != nullptr && v->is_string() ? v->get<std::string>() : "";
}

std::string describe(const RejectedCase& r) {
  return "case " + r.case_id + " rejected: " + (r.field.empty() ? "" : r.field + " ") + r.reason;
}

CaseFile read_case_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorCode::NotFound, file.string() + ": cannot open the case file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  CaseFile out;
  const auto cases = parse_cases(file, buffer.str(), out.rejected);
  std::set<std::string> seen;
  for (size_t i = 0; i < cases.size(); ++i) {
    if (auto problem = validate_case(cases[i], i)) {
      out.rejected.push_back(*problem);
      continue;
    }
    const std::string id = cases[i]["case_id"].get<std::string>();
    if (!seen.insert(id).second) {
      out.rejected.push_back({id, "case_id", "appears more than once in the file"});
      continue;
    }
    out.cases.push_back({id, cases[i]});
  }
  return out;
}

}  // namespace berkas
