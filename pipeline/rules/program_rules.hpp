// Programme rules read from templates/programs/<program>.json: which
// documents each stage requires, the SKTM validity window, the claim
// deadline, the approval chain. Offices change these files, not code.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace berkas {

struct RequiredDocument {
  std::string doc_type;  // ktp, kk, sktm, invoice, other
  std::string title;     // for "other": the letter's title, e.g. SURAT RUJUKAN
};

// Who pays a claim, as shares of 1 (Jamsoskes: the province 60%, the
// district 40%).
struct CostShare {
  double province = 0;
  double district = 0;
};

struct ProgramRules {
  std::string program;
  std::string title;
  std::map<std::string, std::vector<RequiredDocument>> stages;  // application, claim
  int sktm_validity_days = 180;
  int claim_deadline_days = 90;
  // The SOP's standard time to finish a berkas, in working days (Monday to
  // Friday); the review queue marks cases waiting longer as overdue.
  int service_working_days = 2;
  std::vector<std::string> approval_chain;
  // The letter issued once a stage's approvals are complete, by stage
  // (templates/letters/<kind>.json); none for a stage not listed.
  std::map<std::string, std::string> letters;
  std::optional<CostShare> cost_share;  // none: the programme's own budget pays all
  bool has_stage(const std::string& stage) const { return stages.count(stage) > 0; }
};

// Loads one programme file; throws berkas::Error naming the file and field.
ProgramRules load_program_rules(const std::filesystem::path& file);
// Every programme in templates_dir()/programs, by name.
const std::map<std::string, ProgramRules>& standard_programs();

}  // namespace berkas
