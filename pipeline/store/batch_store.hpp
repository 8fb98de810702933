// Taking a batch into the store: every file's original bytes (kept once per
// content hash, never altered, also when the file is not a readable scan)
// and the cases as typed, with an audit entry for every case created or
// changed. Taking in the same batch again finds it and changes nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <pqxx/connection>
#include <pqxx/transaction>
#include <string>
#include <vector>

#include "cases/case_file.hpp"
#include "image/media_type.hpp"
#include "intake/input_files.hpp"

namespace berkas {

struct StoredFile {
  std::string name;
  std::filesystem::path path;  // where it was read from
  std::string sha256;
  MediaType media_type = MediaType::Unknown;
  uint64_t size_bytes = 0;
  std::string problem;  // why the file is kept as rejected; empty when fine
  bool new_content = false;
};

struct UnreadableFile {
  std::string name;
  std::string reason;
};

struct CaseCounts {
  int cases_new = 0, cases_changed = 0, cases_unchanged = 0;
};

struct BatchOutcome : CaseCounts {
  long batch_id = 0;
  bool repeated = false;  // this exact batch had been taken in before
  std::vector<StoredFile> files;
  std::vector<UnreadableFile> unreadable;  // could not be read from disk at all
};

struct BatchLimits {
  uint64_t max_file_bytes = 512ull << 20;  // PostgreSQL bytea tops out at 1 GiB
};

BatchOutcome store_batch(pqxx::connection& conn, const std::string& label, const std::string& actor,
                         const std::vector<InputFile>& files, const std::vector<CaseRecord>& cases,
                         const BatchLimits& limits = {});

// Creates or updates cases as typed (each change audited) inside the
// caller's transaction, and links them to the batch unless batch_id is 0.
void store_cases(pqxx::work& txn, const std::vector<CaseRecord>& cases, long batch_id, const std::string& actor,
                 CaseCounts& counts);

// Links cases entered before to a batch, so the batch is checked against
// them; references no case has are ignored (callers check them first).
void link_cases(pqxx::connection& conn, long batch_id, const std::vector<std::string>& case_refs);

}  // namespace berkas
