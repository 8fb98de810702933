// Reading the cases an officer typed in: one file, JSON (a case object, an
// array of them, or JSON Lines) or CSV whose header names the fields with
// dots (applicant.nik, care.admission_date, ...). Each case is checked on its
// own; a malformed case is rejected with its id and the field at fault and
// the others still go on.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace berkas {

struct CaseRecord {
  std::string case_id;
  nlohmann::json data;  // the case in the contract's form
};

struct RejectedCase {
  std::string case_id;  // "#3" when the case has no usable id
  std::string field;    // e.g. applicant.nik
  std::string reason;
};

// The case's text at a dotted path ("applicant.nik"), or "" when absent or
// not text.
std::string case_value(const nlohmann::json& c, const std::string& dotted_path);

// "case C-0007 rejected: applicant.nik is missing"
std::string describe(const RejectedCase& r);

struct CaseFile {
  std::vector<CaseRecord> cases;
  std::vector<RejectedCase> rejected;
};

// Throws berkas::Error only when the file as a whole cannot be read.
CaseFile read_case_file(const std::filesystem::path& file);

// Checks one case; returns the first problem found, or nothing.
std::optional<RejectedCase> validate_case(const nlohmann::json& c, size_t position);

}  // namespace berkas
