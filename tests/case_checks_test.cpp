// The cross-checks of a case against read documents (check/case_checks):
// each flag code, its severity, and how confidence and other documents
// weigh a disagreement.
#include "check/case_checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "region/nik.hpp"

namespace berkas {
namespace {

using json = nlohmann::json;

const std::string kNik = make_nik("110101", {1990, 1, 5}, 'F', 3);
const std::string kHusbandNik = make_nik("110101", {1987, 7, 2}, 'M', 4);
const std::string kKkNumber = make_kk_number("110101", {2015, 3, 9}, 7);

json field(const std::string& value, double confidence = 0.97) {
  return {{"value", value}, {"confidence", confidence}, {"bbox", {10, 20, 300, 30}}};
}

json a_case() {
  json c = json::parse(R"({"case_id": "C-0001", "program": "sktm", "stage": "claim", "received_date": "2026-03-10",
    "applicant": {"name": "SITI AMINAH", "birth_place": "BOGOR", "birth_date": "1990-01-05", "sex": "F",
                  "address": "JL. MAWAR NO. 5", "head_name": "AHMAD SUBARJO"},
    "care": {"hospital": "RSUD SUNGAILIAT", "admission_date": "2026-02-01", "discharge_date": "2026-02-05"},
    "claim": {"invoice_number": "INV/2026/02/0001", "amount": "4350000", "submitted_date": "2026-03-10"}})");
  c["applicant"]["nik"] = kNik;
  c["applicant"]["kk_number"] = kKkNumber;
  return c;
}

json ktp(const std::string& nik = kNik, const std::string& name = "SITI AMINAH", double nik_confidence = 0.97) {
  return {{"source", "a.pdf"},
          {"page", 1},
          {"doc_type", "ktp"},
          {"fields",
           {{"nik", field(nik, nik_confidence)},
            {"name", field(name)},
            {"birth_date", field("1990-01-05")},
            {"sex", field("F")}}}};
}

json kk(std::vector<json> members = {}) {
  if (members.empty())
    members = {{{"nik", field(kHusbandNik)}, {"name", field("AHMAD SUBARJO")}},
               {{"nik", field(kNik)}, {"name", field("SITI AMINAH")}}};
  return {{"source", "a.pdf"},
          {"page", 2},
          {"doc_type", "kk"},
          {"fields", {{"kk_number", field(kKkNumber)}, {"head_name", field("AHMAD SUBARJO")}}},
          {"tables", {{"members", members}}}};
}

json sktm(const std::string& issued = "2026-01-20") {
  return {{"source", "a.pdf"},
          {"page", 3},
          {"doc_type", "sktm"},
          {"fields",
           {{"nik", field(kNik)},
            {"name", field("SITI AMINAH")},
            {"birth_date", field("1990-01-05")},
            {"sex", field("F")},
            {"issue_date", field(issued)}}}};
}

json invoice(const std::string& total = "4350000", const std::string& admission = "2026-02-01",
             const std::string& patient = "SITI AMINAH") {
  return {{"source", "b.jpg"},
          {"page", 1},
          {"doc_type", "invoice"},
          {"fields",
           {{"invoice_number", field("INV/2026/02/0001")},
            {"patient_name", field(patient)},
            {"admission_date", field(admission)},
            {"discharge_date", field("2026-02-05")},
            {"total_amount", field(total)}}}};
}

std::vector<json> berkas() { return {ktp(), kk(), sktm(), invoice()}; }

ProgramRules sktm_rules() {
  ProgramRules r;
  r.program = "sktm";
  r.stages["application"] = {{"ktp", ""}, {"kk", ""}, {"sktm", ""}, {"other", "SURAT KETERANGAN RAWAT INAP"}};
  r.stages["claim"] = {{"ktp", ""}, {"kk", ""}, {"sktm", ""}, {"invoice", ""}};
  r.sktm_validity_days = 180;
  r.claim_deadline_days = 90;
  return r;
}

std::vector<Flag> check(const json& c, const std::vector<json>& docs) { return check_case(c, docs, sktm_rules()); }

const Flag* find(const std::vector<Flag>& flags, const std::string& code) {
  auto it = std::find_if(flags.begin(), flags.end(), [&](const Flag& f) { return f.code == code; });
  return it == flags.end() ? nullptr : &*it;
}

std::string codes(const std::vector<Flag>& flags) {
  std::string out;
  for (const auto& f : flags) out += f.code + ":" + f.severity + " ";
  return out;
}

TEST(CaseChecks, ACompleteMatchingBerkasIsClean) {
  const auto flags = check(a_case(), berkas());
  EXPECT_TRUE(flags.empty()) << codes(flags);
  EXPECT_EQ(decision_for(flags), "clean");
}

TEST(CaseChecks, AnotherNikOnTheKtpReadWithConfidenceIsAnError) {
  const std::string other = make_nik("110101", {1990, 1, 5}, 'F', 9);
  auto docs = berkas();
  docs[0] = ktp(other);
  const auto flags = check(a_case(), docs);
  const Flag* f = find(flags, "NIK_MISMATCH");
  ASSERT_NE(f, nullptr) << codes(flags);
  EXPECT_EQ(f->severity, "error");
  EXPECT_EQ(f->doc_type, "ktp");
  EXPECT_EQ(f->source, "a.pdf");
  EXPECT_EQ(f->page, 1);
  EXPECT_EQ(f->field, "nik");
  EXPECT_EQ(f->expected, kNik);
  EXPECT_EQ(f->found, other);
  EXPECT_TRUE(f->has_bbox);
  EXPECT_EQ(decision_for(flags), "review");
}

TEST(CaseChecks, ALowConfidenceDisagreementIsAWarningWhenAnotherDocumentAgrees) {
  auto docs = berkas();
  docs[0] = ktp(make_nik("110101", {1990, 1, 5}, 'F', 8), "SITI AMINAH", 0.55);
  const auto flags = check(a_case(), docs);
  ASSERT_NE(find(flags, "NIK_MISMATCH"), nullptr) << codes(flags);
  EXPECT_EQ(find(flags, "NIK_MISMATCH")->severity, "warning");
  ASSERT_NE(find(flags, "LOW_CONFIDENCE"), nullptr);
  EXPECT_EQ(find(flags, "LOW_CONFIDENCE")->severity, "warning");  // the SKTM and the KK row confirm the NIK
  EXPECT_EQ(decision_for(flags), "clean");
}

TEST(CaseChecks, ALowConfidenceDisagreementNothingConfirmsNeedsAVerifier) {
  const std::vector<json> docs{ktp(make_nik("110101", {1990, 1, 5}, 'F', 8), "SITI AMINAH", 0.55)};
  const auto flags = check(a_case(), docs);
  ASSERT_NE(find(flags, "LOW_CONFIDENCE"), nullptr) << codes(flags);
  EXPECT_EQ(find(flags, "LOW_CONFIDENCE")->severity, "error");
  EXPECT_EQ(find(flags, "NIK_MISMATCH")->severity, "warning");
}

TEST(CaseChecks, AFieldNotReadAnywhereIsLowConfidence) {
  auto docs = berkas();
  docs[3]["fields"].erase("total_amount");
  const auto flags = check(a_case(), docs);
  const Flag* f = find(flags, "LOW_CONFIDENCE");
  ASSERT_NE(f, nullptr) << codes(flags);
  EXPECT_EQ(f->severity, "error");
  EXPECT_EQ(f->field, "total_amount");
  EXPECT_EQ(f->expected, "4350000");
}

TEST(CaseChecks, MissingRequiredDocumentsAreNamed) {
  const auto flags = check(a_case(), {ktp(), sktm(), invoice()});
  const Flag* f = find(flags, "MISSING_DOCUMENT");
  ASSERT_NE(f, nullptr) << codes(flags);
  EXPECT_EQ(f->field, "kk");
  EXPECT_EQ(f->severity, "error");
}

TEST(CaseChecks, AnOtherLetterWithTheRequiredTitleCounts) {
  json c = a_case();
  c["stage"] = "application";
  json letter{{"source", "c.png"},
              {"page", 1},
              {"doc_type", "other"},
              {"fields", {{"title", field("SURAT KETERANGAN RAWAT INAP")}}}};
  auto flags = check(c, {ktp(), kk(), sktm(), letter});
  EXPECT_EQ(find(flags, "MISSING_DOCUMENT"), nullptr) << codes(flags);
  letter["fields"]["title"] = field("SURAT RUJUKAN");
  flags = check(c, {ktp(), kk(), sktm(), letter});
  ASSERT_NE(find(flags, "MISSING_DOCUMENT"), nullptr);
  EXPECT_EQ(find(flags, "MISSING_DOCUMENT")->expected, "SURAT KETERANGAN RAWAT INAP");
}

TEST(CaseChecks, ANameVariantIsAWarningAnotherPersonAnError) {
  auto docs = berkas();
  docs[0] = ktp(kNik, "HJ. SITI AMINAH");
  auto flags = check(a_case(), docs);
  ASSERT_NE(find(flags, "NAME_MISMATCH"), nullptr) << codes(flags);
  EXPECT_EQ(find(flags, "NAME_MISMATCH")->severity, "warning");
  EXPECT_EQ(decision_for(flags), "clean");

  docs[0] = ktp(kNik, "SRI WAHYUNINGSIH");
  flags = check(a_case(), docs);
  ASSERT_NE(find(flags, "NAME_MISMATCH"), nullptr) << codes(flags);
  EXPECT_EQ(find(flags, "NAME_MISMATCH")->severity, "error");
}

TEST(CaseChecks, AMisreadNameCloseToOneAnotherDocumentConfirmsIsAWarning) {
  auto docs = berkas();
  docs[0] = ktp(kNik, "SITI AMNAK");  // two letters misread at a confident 0.97
  auto flags = check(a_case(), docs);
  ASSERT_NE(find(flags, "NAME_MISMATCH"), nullptr) << codes(flags);
  EXPECT_EQ(find(flags, "NAME_MISMATCH")->severity, "warning");
  // Without the SKTM and the KK row to confirm it, the same reading needs a verifier.
  flags = check(a_case(), {docs[0]});
  ASSERT_NE(find(flags, "NAME_MISMATCH"), nullptr) << codes(flags);
  EXPECT_EQ(find(flags, "NAME_MISMATCH")->severity, "error");
}

TEST(CaseChecks, BirthDateAndSexOnTheDocumentAndInTheCaseNik) {
  json c = a_case();
  c["applicant"]["birth_date"] = "1990-01-07";
  auto flags = check(c, berkas());
  int birth = 0;
  for (const auto& f : flags) birth += f.code == "BIRTH_DATE_MISMATCH" && f.severity == "error";
  EXPECT_GE(birth, 2) << codes(flags);  // the KTP, the SKTM, and the case's own NIK
  c = a_case();
  c["applicant"]["sex"] = "M";
  flags = check(c, berkas());
  const Flag* f = find(flags, "SEX_MISMATCH");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->doc_type, "case");  // the NIK (day + 40) says F
}

