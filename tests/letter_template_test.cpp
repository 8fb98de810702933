// Letter kinds as data: every template loads and every placeholder it uses
// has a value (letters/letter_template, letters/letter_values).
#include "letters/letter_template.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "letters/letter_number.hpp"
#include "letters/letter_values.hpp"
#include "letters/office_config.hpp"

namespace berkas {
namespace {

nlohmann::json claim_case() {
  return nlohmann::json::parse(R"({"case_id": "C-0001", "program": "jamsoskes", "stage": "claim",
    "received_date": "2026-03-10",
    "applicant": {"nik": "3201014501900003", "name": "SITI AMINAH", "birth_place": "BOGOR",
                  "birth_date": "1990-01-05", "sex": "F", "address": "JL. MAWAR NO. 5", "kk_number": "3201010101100007"},
    "care": {"hospital": "RSUD SUNGAILIAT", "admission_date": "2026-02-01", "discharge_date": "2026-02-05"},
    "claim": {"invoice_number": "INV/2026/02/0001", "amount": "4350001", "submitted_date": "2026-03-10"}})");
}

TEST(LetterValues, PrintedForms) {
  EXPECT_EQ(long_date({2026, 11, 24}), "24 November 2026");
  EXPECT_EQ(long_date({1990, 1, 5}), "05 Januari 1990");
  EXPECT_EQ(weekday_name({2026, 11, 24}), "Selasa");
  EXPECT_EQ(weekday_name({1970, 1, 1}), "Kamis");
  EXPECT_EQ(rupiah_text(4350000), "Rp 4.350.000,-");
  EXPECT_EQ(dotted_thousands(999), "999");
  const auto v = case_letter_values(claim_case(), standard_programs().at("jamsoskes"), {2026, 11, 24});
  EXPECT_EQ(v.at("applicant.sex_long"), "Perempuan");
  EXPECT_EQ(v.at("care.discharge_date_long"), "05 Februari 2026");
  EXPECT_EQ(v.at("claim.amount_words"), "empat juta tiga ratus lima puluh ribu satu rupiah");
  // The province's 60% and the district's 40% add up to the whole amount, to the rupiah.
  EXPECT_EQ(v.at("share.province_rupiah"), "Rp 2.610.001,-");
  EXPECT_EQ(v.at("share.district_rupiah"), "Rp 1.740.000,-");
}

TEST(LetterTemplates, EveryKindFillsFromACase) {
  const auto kinds = letter_kinds();
  for (const char* kind : {"rekomendasi", "persetujuan_perawatan", "persetujuan_pembayaran", "berita_acara"})
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), kind), kinds.end()) << kind;
  auto values = case_letter_values(claim_case(), standard_programs().at("jamsoskes"), {2026, 11, 24});
  values["row.no"] = "1";
  values["row.result"] = "Memenuhi syarat";
  for (const char* total :
       {"totals.claims", "totals.eligible", "totals.ineligible", "totals.eligible_rupiah", "totals.eligible_words"})
    values[total] = "1";
  for (const auto& kind : kinds) {
    const LetterTemplate& t = letter_template(kind);
    SCOPED_TRACE(kind);
    EXPECT_NO_THROW(fill_placeholders(t.hal, values));
    for (const auto& line : t.addressee) EXPECT_NO_THROW(fill_placeholders(line, values));
    for (const auto& b : t.body) {
      EXPECT_NO_THROW(fill_placeholders(b.text, values));
      for (const auto& [label, value] : b.fields) EXPECT_NO_THROW(fill_placeholders(value, values));
    }
    EXPECT_NO_THROW(fill_placeholders(t.opening, values));
    EXPECT_NO_THROW(fill_placeholders(t.closing, values));
    for (const auto& c : t.columns) EXPECT_NO_THROW(fill_placeholders(c.value, values));
    const std::string signer = t.signer == "last_approver" ? "" : t.signer;
    if (!signer.empty()) {
      EXPECT_NO_THROW(standard_office().official(signer));
    }
    for (const auto& s : t.signers) EXPECT_NO_THROW(standard_office().official(s));
  }
  // Kinds are numbered separately: the same serial must still give different numbers.
  std::set<std::string> numbers;
  for (const auto& kind : kinds)
    numbers.insert(format_letter_number(letter_template(kind).number_pattern, {{"class", "400.7"}, {"unit", "DINKES"}},
                                        1, 2026, 11));
  EXPECT_EQ(numbers.size(), kinds.size());
  EXPECT_THROW(fill_placeholders("Nama {applicant.nmae}", values), Error);
  EXPECT_THROW(letter_template("../office"), Error);
}

TEST(OfficeConfig, ApprovalChainPositionsFindTheirOfficials) {
  const OfficeConfig& office = standard_office();
  for (const auto& [name, program] : standard_programs())
    for (const auto& position : program.approval_chain)
      EXPECT_NO_THROW(office.official(position)) << name << ": " << position;
  EXPECT_EQ(office.official("Kepala Dinas").key, "kepala-dinas");
  EXPECT_THROW(office.official("Bupati"), Error);
  // The letters programmes issue on approval exist.
  for (const auto& [name, program] : standard_programs())
    for (const auto& [stage, kind] : program.letters) EXPECT_NO_THROW(letter_template(kind)) << name << " " << stage;
}

}  // namespace
}  // namespace berkas
