#include "rules/program_rules.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace berkas {

ProgramRules load_program_rules(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(ErrorCode::NotFound, file.string() + ": cannot be opened");
  ProgramRules rules;
  try {
    const auto j = nlohmann::json::parse(in);
    rules.program = j.at("program").get<std::string>();
    rules.title = j.value("title", rules.program);
    for (const auto& [stage, docs] : j.at("stages").items())
      for (const auto& d : docs)
        rules.stages[stage].push_back({d.at("doc_type").get<std::string>(), d.value("title", "")});
    rules.sktm_validity_days = j.value("sktm_validity_days", 180);
    rules.claim_deadline_days = j.value("claim_deadline_days", 90);
    rules.service_working_days = j.value("service_working_days", 2);
    rules.approval_chain = j.value("approval_chain", std::vector<std::string>{});
    rules.letters = j.value("letters", std::map<std::string, std::string>{});
    if (j.contains("cost_share") && !j["cost_share"].is_null()) {
      const auto& share = j["cost_share"];
      rules.cost_share = CostShare{share.at("province").get<double>(), share.at("district").get<double>()};
      const double sum = rules.cost_share->province + rules.cost_share->district;
      if (rules.cost_share->province < 0 || rules.cost_share->district < 0 || sum < 0.999 || sum > 1.001)
        throw Error(ErrorCode::CorruptInput, file.string() + ": cost_share must be two shares that add up to 1");
    }
    if (rules.sktm_validity_days <= 0 || rules.claim_deadline_days <= 0 || rules.service_working_days <= 0)
      throw Error(ErrorCode::CorruptInput, file.string() +
                                               ": sktm_validity_days, claim_deadline_days and service_working_days "
                                               "must be positive");
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::CorruptInput, file.string() + ": " + e.what());
  }
  return rules;
}

const std::map<std::string, ProgramRules>& standard_programs() {
  static const std::map<std::string, ProgramRules> programs = [] {
    std::map<std::string, ProgramRules> out;
    const auto dir = templates_dir() / "programs";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.path().extension() == ".json") {
        ProgramRules r = load_program_rules(entry.path());
        out.emplace(r.program, std::move(r));
      }
    if (out.empty()) throw Error(ErrorCode::NotFound, "no programme rules in " + dir.string());
    return out;
  }();
  return programs;
}

}  // namespace berkas