TEST(CaseChecks, AnImpossibleNikInTheCaseIsInvalid) {
  json c = a_case();
  std::string nik = kNik;
  nik[8] = '1', nik[9] = '4';  // month 14
  c["applicant"]["nik"] = nik;
  const auto flags = check(c, berkas());
  const Flag* f = find(flags, "NIK_INVALID");
  ASSERT_NE(f, nullptr) << codes(flags);
  EXPECT_EQ(f->doc_type, "case");
  EXPECT_NE(find(flags, "NIK_MISMATCH"), nullptr);
}

TEST(CaseChecks, TheApplicantMustBeAMemberOfTheKk) {
  auto docs = berkas();
  docs[1] = kk({{{"nik", field(kHusbandNik)}, {"name", field("AHMAD SUBARJO")}},
                {{"nik", field(make_nik("110101", {2012, 4, 1}, 'M', 5))}, {"name", field("RIZKY PRATAMA")}}});
  auto flags = check(a_case(), docs);
  ASSERT_NE(find(flags, "NOT_IN_KK"), nullptr) << codes(flags);
  EXPECT_EQ(find(flags, "NOT_IN_KK")->severity, "error");

  // Found by name, with another NIK on the row: a NIK disagreement, not a stranger.
  docs[1] = kk({{{"nik", field(kHusbandNik)}, {"name", field("AHMAD SUBARJO")}},
                {{"nik", field(make_nik("110101", {1990, 1, 5}, 'F', 6))}, {"name", field("SITI AMINAH")}}});
  flags = check(a_case(), docs);
  EXPECT_EQ(find(flags, "NOT_IN_KK"), nullptr) << codes(flags);
  ASSERT_NE(find(flags, "NIK_MISMATCH"), nullptr);
  EXPECT_EQ(find(flags, "NIK_MISMATCH")->field, "members.nik");

  // A member of the same name with a surely read NIK far from the case's and
  // another birth date: someone else of that name, so not in the family.
  docs[1] = kk({{{"nik", field(kHusbandNik)}, {"name", field("AHMAD SUBARJO")}},
                {{"nik", field(make_nik("110101", {2012, 4, 1}, 'M', 5))},
                 {"name", field("SITI AMINAH")},
                 {"birth_date", field("2012-04-01")}}});
  flags = check(a_case(), docs);
  ASSERT_NE(find(flags, "NOT_IN_KK"), nullptr) << codes(flags);
  EXPECT_EQ(find(flags, "NOT_IN_KK")->severity, "error");
}

