// The checks' side of the store: the cases of a batch, the claims that
// DUPLICATE_CLAIM compares (the first claim of a bill is the original, every
// later one a duplicate), and the flags of each case with its decision.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/connection>
#include <string>
#include <vector>

#include "check/flag.hpp"

namespace berkas {

struct StoredCase {
  long id = 0;
  std::string case_ref;
  nlohmann::json data;  // as typed (contract form)
  std::string status;
};

// The stored cases with these references, in the same order (id 0 when absent).
std::vector<StoredCase> stored_cases(pqxx::connection& conn, const std::vector<std::string>& case_refs);

// Records the case's claim as typed (hospital, bill number, patient, stay,
// amount) and returns a DUPLICATE_CLAIM flag for every claim recorded
// before it of the same hospital and bill number, or of the same NIK with
// an overlapping stay, in another case. Nothing for a case without a claim.
std::vector<Flag> record_claim(pqxx::connection& conn, const StoredCase& c);

// Stores the flags of a case's check unless the open ones are already these
// (then nothing changes), supersedes the old ones, moves the case to clean
// or review while no person has decided on it yet, and audits the change.
// `document_ids[i]` is the store id of the i-th document checked.
// Returns true when something changed.
bool store_check(pqxx::connection& conn, const StoredCase& c, const std::vector<Flag>& flags,
                 const std::vector<long>& document_ids, const std::string& actor);

}  // namespace berkas
