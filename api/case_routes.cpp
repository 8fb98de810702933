// Cases: entered and corrected by officers, their documents and flags, the
// verifiers' review queue and decisions. Every change is audited with the
// person who made it.
#include <pqxx/pqxx>

#include "api/api_context.hpp"
#include "cases/case_file.hpp"
#include "check/case_checks.hpp"
#include "rules/program_rules.hpp"
#include "store/batch_store.hpp"
#include "store/check_store.hpp"
#include "store/reading_store.hpp"
#include "workers/intake_job.hpp"

namespace berkas {
namespace {

using nlohmann::json;

StoredCase find_case(pqxx::connection& conn, const std::string& ref) {
  StoredCase c = stored_cases(conn, {ref}).front();
  if (c.id == 0) throw ApiError{404, "no case " + ref};
  return c;
}

json flags_json(pqxx::transaction_base& txn, long case_id, bool open_only) {
  json out = json::array();
  for (const auto& r : txn.exec_params(
           "SELECT id, code, severity, coalesce(field, ''), coalesce(expected, ''), coalesce(found, ''), message, "
           "coalesce(document_id, 0), coalesce(array_to_json(bbox)::text, 'null'), status FROM flags "
           "WHERE case_id = $1 AND status <> 'superseded' AND ($2 = false OR status = 'open') ORDER BY id",
           case_id, open_only))
    out.push_back({{"id", r[0].as<long>()},
                   {"code", r[1].as<std::string>()},
                   {"severity", r[2].as<std::string>()},
                   {"field", r[3].as<std::string>()},
                   {"expected", r[4].as<std::string>()},
                   {"found", r[5].as<std::string>()},
                   {"message", r[6].as<std::string>()},
                   {"document_id", r[7].as<long>()},
                   {"bbox", json::parse(r[8].as<std::string>())},
                   {"status", r[9].as<std::string>()}});
  return out;
}

// The case as typed, with its validation applied; ApiError 400 names the field.
CaseRecord checked_case(const json& data) {
  if (auto problem = validate_case(data, 1)) throw ApiError{400, describe(*problem)};
  return {data.value("case_id", ""), data};
}

json recheck(pqxx::connection& conn, const std::string& ref, const std::string& actor) {
  bool changed = false;
  return check_stored_case(conn, find_case(conn, ref), {}, actor, changed);
}

void create_case(ApiContext& c) {
  const CaseRecord record = checked_case(c.body());
  auto conn = c.pool.acquire();
  if (stored_cases(*conn, {record.case_id}).front().id != 0)
    throw ApiError{409, "case " + record.case_id + " exists already; change it with PATCH"};
  CaseCounts counts;
  pqxx::work txn(*conn);
  store_cases(txn, {record}, 0, c.actor(), counts);
  txn.commit();
  c.reply(201, {{"case_id", record.case_id}, {"status", "received"}});
}

void list_cases(ApiContext& c) {
  auto conn = c.pool.acquire();
  pqxx::read_transaction txn(*conn);
  json out = json::array();
  const std::string status = c.req.get_param_value("status"), program = c.req.get_param_value("program");
  for (const auto& r : txn.exec_params(
           "SELECT c.case_ref, c.program, c.stage, c.status, c.received_date::text, "
           "coalesce(c.data #>> '{applicant,name}', ''), "
           "(SELECT count(*) FROM flags f WHERE f.case_id = c.id AND f.status = 'open' AND f.severity = 'error') "
           "FROM cases c WHERE ($1 = '' OR c.status = $1) AND ($2 = '' OR c.program = $2) "
           "ORDER BY c.received_date, c.id LIMIT 500",
           status, program))
    out.push_back({{"case_id", r[0].as<std::string>()},
                   {"program", r[1].as<std::string>()},
                   {"stage", r[2].as<std::string>()},
                   {"status", r[3].as<std::string>()},
                   {"received_date", r[4].as<std::string>()},
                   {"applicant", r[5].as<std::string>()},
                   {"open_errors", r[6].as<long>()}});
  c.reply(200, {{"cases", out}});
}

void get_case(ApiContext& c) {
  auto conn = c.pool.acquire();
  const StoredCase sc = find_case(*conn, c.param(0));
  json out{{"case_id", sc.case_ref}, {"status", sc.status}, {"case", sc.data}};
  json docs = json::array();
  for (const auto& d : case_documents(*conn, sc.id)) {
    json doc = d.doc;
    doc["id"] = d.id;
    doc["assigned_by"] = d.assigned_by;
    doc["page_id"] = d.page_id;
    doc["page_size"] = {d.page_width, d.page_height};
    docs.push_back(doc);
  }
  out["documents"] = docs;
  pqxx::read_transaction txn(*conn);
  out["flags"] = flags_json(txn, sc.id, false);
  json approvals = json::array();
  for (const auto& r : txn.exec_params(
           "SELECT step, position, approver, coalesce(delegation, ''), decision, coalesce(note, ''), at::text "
           "FROM approvals WHERE case_id = $1 ORDER BY step",
           sc.id))
    approvals.push_back({{"step", r[0].as<int>()},
                         {"position", r[1].as<std::string>()},
                         {"approver", r[2].as<std::string>()},
                         {"delegation", r[3].as<std::string>()},
                         {"decision", r[4].as<std::string>()},
                         {"note", r[5].as<std::string>()},
                         {"at", r[6].as<std::string>()}});
  out["approvals"] = approvals;
  const ProgramRules& program = standard_programs().at(sc.data.value("program", ""));
  out["approval_chain"] = program.approval_chain;
  // The letter the completed chain leads to; "" when the programme issues none at this stage.
  const auto kind = program.letters.find(sc.data.value("stage", ""));
  out["letter_kind"] = kind == program.letters.end() ? "" : kind->second;
  json letters = json::array();
  for (const auto& r :
       txn.exec_params("SELECT id, number, kind, issued_at::text FROM letters WHERE case_id = $1 ORDER BY id", sc.id))
    letters.push_back({{"id", r[0].as<long>()},
                       {"number", r[1].as<std::string>()},
                       {"kind", r[2].as<std::string>()},
                       {"issued_at", r[3].as<std::string>()}});
  out["letters"] = letters;
  c.reply(200, out);
}

// A change to the case as typed: the fields given replace those stored
// (JSON merge patch); the case is checked again.
void update_case(ApiContext& c) {
  auto conn = c.pool.acquire();
  const StoredCase sc = find_case(*conn, c.param(0));
  json data = sc.data;
  json patch = c.body();
  patch.erase("case_id");
  data.merge_patch(patch);
  const CaseRecord record = checked_case(data);
  CaseCounts counts;
  {
    pqxx::work txn(*conn);
    store_cases(txn, {record}, 0, c.actor(), counts);
    txn.commit();
  }
  c.reply(200, recheck(*conn, sc.case_ref, c.actor()));
}

void history(ApiContext& c) {
  auto conn = c.pool.acquire();
  const StoredCase sc = find_case(*conn, c.param(0));
  pqxx::read_transaction txn(*conn);
  json out = json::array();
  for (const auto& r :
       txn.exec_params("SELECT at::text, actor, action, coalesce(before::text, 'null'), coalesce(after::text, 'null') "
                       "FROM audit_log WHERE entity = 'case' AND entity_id = $1 ORDER BY id",
                       sc.case_ref))
    out.push_back({{"at", r[0].as<std::string>()},
                   {"actor", r[1].as<std::string>()},
                   {"action", r[2].as<std::string>()},
                   {"before", json::parse(r[3].as<std::string>())},
                   {"after", json::parse(r[4].as<std::string>())}});
  c.reply(200, {{"case_id", sc.case_ref}, {"history", out}});
}

// Cases with open error flags, oldest first; filters: program, code, hospital, batch.
void review_queue(ApiContext& c) {
  auto conn = c.pool.acquire();
  pqxx::read_transaction txn(*conn);
  const auto& q = c.req;
  const std::string batch = q.get_param_value("batch");
  if (!batch.empty() && batch.find_first_not_of("0123456789") != std::string::npos)
    throw ApiError{400, "batch must be a number"};
  json out = json::array();
  for (const auto& r : txn.exec_params(
           "SELECT c.case_ref, c.program, c.stage, c.received_date::text, c.created_at::text, "
           "coalesce(c.data #>> '{applicant,name}', ''), coalesce(c.data #>> '{care,hospital}', ''), "
           "array_to_json(array_agg(DISTINCT f.code ORDER BY f.code))::text, count(f.id), "
           "extract(epoch FROM now() - c.created_at) / 3600, "
           "(SELECT count(*) FROM generate_series(c.received_date + 1, current_date, interval '1 day') d "
           "WHERE extract(isodow FROM d) < 6) "
           "FROM cases c JOIN flags f ON f.case_id = c.id AND f.status = 'open' AND f.severity = 'error' "
           "WHERE c.status = 'review' AND ($1 = '' OR c.program = $1) "
           "AND ($2 = '' OR EXISTS (SELECT 1 FROM flags g WHERE g.case_id = c.id AND g.status = 'open' AND g.code = "
           "$2)) "
           "AND ($3 = '' OR c.data #>> '{care,hospital}' ILIKE '%' || $3 || '%') "
           "AND ($4 = '' OR EXISTS (SELECT 1 FROM batch_cases b WHERE b.case_id = c.id AND b.batch_id::text = $4)) "
           "GROUP BY c.id ORDER BY c.received_date, c.created_at LIMIT 500",
           q.get_param_value("program"), q.get_param_value("code"), q.get_param_value("hospital"), batch))
    out.push_back({{"case_id", r[0].as<std::string>()},
                   {"program", r[1].as<std::string>()},
                   {"stage", r[2].as<std::string>()},
                   {"received_date", r[3].as<std::string>()},
                   {"entered_at", r[4].as<std::string>()},
                   {"applicant", r[5].as<std::string>()},
                   {"hospital", r[6].as<std::string>()},
                   {"codes", json::parse(r[7].as<std::string>())},
                   {"open_errors", r[8].as<long>()},
                   {"waiting_hours", r[9].as<double>()},
                   {"working_days_waiting", r[10].as<int>()}});
  // The SOP's standard time per programme; a case past it is overdue.
  for (auto& item : out) {
    const auto program = standard_programs().find(item["program"].get<std::string>());
    const int standard = program == standard_programs().end() ? 0 : program->second.service_working_days;
    item["standard_working_days"] = standard;
    item["overdue"] = standard > 0 && item["working_days_waiting"].get<int>() > standard;
  }
  c.reply(200, {{"queue", out}});
}

// A verifier's decision on one flag:
//   accept_read: the document is right; the case takes the value read;
//   accept_case: the case as typed is right (the reading was wrong);
//   correct: the document says something else than was read (value + note).
void review_flag(ApiContext& c) {
  const json body = c.body();
  const std::string action = body.value("action", "");
  const std::string note = body_text(body, "note");
  const std::string value = body_text(body, "value");
  if (action != "accept_read" && action != "accept_case" && action != "correct")
    throw ApiError{400, "action must be accept_read, accept_case or correct"};
  if (action == "correct" && (value.empty() || note.empty()))
    throw ApiError{400, "a correction needs the value and a note saying why"};
  auto conn = c.pool.acquire();
  std::string case_ref, field, found;
  long document_id = 0;
  json data;
  {
    pqxx::work txn(*conn);
    const auto f = txn.exec_params(
        "SELECT f.case_id, c.case_ref, coalesce(f.field, ''), coalesce(f.found, ''), coalesce(f.document_id, 0), "
        "f.status, c.data::text FROM flags f JOIN cases c ON c.id = f.case_id WHERE f.id = $1 FOR UPDATE",
        c.id_param(0));
    if (f.empty()) throw ApiError{404, "no flag " + c.param(0)};
    if (f[0][5].as<std::string>() != "open") throw ApiError{409, "the flag is " + f[0][5].as<std::string>()};
    const long case_id = f[0][0].as<long>();
    case_ref = f[0][1].as<std::string>(), field = f[0][2].as<std::string>(), found = f[0][3].as<std::string>();
    document_id = f[0][4].as<long>();
    data = json::parse(f[0][6].as<std::string>());
    if (action == "accept_read") {
      const std::string path = case_path_for_field(field);
      if (path.empty() || found.empty() || case_value(data, path).empty())
        throw ApiError{400, "this flag has no read value for a case field; accept the case or correct the reading"};
      json* at = &data;
      std::string rest = path;
      for (size_t dot; (dot = rest.find('.')) != std::string::npos; rest = rest.substr(dot + 1))
        at = &(*at)[rest.substr(0, dot)];
      (*at)[rest] = found;
      CaseCounts counts;
      store_cases(txn, {checked_case(data)}, 0, c.actor(), counts);
    }
    if (action == "correct") {
      if (document_id == 0 || field.empty()) throw ApiError{400, "this flag has no document field to correct"};
      const std::string leaf = field.substr(field.rfind('.') + 1);
      const auto updated = txn.exec_params(
          "UPDATE fields SET value = $3, origin = 'corrected', confidence = 1 WHERE document_id = $1 AND name = $2 "
          "AND table_name IS NULL RETURNING id",
          document_id, leaf, value);
      if (updated.empty())
        txn.exec_params(
            "INSERT INTO fields (document_id, name, value, confidence, origin) VALUES ($1, $2, $3, 1, 'corrected')",
            document_id, leaf, value);
    }
    txn.exec_params("UPDATE flags SET status = 'resolved' WHERE id = $1", c.id_param(0));
    txn.exec_params(
        "INSERT INTO reviews (case_id, flag_id, reviewer, action, note) VALUES ($1, $2, $3, $4, NULLIF($5, ''))",
        case_id, c.id_param(0), c.user->username, action, note);
    txn.exec_params(
        "INSERT INTO audit_log (actor, action, entity, entity_id, before, after) VALUES ($1, 'flag.review', 'case', "
        "$2, $3::jsonb, $4::jsonb)",
        c.actor(), case_ref, json{{"flag", c.id_param(0)}, {"field", field}, {"found", found}}.dump(),
        json{{"action", action}, {"value", action == "correct" ? value : ""}, {"note", note}}.dump());
    txn.commit();
  }
  // A correction can raise or clear other flags; the decisions made stay.
  json result = recheck(*conn, case_ref, c.actor());
  const long case_id = find_case(*conn, case_ref).id;
  pqxx::read_transaction txn(*conn);
  result["flags"] = flags_json(txn, case_id, true);
  c.reply(200, result);
}

// The SOP's "if incomplete, the applicant completes it".
void return_case(ApiContext& c) {
  const json body = c.body();
  const std::string note = body_text(body, "note");
  if (note.empty()) throw ApiError{400, "say why the berkas goes back to the applicant (note)"};
  auto conn = c.pool.acquire();
  const StoredCase sc = find_case(*conn, c.param(0));
  if (sc.status != "review" && sc.status != "clean" && sc.status != "received")
    throw ApiError{409, "case " + sc.case_ref + " is " + sc.status + "; it can no longer be returned"};
  pqxx::work txn(*conn);
  txn.exec_params("UPDATE cases SET status = 'returned', updated_at = now() WHERE id = $1", sc.id);
  txn.exec_params("INSERT INTO reviews (case_id, reviewer, action, note) VALUES ($1, $2, 'return', $3)", sc.id,
                  c.user->username, note);
  txn.exec_params(
      "INSERT INTO audit_log (actor, action, entity, entity_id, before, after) VALUES ($1, 'case.return', 'case', "
      "$2, $3::jsonb, $4::jsonb)",
      c.actor(), sc.case_ref, json{{"status", sc.status}}.dump(), json{{"status", "returned"}, {"note", note}}.dump());
  txn.commit();
  c.reply(200, {{"case_id", sc.case_ref}, {"status", "returned"}});
}

}  // namespace

void add_case_routes(std::vector<ApiRoute>& routes) {
  const auto& readers = kReaderRoles;
  routes.push_back({"POST", "/api/cases", {"scanner", "verifier", "admin"}, create_case});
  routes.push_back({"GET", "/api/cases", readers, list_cases});
  routes.push_back({"GET", R"(/api/cases/([^/]+)/history)", {"verifier", "approver", "admin"}, history});
  routes.push_back({"GET", R"(/api/cases/([^/]+))", readers, get_case});
  routes.push_back({"PATCH", R"(/api/cases/([^/]+))", {"verifier", "admin"}, update_case});
  routes.push_back({"POST", R"(/api/cases/([^/]+)/return)", {"verifier"}, return_case});
  routes.push_back({"GET", "/api/review-queue", {"verifier", "admin"}, review_queue});
  routes.push_back({"POST", R"(/api/flags/([^/]+)/review)", {"verifier"}, review_flag});
}

}  // namespace berkas
