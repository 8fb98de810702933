// The cross-checks of one case against the documents read from its berkas:
// every flag code of shared/contract.md that needs no case store. Used by
// `berkas check` and by `berkas intake` alike.
//
// A value read below the confidence threshold that disagrees with the case
// is not proof of a mismatch: the mismatch is then a warning, and a
// LOW_CONFIDENCE flag asks a verifier to look (an error unless another
// document confirms the case's value). Agreement at any confidence confirms:
// OCR damage rarely turns a value into exactly the one the officer typed.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "check/flag.hpp"
#include "rules/program_rules.hpp"

namespace berkas {

struct CheckSettings {
  double confidence_threshold = 0.9;  // fields read at >= 0.9 were right 99.8% of the time (docs/accuracy.md)
  // Names: the name matcher already forgives OCR damage, so a name it calls
  // another person's is believed from a lower confidence on.
  double name_confidence_threshold = 0.75;
};

// `case_data`: a valid case in the contract's form (see validate_case).
// `documents`: read documents in the form `berkas extract --json` prints.
std::vector<Flag> check_case(const nlohmann::json& case_data, const std::vector<nlohmann::json>& documents,
                             const ProgramRules& rules, const CheckSettings& settings = {});

// The `berkas check` output object: case_id, decision, documents, flags.
nlohmann::json check_result_json(const nlohmann::json& case_data, const std::vector<nlohmann::json>& documents,
                                 const std::vector<Flag>& flags);

// The case field a document field is compared with ("name" ->
// "applicant.name", "amount" -> "claim.amount"); "" when none.
std::string case_path_for_field(const std::string& field);

}  // namespace berkas