TEST(CaseChecks, KkNumberMustMatch) {
  json c = a_case();
  std::string kk_number = kKkNumber;
  kk_number[14] = kk_number[14] == '1' ? '2' : '1';
  c["applicant"]["kk_number"] = kk_number;
  const auto flags = check(c, berkas());
  ASSERT_NE(find(flags, "KK_NUMBER_MISMATCH"), nullptr) << codes(flags);
  EXPECT_EQ(find(flags, "KK_NUMBER_MISMATCH")->found, kKkNumber);
}

TEST(CaseChecks, AnSktmOlderThanTheValidityWindowHasExpired) {
  auto docs = berkas();
  docs[2] = sktm("2025-09-01");  // 190 days before 2026-03-10
  auto flags = check(a_case(), docs);
  ASSERT_NE(find(flags, "SKTM_EXPIRED"), nullptr) << codes(flags);
  EXPECT_EQ(find(flags, "SKTM_EXPIRED")->severity, "error");
  docs[2] = sktm("2025-09-15");  // 176 days
  flags = check(a_case(), docs);
  EXPECT_EQ(find(flags, "SKTM_EXPIRED"), nullptr) << codes(flags);
}

TEST(CaseChecks, TheInvoiceMustMatchTheClaim) {
  auto docs = berkas();
  docs[3] = invoice("4400000");
  EXPECT_NE(find(check(a_case(), docs), "INVOICE_AMOUNT_MISMATCH"), nullptr);
  docs[3] = invoice("4350000", "2026-02-03");
  EXPECT_NE(find(check(a_case(), docs), "INVOICE_DATES_MISMATCH"), nullptr);
  docs[3] = invoice("4350000", "2026-02-01", "BUDI SANTOSO");
  const auto flags = check(a_case(), docs);
  ASSERT_NE(find(flags, "INVOICE_PATIENT_MISMATCH"), nullptr);
  EXPECT_EQ(find(flags, "INVOICE_PATIENT_MISMATCH")->severity, "error");
}

