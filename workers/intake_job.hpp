// `berkas intake`, the main batch job: store every file and case of a batch,
// read the scans on the parallel pipeline (pages go to the store as they are
// read), give each document to its case, check every case, record claims and
// flags. Running it again on the same batch changes nothing; a run that was
// cut short picks up the files it had not finished. Cases whose approval
// chain has been completed since get their programme's letter.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <pqxx/connection>
#include <string>
#include <vector>

#include "cases/case_file.hpp"
#include "check/case_checks.hpp"
#include "intake/input_files.hpp"
#include "store/batch_store.hpp"
#include "store/check_store.hpp"
#include "workers/extract_pipeline.hpp"

namespace berkas {

struct IntakeOptions {
  std::string label;  // the batch's name
  std::string actor;  // who ran it, for the audit log
  ExtractOptions reading;
  CheckSettings checks;
};

struct UnassignedDocument {
  std::string source;
  int page = 0;
  std::string doc_type;
  std::string reason;
};

struct IssuedOnIntake {
  std::string case_ref, number;
  long letter_id = 0;
};

struct IntakeResult {
  BatchOutcome batch;
  bool already_complete = false;      // the batch had been taken in and read before
  ExtractSummary reading;             // this run's reading (nothing when already complete)
  std::vector<nlohmann::json> cases;  // per case: the `berkas check` object plus "status"
  std::vector<UnassignedDocument> unassigned;
  int cases_changed = 0;                // cases whose flags or status this run changed
  std::vector<IssuedOnIntake> letters;  // issued this run for cases whose approvals were complete
};

// Checks a stored case against all of its documents and stores the flags
// (`changed`: whether its flags or status changed); returns the `berkas
// check` object plus program, stage and status.
nlohmann::json check_stored_case(pqxx::connection& conn, const StoredCase& c, const CheckSettings& settings,
                                 const std::string& actor, bool& changed);

// The cases of a stored batch: those taken in with it and those its
// separator sheets name.
std::vector<CaseRecord> batch_cases(pqxx::connection& conn, long batch_id);

// The second half of an intake, once every page of the batch is read: give
// each document its case, check every case, record claims and flags, issue
// the letters that are due, and mark the batch complete. Fills `result`'s
// cases, unassigned, cases_changed and letters.
void settle_batch(pqxx::connection& conn, long batch_id, const std::vector<CaseRecord>& cases,
                  const IntakeOptions& options, IntakeResult& result, std::ostream& errors);

// Problems with single files or pages go to `errors`, one line each,
// prefixed with "berkas intake"; the batch goes on.
IntakeResult run_intake(pqxx::connection& conn, const std::vector<InputFile>& files,
                        const std::vector<CaseRecord>& cases, const IntakeOptions& options, std::ostream& errors);

}  // namespace berkas
