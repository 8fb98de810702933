// Officials' approvals along each programme's chain, and each approver's
// inbox: the cases waiting at the step their position holds. The inbox is
// polled by the web pages (new items carry when they arrived), and shows how
// earlier steps were decided (a.n., Plt., Plh. when someone stood in).
#include <pqxx/pqxx>

#include "api/api_context.hpp"
#include "letters/letter_issuer.hpp"
#include "letters/office_config.hpp"
#include "rules/program_rules.hpp"

namespace berkas {
namespace {

using nlohmann::json;

void inbox(ApiContext& c) {
  auto conn = c.pool.acquire();
  pqxx::read_transaction txn(*conn);
  const auto& office = standard_office();
  const auto& programs = standard_programs();
  // stand_in=1: also the cases waiting at others' steps, which this official
  // may decide standing in for them (a.n., Plt., Plh.).
  const bool stand_in = c.req.get_param_value("stand_in") == "1";
  json items = json::array();
  for (const auto& r :
       txn.exec("SELECT c.case_ref, c.program, c.stage, c.received_date::text, "
                "coalesce(c.data #>> '{applicant,name}', ''), coalesce(c.data #>> '{care,hospital}', ''), "
                "(SELECT count(*) FROM approvals a WHERE a.case_id = c.id AND a.decision = 'approved'), "
                "greatest(c.updated_at, (SELECT max(at) FROM approvals a WHERE a.case_id = c.id))::text "
                "FROM cases c WHERE c.status = 'clean' "
                "AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.case_id = c.id AND a.decision = 'rejected') "
                "AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.case_id = c.id AND f.status = 'open' AND f.severity = "
                "'error') ORDER BY c.received_date, c.id")) {
    const auto program = programs.find(r[1].as<std::string>());
    if (program == programs.end()) continue;
    const auto& chain = program->second.approval_chain;
    const size_t done = r[6].as<size_t>();
    if (done >= chain.size()) continue;
    const Official* holder = nullptr;
    try {
      holder = &office.official(chain[done]);
    } catch (const std::exception&) {
      // nobody holds that position in office.json: only someone standing in can decide
    }
    const bool mine = holder != nullptr && holder->key == c.user->official;
    if (!mine && !stand_in) continue;
    json approvals = json::array();
    for (const auto& a :
         txn.exec_params("SELECT step, position, approver, coalesce(delegation, ''), to_char(at, 'YYYY-MM-DD HH24:MI') "
                         "FROM approvals WHERE case_id = (SELECT id FROM cases WHERE case_ref = $1) ORDER BY step",
                         r[0].as<std::string>())) {
      std::string name = a[2].as<std::string>();
      try {
        name = office.official(name).name;
      } catch (const std::exception&) {
      }
      approvals.push_back({{"step", a[0].as<int>()},
                           {"position", a[1].as<std::string>()},
                           {"approver", name},
                           {"delegation", a[3].as<std::string>()},
                           {"at", a[4].as<std::string>()}});
    }
    items.push_back({{"case_id", r[0].as<std::string>()},
                     {"program", r[1].as<std::string>()},
                     {"stage", r[2].as<std::string>()},
                     {"received_date", r[3].as<std::string>()},
                     {"applicant", r[4].as<std::string>()},
                     {"hospital", r[5].as<std::string>()},
                     {"step", done + 1},
                     {"steps", chain.size()},
                     {"position", chain[done]},
                     {"holder", holder ? holder->name : ""},
                     {"letter_kind", program->second.letters.count(r[2].as<std::string>())
                                         ? program->second.letters.at(r[2].as<std::string>())
                                         : ""},
                     {"stand_in", !mine},
                     {"approvals", approvals},
                     {"waiting_since", r[7].as<std::string>()}});
  }
  const Official& me = office.official(c.user->official);
  c.reply(200, {{"approver", {{"official", me.key}, {"name", me.name}, {"position", me.position}}},
                {"items", items},
                {"count", items.size()}});
}

void approve(ApiContext& c) {
  const json body = c.body();
  const std::string decision = body.value("decision", "");
  if (decision != "approve" && decision != "reject") throw ApiError{400, "decision must be approve or reject"};
  ApprovalRequest request;
  request.case_ref = c.param(0);
  request.approver = c.user->official;
  request.delegation = body_text(body, "delegation");
  request.reject = decision == "reject";
  request.note = body_text(body, "note");
  request.actor = c.actor();
  if (request.reject && request.note.empty()) throw ApiError{400, "a rejection needs a note saying why"};
  auto conn = c.pool.acquire();
  const ApprovalResult result = approve_case(*conn, request);
  c.reply(200, {{"case_id", request.case_ref},
                {"step", result.step},
                {"steps", result.steps},
                {"position", result.position},
                {"decision", decision},
                {"complete", result.complete}});
}

}  // namespace

void add_approval_routes(std::vector<ApiRoute>& routes) {
  routes.push_back({"GET", "/api/inbox", {"approver"}, inbox});
  routes.push_back({"POST", R"(/api/cases/([^/]+)/approval)", {"approver"}, approve});
}

}  // namespace berkas
