#include "letters/letter_issuer.hpp"

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <sstream>

#include "core/error.hpp"
#include "core/sha256.hpp"
#include "letters/letter_number.hpp"
#include "letters/letter_pdf.hpp"
#include "letters/letter_template.hpp"
#include "letters/letter_values.hpp"
#include "letters/office_config.hpp"
#include "letters/pdf_signature.hpp"
#include "letters/terbilang.hpp"
#include "rules/program_rules.hpp"

namespace berkas {
namespace {

std::string sha256_of(const std::string& s) {
  return sha256_hex({reinterpret_cast<const uint8_t*>(s.data()), s.size()});
}

struct CaseRow {
  long id = 0;
  nlohmann::json data;
  std::string status;
};

CaseRow load_case(pqxx::transaction_base& txn, const std::string& ref) {
  auto r = txn.exec_params("SELECT id, data::text, status FROM cases WHERE case_ref = $1", ref);
  if (r.empty()) throw Error(ErrorCode::NotFound, "case " + ref + " is not in the store");
  return {r[0][0].as<long>(), nlohmann::json::parse(r[0][1].as<std::string>()), r[0][2].as<std::string>()};
}

struct Approval {
  int step;
  std::string position, approver, delegation, decision;
};

std::vector<Approval> approvals_of(pqxx::transaction_base& txn, long case_id) {
  std::vector<Approval> out;
  for (const auto& r : txn.exec_params(
           "SELECT step, position, approver, coalesce(delegation, ''), decision FROM approvals WHERE case_id = $1 "
           "ORDER BY step",
           case_id))
    out.push_back({r[0].as<int>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>()});
  return out;
}

const ProgramRules& program_of(const CaseRow& c, const std::string& ref) {
  const auto& programs = standard_programs();
  auto it = programs.find(c.data.value("program", ""));
  if (it == programs.end()) throw Error(ErrorCode::InvalidArgument, "case " + ref + ": unknown programme");
  return it->second;
}

// The letter laid out without its number (the slow part, done before the
// number's lock is taken); its id comes from a sequence, which needs no lock.
std::string lay_out_before_numbering(pqxx::connection& conn, const OfficeConfig& office, LetterContent& letter,
                                     LetterStamp& stamp) {
  {
    pqxx::nontransaction ntx(conn);
    letter.letter_id = ntx.exec("SELECT nextval('letters_id_seq')")[0][0].as<long>();
  }
  letter.number.clear();
  letter.verification_url = office.verify_base_url + std::to_string(letter.letter_id);
  return render_letter_pdf(letter, stamp);
}

// Inside the issuing transaction: the number, the content hash and QR code
// that cover it, stamped in and signed in one incremental update.
std::string number_and_sign(LetterContent& letter, const LetterStamp& stamp, const std::string& laid_out, int seq,
                            const SigningIdentity& identity) {
  const OfficeConfig& office = *letter.office;
  letter.number =
      format_letter_number(letter.kind->number_pattern, {{"class", office.classification}, {"unit", office.unit}}, seq,
                           letter.date.year, letter.date.month);
  letter.content_sha256 = sha256_of(letter_text(letter));
  letter.verification_url = office.verify_base_url + std::to_string(letter.letter_id) + "?h=" + letter.content_sha256;
  return sign_pdf(laid_out, identity, letter.kind->title + " " + letter.number, office.place,
                  [&](PoDoFo::PdfMemDocument& doc) { stamp_letter(doc, stamp, letter); });
}

// Signs with the first signer's certificate (checked before anything is
// drawn), numbers, stamps and stores the letter in one transaction, for a
// case (`case_id`) or a batch (`batch_id`), with its audit entry.
IssuedLetter issue_numbered(pqxx::connection& conn, LetterContent& letter, const std::string& p12_password,
                            long case_id, long batch_id, const std::string& actor, const std::string& entity,
                            const std::string& entity_id, const std::string& what) {
  const Official& signer = letter.signers.front().official;
  const auto identity = SigningIdentity::open_cached(certificates_dir() / (signer.key + ".p12"), p12_password);
  identity->check_issued_by(certificates_dir() / "ca.pem");
  LetterStamp stamp;
  IssuedLetter out;
  try {
    const std::string laid_out = lay_out_before_numbering(conn, *letter.office, letter, stamp);
    pqxx::work txn(conn);
    const int seq = next_letter_serial(txn, letter.kind->kind, letter.date.year);
    out.pdf = number_and_sign(letter, stamp, laid_out, seq, *identity);
    out.id = letter.letter_id;
    out.number = letter.number;
    out.kind = letter.kind->kind;
    out.case_ref = entity == "case" ? entity_id : "";
    out.signer = signer.key;
    out.content_sha256 = letter.content_sha256;
    out.pdf_sha256 = sha256_of(out.pdf);
    txn.exec_params(
        "INSERT INTO letters (id, kind, year, seq, number, case_id, batch_id, signer, content_sha256, pdf_sha256, pdf) "
        "VALUES ($1, $2, $3, $4, $5, NULLIF($6, 0), NULLIF($7, 0), $8, $9, $10, $11)",
        out.id, out.kind, letter.date.year, seq, out.number, case_id, batch_id, signer.key, out.content_sha256,
        out.pdf_sha256, pqxx::binarystring(out.pdf.data(), out.pdf.size()));
    if (case_id != 0)
      txn.exec_params("UPDATE cases SET status = 'letter_issued', updated_at = now() WHERE id = $1", case_id);
    txn.exec_params(
        "INSERT INTO audit_log (actor, action, entity, entity_id, after) VALUES ($1, 'letter.issue', $2, $3, "
        "$4::jsonb)",
        actor, entity, entity_id,
        nlohmann::json{{"letter", out.id}, {"number", out.number}, {"kind", out.kind}, {"signer", out.signer}}.dump());
    txn.commit();
  } catch (const pqxx::failure& e) {
    throw Error(ErrorCode::Database, "issuing " + what + " failed: " + e.what());
  }
  return out;
}

}  // namespace

std::string default_p12_password() {
  const char* p = std::getenv("BERKAS_P12_PASSWORD");
  return p != nullptr && *p != '\0' ? p : "berkas-demo";
}

ApprovalResult approve_case(pqxx::connection& conn, const ApprovalRequest& req) {
  const OfficeConfig& office = standard_office();
  const Official& approver = office.official(req.approver);
  if (!req.delegation.empty() && req.delegation != "a.n." && req.delegation != "Plt." && req.delegation != "Plh.")
    throw Error(ErrorCode::InvalidArgument, "delegation must be a.n., Plt. or Plh., not '" + req.delegation + "'");
  if (req.reject && req.note.empty()) throw Error(ErrorCode::InvalidArgument, "a rejection must say why (--note)");
  pqxx::work txn(conn);
  const CaseRow c = load_case(txn, req.case_ref);
  txn.exec_params("SELECT 1 FROM cases WHERE id = $1 FOR UPDATE", c.id);  // one approver at a time
  const ProgramRules& program = program_of(c, req.case_ref);
  const auto errors =
      txn.exec_params1("SELECT count(*) FROM flags WHERE case_id = $1 AND status = 'open' AND severity = 'error'",
                       c.id)[0]
          .as<long>();
  if (errors > 0)
    throw Error(ErrorCode::InvalidArgument, "case " + req.case_ref + " has " + std::to_string(errors) +
                                                " open error flags; a verifier must clear them before approval");
  const auto done = approvals_of(txn, c.id);
  for (const auto& a : done)
    if (a.decision == "rejected")
      throw Error(ErrorCode::InvalidArgument,
                  "case " + req.case_ref + " was rejected at step " + std::to_string(a.step) + " (" + a.position + ")");
  const auto& chain = program.approval_chain;
  if (done.size() >= chain.size())
    throw Error(ErrorCode::InvalidArgument, "case " + req.case_ref + " is already fully approved");
  ApprovalResult result;
  result.step = static_cast<int>(done.size()) + 1;
  result.steps = static_cast<int>(chain.size());
  result.position = chain[done.size()];
  const Official& holder = office.official(result.position);
  if (holder.key != approver.key && req.delegation.empty())
    throw Error(ErrorCode::InvalidArgument, "step " + std::to_string(result.step) + " of case " + req.case_ref +
                                                " is for the " + result.position + " (" + holder.name + "); " +
                                                approver.name + " may only stand in with a.n., Plt. or Plh.");
  txn.exec_params(
      "INSERT INTO approvals (case_id, step, position, approver, delegation, decision, note) "
      "VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6, NULLIF($7, ''))",
      c.id, result.step, result.position, approver.key, req.delegation, req.reject ? "rejected" : "approved", req.note);
  result.complete = !req.reject && result.step == result.steps;
  const std::string status = req.reject ? "rejected" : result.complete ? "approved" : c.status;
  if (status != c.status)
    txn.exec_params("UPDATE cases SET status = $2, updated_at = now() WHERE id = $1", c.id, status);
  const nlohmann::json after{{"step", result.step},
                             {"position", result.position},
                             {"approver", approver.key},
                             {"delegation", req.delegation},
                             {"decision", req.reject ? "rejected" : "approved"},
                             {"note", req.note},
                             {"status", status}};
  txn.exec_params(
      "INSERT INTO audit_log (actor, action, entity, entity_id, before, after) VALUES ($1, $2, 'case', $3, $4::jsonb, "
      "$5::jsonb)",
      req.actor, req.reject ? "case.reject" : "case.approve", req.case_ref, nlohmann::json{{"status", c.status}}.dump(),
      after.dump());
  txn.commit();
  return result;
}

IssuedLetter issue_case_letter(pqxx::connection& conn, const IssueRequest& req) {
  const LetterTemplate& kind = letter_template(req.kind);
  if (kind.is_minutes()) throw Error(ErrorCode::InvalidArgument, req.kind + " covers a batch of claims, not one case");
  const OfficeConfig& office = standard_office();
  const Date date = req.date.valid() ? req.date : today();

  // Everything that can refuse is checked before a number is drawn.
  LetterContent letter;
  CaseRow c;
  {
    pqxx::read_transaction txn(conn);
    c = load_case(txn, req.case_ref);
    const ProgramRules& program = program_of(c, req.case_ref);
    if (req.kind == "persetujuan_pembayaran" && c.data.value("stage", "") != "claim")
      throw Error(ErrorCode::InvalidArgument, "case " + req.case_ref + " is not a claim: no payment approval");
    const auto approvals = approvals_of(txn, c.id);
    const auto& chain = program.approval_chain;
    for (const auto& a : approvals)
      if (a.decision == "rejected")
        throw Error(ErrorCode::InvalidArgument, "case " + req.case_ref + " was rejected at step " +
                                                    std::to_string(a.step) + " (" + a.position + ")");
    if (approvals.size() < chain.size())
      throw Error(ErrorCode::InvalidArgument,
                  "case " + req.case_ref + " is not approved yet: step " + std::to_string(approvals.size() + 1) +
                      " of " + std::to_string(chain.size()) + " (" + chain[approvals.size()] + ") is waiting");
    const Approval& last = approvals.back();
    LetterSigner signer{kind.signer == "last_approver" ? office.official(last.approver) : office.official(kind.signer),
                        "", ""};
    if (kind.signer == "last_approver" && !last.delegation.empty()) {
      signer.delegation = last.delegation;
      signer.for_position = office.official(last.position).position;
    }
    letter.office = &office;
    letter.kind = &kind;
    letter.values = case_letter_values(c.data, program, date);
    letter.date = date;
    letter.signers.push_back(signer);
  }
  return issue_numbered(conn, letter, req.p12_password, c.id, 0, req.actor, "case", req.case_ref,
                        "the letter for case " + req.case_ref);
}

namespace {

// Why a claim is not eligible, as the minutes say it.
std::string ineligible_reason(const std::vector<std::string>& codes) {
  static const std::map<std::string, std::string> kReasons{{"DUPLICATE_CLAIM", "klaim ganda"},
                                                           {"LATE_CLAIM", "tagihan lewat waktu"},
                                                           {"INVOICE_AMOUNT_MISMATCH", "jumlah tagihan tidak sesuai"},
                                                           {"INVOICE_DATES_MISMATCH", "tanggal perawatan tidak sesuai"},
                                                           {"INVOICE_PATIENT_MISMATCH", "nama pasien tidak sesuai"},
                                                           {"MISSING_DOCUMENT", "berkas tidak lengkap"},
                                                           {"SKTM_EXPIRED", "SKTM kedaluwarsa"},
                                                           {"NOT_IN_KK", "tidak tercantum dalam KK"}};
  std::string out;
  for (const auto& code : codes) {
    auto it = kReasons.find(code);
    const std::string reason = it != kReasons.end() ? it->second : "data tidak sesuai";
    if (out.find(reason) == std::string::npos) out += (out.empty() ? "" : ", ") + reason;
  }
  return "Tidak memenuhi syarat: " + (out.empty() ? std::string("belum diverifikasi") : out);
}

}  // namespace

IssuedLetter issue_minutes(pqxx::connection& conn, const MinutesRequest& req) {
  const LetterTemplate& kind = letter_template("berita_acara");
  const OfficeConfig& office = standard_office();
  const Date date = req.date.valid() ? req.date : today();
  LetterContent letter;
  letter.office = &office;
  letter.kind = &kind;
  letter.date = date;
  {
    pqxx::read_transaction txn(conn);
    uint64_t eligible_amount = 0;
    int eligible = 0;
    const ProgramRules* program = nullptr;
    for (const auto& r : txn.exec_params(
             "SELECT c.id, c.data::text, c.status, coalesce(string_agg(f.code, ',' ORDER BY f.id), '') FROM cases c "
             "LEFT JOIN flags f ON f.case_id = c.id AND f.status = 'open' AND f.severity = 'error' "
             "WHERE c.batch_id = $1 AND c.stage = 'claim' GROUP BY c.id ORDER BY c.case_ref",
             req.batch_id)) {
      const auto data = nlohmann::json::parse(r[1].as<std::string>());
      const auto& programs = standard_programs();
      const auto it = programs.find(data.value("program", ""));
      if (it == programs.end()) continue;
      if (program == nullptr) program = &it->second;
      auto values = case_letter_values(data, it->second, date);
      values["row.no"] = std::to_string(letter.rows.size() + 1);
      const std::string status = r[2].as<std::string>();
      std::vector<std::string> codes;
      std::stringstream list(r[3].as<std::string>());
      for (std::string code; std::getline(list, code, ',');) codes.push_back(code);
      const bool ok = codes.empty() && (status == "clean" || status == "approved" || status == "letter_issued");
      values["row.result"] = ok ? "Memenuhi syarat" : ineligible_reason(codes);
      if (ok) {
        ++eligible;
        eligible_amount += std::stoull(data["claim"].value("amount", "0"));
      }
      letter.rows.push_back(std::move(values));
    }
    if (letter.rows.empty())
      throw Error(ErrorCode::InvalidArgument, "batch " + std::to_string(req.batch_id) + " has no claims");
    letter.values = {{"program.title", program->title},
                     {"date.long", long_date(date)},
                     {"date.weekday", weekday_name(date)},
                     {"totals.claims", std::to_string(letter.rows.size())},
                     {"totals.eligible", std::to_string(eligible)},
                     {"totals.ineligible", std::to_string(letter.rows.size() - static_cast<size_t>(eligible))},
                     {"totals.eligible_rupiah", rupiah_text(eligible_amount)},
                     {"totals.eligible_words", terbilang_rupiah(eligible_amount)}};
  }
  for (const auto& key : kind.signers) letter.signers.push_back({office.official(key), "", ""});
  return issue_numbered(conn, letter, req.p12_password, 0, req.batch_id, req.actor, "batch",
                        std::to_string(req.batch_id), "the minutes of batch " + std::to_string(req.batch_id));
}

IssuedLetter stored_letter(pqxx::connection& conn, long id, bool with_pdf) {
  IssuedLetter out;
  pqxx::read_transaction txn(conn);
  auto r = txn.exec_params(
      "SELECT l.id, l.number, l.kind, coalesce(c.case_ref, ''), l.signer, l.content_sha256, l.pdf_sha256, "
      "CASE WHEN $2 THEN l.pdf END FROM letters l LEFT JOIN cases c ON c.id = l.case_id WHERE l.id = $1",
      id, with_pdf);
  if (r.empty()) return out;
  out.id = r[0][0].as<long>();
  out.number = r[0][1].as<std::string>();
  out.kind = r[0][2].as<std::string>();
  out.case_ref = r[0][3].as<std::string>();
  out.signer = r[0][4].as<std::string>();
  out.content_sha256 = r[0][5].as<std::string>();
  out.pdf_sha256 = r[0][6].as<std::string>();
  if (!r[0][7].is_null()) {
    const pqxx::binarystring pdf(r[0][7]);
    out.pdf = pdf.str();
  }
  return out;
}

}  // namespace berkas
