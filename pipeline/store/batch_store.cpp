#include "store/batch_store.hpp"

#include <fstream>
#include <pqxx/pqxx>

#include "core/error.hpp"
#include "core/sha256.hpp"

namespace berkas {
namespace {

// Reads a whole file, or says why it cannot.
bool read_file(const InputFile& f, uint64_t max_bytes, std::vector<uint8_t>& bytes, std::string& why) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(f.path, ec);
  if (ec) {
    why = "cannot read: " + ec.message();
    return false;
  }
  if (size > max_bytes) {
    why =
        "too large (" + std::to_string(size >> 20) + " MiB; the limit is " + std::to_string(max_bytes >> 20) + " MiB)";
    return false;
  }
  std::ifstream in(f.path, std::ios::binary);
  bytes.resize(size);
  if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
    why = "cannot read: input/output error";
    return false;
  }
  return true;
}

std::string problem_for(MediaType type, uint64_t size) {
  if (size == 0) return "empty file (0 bytes)";
  if (type == MediaType::Unknown) return "not a scan: the content is not PNG, JPEG, TIFF or PDF";
  return "";
}

}  // namespace

void store_cases(pqxx::work& txn, const std::vector<CaseRecord>& cases, long batch_id, const std::string& actor,
                 CaseCounts& counts) {
  for (const auto& c : cases) {
    const std::string data = c.data.dump();
    auto row = txn.exec_params("SELECT data::text FROM cases WHERE case_ref = $1", c.case_id);
    if (row.empty()) {
      txn.exec_params(
          "INSERT INTO cases (case_ref, program, stage, received_date, data, batch_id) VALUES ($1, $2, $3, $4, "
          "$5::jsonb, NULLIF($6, '')::bigint)",
          c.case_id, c.data["program"].get<std::string>(), c.data["stage"].get<std::string>(),
          c.data["received_date"].get<std::string>(), data, batch_id == 0 ? std::string() : std::to_string(batch_id));
      txn.exec_params(
          "INSERT INTO audit_log (actor, action, entity, entity_id, after) VALUES ($1, 'case.create', 'case', $2, "
          "$3::jsonb)",
          actor, c.case_id, data);
      ++counts.cases_new;
    } else if (nlohmann::json::parse(row[0][0].c_str()) != c.data) {
      txn.exec_params(
          "UPDATE cases SET program = $2, stage = $3, received_date = $4, data = $5::jsonb, updated_at = now() WHERE "
          "case_ref = $1",
          c.case_id, c.data["program"].get<std::string>(), c.data["stage"].get<std::string>(),
          c.data["received_date"].get<std::string>(), data);
      txn.exec_params(
          "INSERT INTO audit_log (actor, action, entity, entity_id, before, after) VALUES ($1, 'case.update', "
          "'case', $2, $3::jsonb, $4::jsonb)",
          actor, c.case_id, row[0][0].c_str(), data);
      ++counts.cases_changed;
    } else {
      ++counts.cases_unchanged;
    }
  }
  if (batch_id != 0)
    for (const auto& c : cases)
      txn.exec_params(
          "INSERT INTO batch_cases (batch_id, case_id) SELECT $1, id FROM cases WHERE case_ref = $2 "
          "ON CONFLICT DO NOTHING",
          batch_id, c.case_id);
}

BatchOutcome store_batch(pqxx::connection& conn, const std::string& label, const std::string& actor,
                         const std::vector<InputFile>& files, const std::vector<CaseRecord>& cases,
                         const BatchLimits& limits) {
  BatchOutcome out;
  // First pass: hash every readable file, so the batch's fingerprint is known
  // before anything is written (files are read again when stored, which keeps
  // memory to one file at a time).
  std::string fingerprint_source;
  std::vector<const InputFile*> readable;
  for (const auto& f : files) {
    std::vector<uint8_t> bytes;
    std::string why;
    if (!read_file(f, limits.max_file_bytes, bytes, why)) {
      out.unreadable.push_back({f.name, why});
      continue;
    }
    StoredFile s;
    s.name = f.name;
    s.path = f.path;
    s.sha256 = sha256_hex(bytes);
    s.size_bytes = bytes.size();
    s.media_type = sniff_media_type(bytes);
    s.problem = problem_for(s.media_type, s.size_bytes);
    fingerprint_source += s.name + '\0' + s.sha256 + '\n';
    out.files.push_back(std::move(s));
    readable.push_back(&f);
  }
  for (const auto& c : cases) fingerprint_source += c.data.dump() + '\n';
  const std::string fingerprint =
      sha256_hex({reinterpret_cast<const uint8_t*>(fingerprint_source.data()), fingerprint_source.size()});

  try {
    pqxx::work txn(conn);
    auto existing = txn.exec_params("SELECT id FROM batches WHERE fingerprint = $1", fingerprint);
    if (!existing.empty()) {
      out.batch_id = existing[0][0].as<long>();
      out.repeated = true;
      out.cases_unchanged = static_cast<int>(cases.size());
      txn.commit();
      return out;
    }
    out.batch_id = txn.exec_params1("INSERT INTO batches (label, source, fingerprint) VALUES ($1, $2, $3) RETURNING id",
                                    label, actor, fingerprint)[0]
                       .as<long>();
    for (size_t i = 0; i < out.files.size(); ++i) {
      StoredFile& s = out.files[i];
      std::vector<uint8_t> bytes;
      std::string why;
      if (!read_file(*readable[i], limits.max_file_bytes, bytes, why) || sha256_hex(bytes) != s.sha256)
        throw Error(ErrorCode::Io, s.name + ": changed while it was being taken in; run again");
      const pqxx::binarystring content(bytes.data(), bytes.size());
      s.new_content = !txn.exec_params(
                              "INSERT INTO file_contents (sha256, size_bytes, content) VALUES ($1, $2, $3) "
                              "ON CONFLICT (sha256) DO NOTHING RETURNING sha256",
                              s.sha256, static_cast<long long>(s.size_bytes), content)
                           .empty();
      txn.exec_params(
          "INSERT INTO source_files (batch_id, file_name, sha256, media_type, status, problem) "
          "VALUES ($1, $2, $3, $4, $5, NULLIF($6, '')) ON CONFLICT (batch_id, sha256) DO NOTHING",
          out.batch_id, s.name, s.sha256, std::string(to_string(s.media_type)),
          s.problem.empty() ? "stored" : "rejected", s.problem);
    }
    store_cases(txn, cases, out.batch_id, actor, out);
    txn.commit();
  } catch (const pqxx::failure& e) {
    throw Error(ErrorCode::Database, std::string("storing the batch failed: ") + e.what());
  }
  return out;
}

}  // namespace berkas

namespace berkas {

void link_cases(pqxx::connection& conn, long batch_id, const std::vector<std::string>& case_refs) {
  pqxx::work txn(conn);
  for (const auto& ref : case_refs)
    txn.exec_params(
        "INSERT INTO batch_cases (batch_id, case_id) SELECT $1, id FROM cases WHERE case_ref = $2 "
        "ON CONFLICT DO NOTHING",
        batch_id, ref);
  txn.commit();
}

}  // namespace berkas