TEST(CaseChecks, AClaimAfterTheDeadlineIsLate) {
  json c = a_case();
  c["claim"]["submitted_date"] = "2026-05-07";  // 91 days after discharge
  auto flags = check(c, berkas());
  ASSERT_NE(find(flags, "LATE_CLAIM"), nullptr) << codes(flags);
  c["claim"]["submitted_date"] = "2026-05-06";  // 90 days
  flags = check(c, berkas());
  EXPECT_EQ(find(flags, "LATE_CLAIM"), nullptr) << codes(flags);
}

TEST(CaseChecks, ASpousesKtpOnTheSameSheetIsNotTheApplicants) {
  auto docs = berkas();
  docs.insert(docs.begin(), ktp(kHusbandNik, "AHMAD SUBARJO"));
  const auto flags = check(a_case(), docs);
  EXPECT_TRUE(flags.empty()) << codes(flags);
}

TEST(CaseChecks, ResultHasTheContractShape) {
  auto docs = berkas();
  docs[3] = invoice("4400000");
  const auto flags = check(a_case(), docs);
  const json out = check_result_json(a_case(), docs, flags);
  EXPECT_EQ(out["case_id"], "C-0001");
  EXPECT_EQ(out["decision"], "review");
  ASSERT_EQ(out["documents"].size(), 4u);
  EXPECT_EQ(out["documents"][3]["doc_type"], "invoice");
  const json& f = out["flags"][0];
  for (const char* key : {"code", "severity", "doc_type", "source", "page", "field", "expected", "found", "message"})
    EXPECT_TRUE(f.contains(key)) << key;
}

}  // namespace
}  // namespace berkas
