#include "store/check_store.hpp"

#include <algorithm>
#include <pqxx/pqxx>

#include "cases/case_file.hpp"
#include "core/error.hpp"
#include "domain/free_text.hpp"
#include "store/box_literal.hpp"

namespace berkas {
namespace {

using json = nlohmann::json;

// Hospital names and bill numbers as typed vary in case and spacing.
std::string normal_name(const std::string& s) {
  std::string out;
  for (char ch : s) {
    const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (up == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += up;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The open flags of a case in a comparable form.
std::vector<std::string> flag_keys(const std::vector<Flag>& flags, const std::vector<long>& document_ids) {
  std::vector<std::string> out;
  for (const Flag& f : flags) {
    const long doc = f.document >= 0 && static_cast<size_t>(f.document) < document_ids.size()
                         ? document_ids[static_cast<size_t>(f.document)]
                         : 0;
    out.push_back(f.code + '\t' + f.severity + '\t' + f.field + '\t' + f.expected + '\t' + f.found + '\t' +
                  std::to_string(doc));
  }
  return out;
}

// The keys (as flag_keys makes them) of a case's stored flags in this status.
std::vector<std::string> stored_flag_keys(pqxx::work& txn, long case_id, const std::string& status) {
  std::vector<std::string> keys;
  for (const auto& r : txn.exec_params(
           "SELECT code || E'\\t' || severity || E'\\t' || coalesce(field, '') || E'\\t' || coalesce(expected, '') "
           "|| E'\\t' || coalesce(found, '') || E'\\t' || coalesce(document_id, 0) FROM flags "
           "WHERE case_id = $1 AND status = $2 ORDER BY id",
           case_id, status))
    keys.push_back(r[0].as<std::string>());
  return keys;
}

}  // namespace

std::vector<StoredCase> stored_cases(pqxx::connection& conn, const std::vector<std::string>& case_refs) {
  std::vector<StoredCase> out;
  pqxx::read_transaction txn(conn);
  for (const auto& ref : case_refs) {
    StoredCase c;
    c.case_ref = ref;
    auto r = txn.exec_params("SELECT id, data::text, status FROM cases WHERE case_ref = $1", ref);
    if (!r.empty()) {
      c.id = r[0][0].as<long>();
      c.data = json::parse(r[0][1].as<std::string>());
      c.status = r[0][2].as<std::string>();
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Flag> record_claim(pqxx::connection& conn, const StoredCase& c) {
  std::vector<Flag> flags;
  const std::string hospital = normal_name(case_value(c.data, "care.hospital"));
  const std::string number = compact_code(case_value(c.data, "claim.invoice_number"));
  const std::string nik = case_value(c.data, "applicant.nik");
  const std::string admission = case_value(c.data, "care.admission_date");
  const std::string discharge = case_value(c.data, "care.discharge_date");
  const std::string amount = case_value(c.data, "claim.amount");
  if (c.data.value("stage", "") != "claim" || number.empty() || admission.empty() || discharge.empty() ||
      amount.empty())
    return flags;
  try {
    pqxx::work txn(conn);
    txn.exec_params(
        "INSERT INTO claims (case_id, hospital, invoice_number, patient_nik, admission_date, discharge_date, amount) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id) DO UPDATE SET hospital = EXCLUDED.hospital, "
        "invoice_number = EXCLUDED.invoice_number, patient_nik = EXCLUDED.patient_nik, "
        "admission_date = EXCLUDED.admission_date, discharge_date = EXCLUDED.discharge_date, amount = EXCLUDED.amount "
        "WHERE (claims.hospital, claims.invoice_number, claims.patient_nik, claims.admission_date, "
        "claims.discharge_date, claims.amount) IS DISTINCT FROM (EXCLUDED.hospital, EXCLUDED.invoice_number, "
        "EXCLUDED.patient_nik, EXCLUDED.admission_date, EXCLUDED.discharge_date, EXCLUDED.amount)",
        c.id, hospital, number, nik, admission, discharge, std::stoll(amount));
    for (const auto& r : txn.exec_params(
             "SELECT x.case_ref, k.hospital, k.invoice_number, k.admission_date::text, k.discharge_date::text, "
             "k.hospital = $2 AND k.invoice_number = $3 FROM claims k JOIN cases x ON x.id = k.case_id "
             "WHERE k.case_id <> $1 AND k.seq < (SELECT seq FROM claims WHERE case_id = $1) AND "
             "((k.hospital = $2 AND k.invoice_number = $3) OR "
             "(k.patient_nik = $4 AND k.admission_date <= $6::date AND $5::date <= k.discharge_date)) ORDER BY k.seq",
             c.id, hospital, number, nik, admission, discharge)) {
      Flag f;
      f.code = "DUPLICATE_CLAIM";
      f.severity = "error";
      f.doc_type = "case";
      const bool same_bill = r[5].as<bool>();
      f.field = same_bill ? "invoice_number" : "admission_date";
      f.expected = "";
      f.found = r[0].as<std::string>() + ": " + r[1].as<std::string>() + " " + r[2].as<std::string>() + " (" +
                r[3].as<std::string>() + " - " + r[4].as<std::string>() + ")";
      f.message =
          same_bill
              ? "this hospital's bill " + number + " was already claimed in case " + r[0].as<std::string>()
              : "a stay of the same patient overlapping this one was already claimed in case " + r[0].as<std::string>();
      flags.push_back(std::move(f));
    }
    txn.commit();
  } catch (const pqxx::failure& e) {
    throw Error(ErrorCode::Database, c.case_ref + ": recording the claim failed: " + e.what());
  }
  return flags;
}

bool store_check(pqxx::connection& conn, const StoredCase& c, const std::vector<Flag>& raised,
                 const std::vector<long>& document_ids, const std::string& actor) {
  try {
    pqxx::work txn(conn);
    // A flag a verifier resolved is not raised again while its values stay the same.
    const std::vector<std::string> resolved = stored_flag_keys(txn, c.id, "resolved");
    std::vector<Flag> flags;
    const std::vector<std::string> raised_keys = flag_keys(raised, document_ids);
    for (size_t i = 0; i < raised.size(); ++i)
      if (std::find(resolved.begin(), resolved.end(), raised_keys[i]) == resolved.end()) flags.push_back(raised[i]);
    const std::string decision = decision_for(flags);
    const std::vector<std::string> old_keys = stored_flag_keys(txn, c.id, "open");
    const bool same_flags = old_keys == flag_keys(flags, document_ids);
    const bool undecided = c.status == "received" || c.status == "clean" || c.status == "review";
    const bool status_changes = undecided && c.status != decision;
    if (same_flags && !status_changes) return false;
    json before{{"status", c.status}, {"flags", old_keys.size()}};
    if (!same_flags) {
      txn.exec_params("UPDATE flags SET status = 'superseded' WHERE case_id = $1 AND status = 'open'", c.id);
      for (const Flag& f : flags) {
        const long doc = f.document >= 0 && static_cast<size_t>(f.document) < document_ids.size()
                             ? document_ids[static_cast<size_t>(f.document)]
                             : 0;
        const std::string box = f.has_bbox ? box_literal(f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3]) : "";
        txn.exec_params(
            "INSERT INTO flags (case_id, document_id, code, severity, field, expected, found, message, bbox) "
            "VALUES ($1, NULLIF($2, 0), $3, $4, $5, $6, $7, $8, NULLIF($9, '')::integer[])",
            c.id, doc, f.code, f.severity, f.field, f.expected, f.found, f.message, box);
      }
    }
    if (status_changes)
      txn.exec_params("UPDATE cases SET status = $2, updated_at = now() WHERE id = $1", c.id, decision);
    json codes = json::array();
    for (const Flag& f : flags) codes.push_back(f.code + ":" + f.severity);
    const json after{{"status", undecided ? decision : c.status}, {"flags", codes}};
    txn.exec_params(
        "INSERT INTO audit_log (actor, action, entity, entity_id, before, after) VALUES ($1, 'case.check', 'case', $2, "
        "$3::jsonb, $4::jsonb)",
        actor, c.case_ref, before.dump(), after.dump());
    txn.commit();
    return true;
  } catch (const pqxx::failure& e) {
    throw Error(ErrorCode::Database, c.case_ref + ": storing the check failed: " + e.what());
  }
}

}  // namespace berkas
