#include "eval/check_eval.hpp"

#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cases/case_file.hpp"
#include "check/case_checks.hpp"
#include "core/error.hpp"
#include "rules/program_rules.hpp"

namespace berkas {
namespace {

using json = nlohmann::json;

std::vector<json> read_lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(ErrorCode::NotFound, file.string() + ": cannot be opened");
  std::vector<json> out;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

// The checks on perfect reading: the set's ground truth as read documents.
std::map<std::string, json> results_from_truth(const std::filesystem::path& set) {
  std::map<std::string, std::vector<json>> docs_by_case;
  for (json& t : read_lines(set / "truth.jsonl")) {
    json doc{{"source", t["source"]}, {"page", t["page"]}, {"doc_type", t["doc_type"]}, {"fields", json::object()}};
    auto perfect = [](const json& fields) {
      json out = json::object();
      for (const auto& [name, f] : fields.items())
        out[name] = {{"value", f["value"]}, {"confidence", 1.0}, {"bbox", f["bbox"]}};
      return out;
    };
    doc["fields"] = perfect(t.value("fields", json::object()));
    if (t.contains("tables"))
      for (const auto& [name, rows] : t["tables"].items())
        for (const auto& row : rows) doc["tables"][name].push_back(perfect(row));
    docs_by_case[t.value("case_id", "")].push_back(std::move(doc));
  }
  std::map<std::string, json> out;
  const CaseFile cases = read_case_file(set / "cases.json");
  for (const auto& c : cases.cases) {
    const auto& docs = docs_by_case[c.case_id];
    const auto flags = check_case(c.data, docs, standard_programs().at(c.data["program"].get<std::string>()));
    out[c.case_id] = check_result_json(c.data, docs, flags);
  }
  return out;
}

}  // namespace

CheckScore evaluate_checks(const std::filesystem::path& set, const std::filesystem::path& results) {
  std::map<std::string, json> by_case;
  const bool from_truth = results.empty();
  if (from_truth)
    by_case = results_from_truth(set);
  else
    for (json& r : read_lines(results)) {
      const std::string id = r.value("case_id", "");  // before r is moved from
      by_case[id] = std::move(r);
    }

  CheckScore score;
  for (const json& e : read_lines(set / "expected.jsonl")) {
    const std::string id = e["case_id"];
    auto it = by_case.find(id);
    const json flags = it == by_case.end() ? json::array() : it->second["flags"];
    std::set<std::string> raised, errors;
    for (const auto& f : flags) {
      raised.insert(f["code"].get<std::string>());
      if (f["severity"] == "error") errors.insert(f["code"].get<std::string>());
    }
    if (it == by_case.end()) score.misses.push_back(id + ": no result for this case");
    if (e["problem"].is_null()) {
      ++score.clean_cases;
      const bool variant = e.contains("name_variant");
      score.variant_cases += variant ? 1 : 0;
      if (!errors.empty()) {
        ++score.clean_with_error;
        score.variant_with_error += variant ? 1 : 0;
        std::string codes;
        for (const auto& c : errors) codes += " " + c, ++score.clean_errors_by_code[c];
        score.misses.push_back(id + ": clean" +
                               (variant ? " (name variant: " + e["name_variant"].get<std::string>() + ")" : "") +
                               " but errors:" + codes);
      }
      continue;
    }
    for (const auto& code : e["expected_flags"]) {
      const std::string c = code.get<std::string>();
      if (from_truth && c == "DUPLICATE_CLAIM") continue;  // needs the store
      auto& tally = score.by_code[c];
      ++tally.seeded;
      tally.raised += raised.count(c) ? 1 : 0;
      tally.raised_as_error += errors.count(c) ? 1 : 0;
      if (!raised.count(c)) score.misses.push_back(id + ": seeded " + c + " not raised");
    }
  }
  return score;
}

void print_check_score(const CheckScore& score, std::ostream& out) {
  int seeded = 0, raised = 0, as_error = 0;
  out << std::left << std::setw(26) << "seeded problem" << std::right << std::setw(7) << "cases" << std::setw(9)
      << "raised" << std::setw(10) << "as error\n";
  for (const auto& [code, c] : score.by_code) {
    out << std::left << std::setw(26) << code << std::right << std::setw(7) << c.seeded << std::setw(9) << c.raised
        << std::setw(9) << c.raised_as_error << "\n";
    seeded += c.seeded, raised += c.raised, as_error += c.raised_as_error;
  }
  auto percent = [](int a, int b) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << (b == 0 ? 0.0 : 100.0 * a / b) << "%";
    return s.str();
  };
  out << std::left << std::setw(26) << "all" << std::right << std::setw(7) << seeded << std::setw(9) << raised
      << std::setw(9) << as_error << "\n\n";
  out << "seeded codes raised:        " << raised << "/" << seeded << " = " << percent(raised, seeded)
      << " (as error: " << percent(as_error, seeded) << ")\n";
  out << "clean cases with an error:  " << score.clean_with_error << "/" << score.clean_cases << " = "
      << percent(score.clean_with_error, score.clean_cases) << "\n";
  out << "  of which name variants:   " << score.variant_with_error << "/" << score.variant_cases << " = "
      << percent(score.variant_with_error, score.variant_cases) << "\n";
  if (!score.clean_errors_by_code.empty()) {
    out << "  errors on clean cases by code:";
    for (const auto& [code, n] : score.clean_errors_by_code) out << " " << code << " " << n;
    out << "\n";
  }
}

}  // namespace berkas
