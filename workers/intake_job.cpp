#include "workers/intake_job.hpp"

#include <map>
#include <pqxx/pqxx>

#include "core/error.hpp"
#include "intake/case_assignment.hpp"
#include "letters/letter_issuer.hpp"
#include "rules/program_rules.hpp"
#include "store/check_store.hpp"
#include "store/reading_store.hpp"

namespace berkas {
namespace {

bool batch_complete(pqxx::connection& conn, long batch_id) {
  pqxx::read_transaction txn(conn);
  return !txn.exec_params1("SELECT completed_at FROM batches WHERE id = $1", batch_id)[0].is_null();
}

void mark_complete(pqxx::connection& conn, long batch_id) {
  pqxx::work txn(conn);
  txn.exec_params("UPDATE batches SET completed_at = now() WHERE id = $1 AND completed_at IS NULL", batch_id);
  txn.commit();
}

// Reads the files the store has not finished and stores page by page.
ExtractSummary read_batch(pqxx::connection& conn, long batch_id, const BatchOutcome& batch,
                          const ExtractOptions& options, std::ostream& errors) {
  // By content: two files may share a name (x.jpg in two folders), never a hash.
  std::map<std::string, const StoredFile*> by_hash;
  for (const auto& f : batch.files) by_hash[f.sha256] = &f;
  std::vector<InputFile> to_read;
  std::vector<long> ids;
  for (const auto& f : files_to_read(conn, batch_id)) {
    auto it = by_hash.find(f.sha256);
    if (it == by_hash.end()) continue;  // stored by an earlier run from a file not given now
    to_read.push_back({it->second->path, f.name});
    ids.push_back(f.source_file_id);
  }
  // The store keeps each document's lines too, for full-text search.
  ExtractOptions reading = options;
  reading.with_text = true;
  long open_file = -1;
  auto summary = read_scans(to_read, reading, [&](PageOutcome&& page) {
    const long id = ids[page.file];
    if (open_file >= 0 && open_file != id) finish_file(conn, open_file, "");
    open_file = -1;
    const std::string& name = to_read[page.file].name;
    if (page.file_failed) {
      errors << "berkas intake: " << name << ": " << page.error << "\n";
      finish_file(conn, id, page.error);
      return;
    }
    if (!page.error.empty())
      errors << "berkas intake: " << name << ": page " << page.page << ": " << page.error << "\n";
    for (auto& doc : page.documents) doc["source"] = name;
    store_page(conn, id, page.page, page.error, page.width, page.height, page.milliseconds, page.documents);
    open_file = id;
  });
  if (open_file >= 0) finish_file(conn, open_file, "");
  return summary;
}

// Cases whose approval chain is complete get the letter their programme
// issues at that stage; a refusal (a certificate missing, say) is reported
// and the case waits for the next run.
void issue_due_letters(pqxx::connection& conn, const std::vector<std::string>& refs, const std::string& actor,
                       IntakeResult& result, std::ostream& errors) {
  const auto& programs = standard_programs();
  for (const StoredCase& c : stored_cases(conn, refs)) {
    if (c.status != "approved") continue;
    const auto program = programs.find(c.data.value("program", ""));
    if (program == programs.end()) continue;
    const auto kind = program->second.letters.find(c.data.value("stage", ""));
    if (kind == program->second.letters.end()) continue;
    try {
      const IssuedLetter letter =
          issue_case_letter(conn, {c.case_ref, kind->second, today(), default_p12_password(), actor});
      result.letters.push_back({c.case_ref, letter.number, letter.id});
      for (auto& out : result.cases)
        if (out.value("case_id", "") == c.case_ref) {
          out["status"] = "letter_issued";
          out["letter"] = letter.number;
        }
    } catch (const Error& e) {
      errors << "berkas intake: case " << c.case_ref << ": no letter yet: " << e.what() << "\n";
    }
  }
}

}  // namespace

std::vector<CaseRecord> batch_cases(pqxx::connection& conn, long batch_id) {
  std::vector<CaseRecord> out;
  pqxx::read_transaction txn(conn);
  // The cases taken in with or named for the batch, and those its separator sheets name.
  for (const auto& r : txn.exec_params(
           "SELECT c.case_ref, c.data::text FROM cases c JOIN batch_cases b ON b.case_id = c.id WHERE b.batch_id = $1 "
           "UNION SELECT c.case_ref, c.data::text FROM cases c JOIN fields f ON f.name = 'case_id' AND f.value = "
           "c.case_ref JOIN documents d ON d.id = f.document_id AND d.doc_type = 'separator' JOIN pages p ON p.id = "
           "d.page_id JOIN source_files s ON s.id = p.source_file_id WHERE s.batch_id = $1 ORDER BY 1",
           batch_id))
    out.push_back({r[0].as<std::string>(), nlohmann::json::parse(r[1].c_str())});
  return out;
}

nlohmann::json check_stored_case(pqxx::connection& conn, const StoredCase& c, const CheckSettings& settings,
                                 const std::string& actor, bool& changed) {
  const auto case_docs = case_documents(conn, c.id);
  std::vector<nlohmann::json> docs_json;
  std::vector<long> ids;
  for (const auto& d : case_docs) docs_json.push_back(d.doc), ids.push_back(d.id);
  std::vector<Flag> flags =
      check_case(c.data, docs_json, standard_programs().at(c.data.value("program", "")), settings);
  for (auto& f : record_claim(conn, c)) flags.push_back(std::move(f));
  changed = store_check(conn, c, flags, ids, actor);
  nlohmann::json out = check_result_json(c.data, docs_json, flags);
  out["program"] = c.data.value("program", "");
  out["stage"] = c.data.value("stage", "");
  out["status"] = stored_cases(conn, {c.case_ref}).front().status;
  return out;
}

void settle_batch(pqxx::connection& conn, long batch_id, const std::vector<CaseRecord>& cases,
                  const IntakeOptions& options, IntakeResult& result, std::ostream& errors) {
  // Give each document of the batch its case.
  std::vector<std::string> refs;
  for (const auto& c : cases) refs.push_back(c.case_id);
  const std::vector<StoredCase> stored = stored_cases(conn, refs);
  const std::vector<StoredDocument> documents = batch_documents(conn, batch_id);
  std::vector<nlohmann::json> docs;
  for (const auto& d : documents) docs.push_back(d.doc);
  const std::vector<Assignment> assignments = assign_documents(docs, cases);
  for (size_t i = 0; i < documents.size(); ++i) {
    const auto& a = assignments[i];
    if (documents[i].case_id != 0) continue;  // assigned before (by a run or a verifier)
    if (a.case_index < 0) {
      result.unassigned.push_back({documents[i].doc.value("source", ""), documents[i].doc.value("page", 0),
                                   documents[i].doc.value("doc_type", ""), a.reason});
      continue;
    }
    assign_document(conn, documents[i].id, stored[static_cast<size_t>(a.case_index)].id, a.by);
  }

  // Check every case of the batch against all of its documents.
  for (const StoredCase& c : stored) {
    bool changed = false;
    result.cases.push_back(check_stored_case(conn, c, options.checks, options.actor, changed));
    if (changed) ++result.cases_changed;
  }
  issue_due_letters(conn, refs, options.actor, result, errors);
  mark_complete(conn, batch_id);
}

IntakeResult run_intake(pqxx::connection& conn, const std::vector<InputFile>& files,
                        const std::vector<CaseRecord>& cases, const IntakeOptions& options, std::ostream& errors) {
  IntakeResult result;
  result.batch = store_batch(conn, options.label, options.actor, files, cases);
  const long batch_id = result.batch.batch_id;
  result.already_complete = batch_complete(conn, batch_id);
  if (!result.already_complete) result.reading = read_batch(conn, batch_id, result.batch, options.reading, errors);
  settle_batch(conn, batch_id, cases, options, result, errors);
  return result;
}

}  // namespace berkas
