// Issuing letters: approvals along the programme's chain, then the numbered,
// signed letter, stored with its number in one transaction (a failed issue
// consumes no number). Every refusal names what is missing.
#pragma once

#include <pqxx/connection>
#include <string>

#include "core/date.hpp"

namespace berkas {

struct ApprovalRequest {
  std::string case_ref;
  std::string approver;    // the official's key in templates/office.json
  std::string delegation;  // "", "a.n.", "Plt." or "Plh.": standing in for the step's position
  bool reject = false;
  std::string note;  // required when rejecting
  std::string actor;
};

struct ApprovalResult {
  int step = 0, steps = 0;
  std::string position;   // of the step approved
  bool complete = false;  // every step approved
};

// Records the next step of the case's approval chain. Refuses a case with
// open error flags, an approver who does not hold the step's position
// (unless standing in with a delegation), and a case already decided.
ApprovalResult approve_case(pqxx::connection& conn, const ApprovalRequest& request);

struct IssueRequest {
  std::string case_ref;
  std::string kind;  // rekomendasi, persetujuan_perawatan, persetujuan_pembayaran
  Date date;         // of the letter; default today
  std::string p12_password;
  std::string actor;
};

struct IssuedLetter {
  long id = 0;
  std::string number, kind, case_ref, signer;
  std::string content_sha256, pdf_sha256;
  std::string pdf;  // signed
};

// Refuses (berkas::Error, nothing stored, no number used) a case that is
// unknown or not fully approved, a kind that does not fit its stage, and a
// signer certificate that is missing, locked by another password, or
// expired.
IssuedLetter issue_case_letter(pqxx::connection& conn, const IssueRequest& request);

struct MinutesRequest {
  long batch_id = 0;
  Date date;  // default today
  std::string p12_password;
  std::string actor;
};

// The verification minutes (berita acara) of every claim taken in with a
// batch: each claim eligible or not with the reason, totals, the
// verification team's signatures. Refuses a batch without claims.
IssuedLetter issue_minutes(pqxx::connection& conn, const MinutesRequest& request);

// The stored letter with this id, or an id of 0 when there is none.
// A stored letter by id (id 0 when there is none); its PDF only when asked.
IssuedLetter stored_letter(pqxx::connection& conn, long id, bool with_pdf = false);

// $BERKAS_P12_PASSWORD, else the demo certificates' password.
std::string default_p12_password();

}  // namespace berkas
