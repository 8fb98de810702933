// Giving the documents of a mixed batch to their cases (intake/case_assignment).
#include "intake/case_assignment.hpp"

#include <gtest/gtest.h>

namespace berkas {
namespace {

using json = nlohmann::json;

json doc(const std::string& source, const std::string& type, json fields = json::object()) {
  json f = json::object();
  for (const auto& [k, v] : fields.items()) f[k] = {{"value", v}, {"confidence", 0.9}};
  return {{"source", source}, {"page", 1}, {"doc_type", type}, {"fields", f}};
}

std::vector<CaseRecord> two_cases() {
  return {{"C-1", json::parse(R"({"case_id":"C-1","applicant":{"nik":"1101014501900003","name":"SITI AMINAH",
             "kk_number":"1101010903150007","head_name":"AHMAD SUBARJO"},"claim":{"invoice_number":"INV/1"}})")},
          {"C-2", json::parse(R"({"case_id":"C-2","applicant":{"nik":"1101010207870004","name":"BUDI SANTOSO",
             "kk_number":"1101011111110001","head_name":"BUDI SANTOSO"},"claim":{"invoice_number":"INV/2"}})")}};
}

TEST(CaseAssignment, ASeparatorSheetClaimsTheDocumentsAfterItInItsFile) {
  const std::vector<json> docs{doc("stack.pdf", "separator", {{"case_id", "C-2"}}), doc("stack.pdf", "other"),
                               doc("stack.pdf", "separator", {{"case_id", "C-1"}}), doc("stack.pdf", "other"),
                               doc("next.pdf", "other")};
  const auto a = assign_documents(docs, two_cases());
  EXPECT_EQ(a[0].case_index, 1);
  EXPECT_EQ(a[1].case_index, 1);
  EXPECT_EQ(a[1].by, "separator");
  EXPECT_EQ(a[3].case_index, 0);
  EXPECT_EQ(a[4].case_index, -1);  // another file: the sheet does not reach it
  EXPECT_FALSE(a[4].reason.empty());
}

TEST(CaseAssignment, AnUnreadSeparatorLeavesTheDocumentsToTheirContent) {
  const std::vector<json> docs{doc("s.pdf", "separator"), doc("s.pdf", "ktp", {{"nik", "1101010207870004"}}),
                               doc("t.pdf", "separator", {{"case_id", "C-404"}}),
                               doc("t.pdf", "ktp", {{"nik", "1101010207870004"}})};
  const auto a = assign_documents(docs, two_cases());
  EXPECT_EQ(a[1].case_index, 1);
  EXPECT_EQ(a[1].by, "nik");
  EXPECT_EQ(a[0].case_index, 1);   // the sheet itself goes with its file
  EXPECT_EQ(a[3].case_index, -1);  // after a sheet for a case not in the batch
  EXPECT_NE(a[3].reason.find("C-404"), std::string::npos);
}

TEST(CaseAssignment, NumbersAndNamesPointToTheCase) {
  const std::vector<json> docs{doc("x/1.jpg", "ktp", {{"nik", "1101010207870004"}, {"name", "BUDI SANTOSO"}}),
                               doc("x/2.jpg", "kk", {{"kk_number", "1101010903150007"}}),
                               doc("x/3.jpg", "invoice", {{"invoice_number", "INV/2"}}),
                               doc("x/4.jpg", "sktm", {{"name", "SITI AMINAH"}})};
  const auto a = assign_documents(docs, two_cases());
  EXPECT_EQ(a[0].case_index, 1);
  EXPECT_EQ(a[0].by, "nik");
  EXPECT_EQ(a[1].case_index, 0);
  EXPECT_EQ(a[1].by, "kk_number");
  EXPECT_EQ(a[2].case_index, 1);
  EXPECT_EQ(a[2].by, "invoice_number");
  EXPECT_EQ(a[3].case_index, 0);
  EXPECT_EQ(a[3].by, "name");
}

TEST(CaseAssignment, ALetterWithoutNumbersGoesWithItsFileThenItsFolder) {
  const std::vector<json> docs{doc("c1/berkas.pdf", "ktp", {{"nik", "1101014501900003"}}),
                               doc("c1/berkas.pdf", "other", {{"title", "SURAT RUJUKAN"}}),
                               doc("c1/extra.jpg", "other", {{"title", "RESUME MEDIS"}}), doc("loose/a.jpg", "other")};
  const auto a = assign_documents(docs, two_cases());
  EXPECT_EQ(a[1].case_index, 0);
  EXPECT_EQ(a[1].by, "file");
  EXPECT_EQ(a[2].case_index, 0);
  EXPECT_EQ(a[2].by, "folder");
  EXPECT_EQ(a[3].case_index, -1);
  EXPECT_NE(a[3].reason.find("no separator"), std::string::npos);
}

TEST(CaseAssignment, AnEvenTieIsNotGuessed) {
  auto cases = two_cases();
  cases[1].data["claim"]["invoice_number"] = "INV/1";  // both cases claim the same bill
  const auto a = assign_documents({doc("a.jpg", "invoice", {{"invoice_number", "INV/1"}})}, cases);
  EXPECT_EQ(a[0].case_index, -1);
}

TEST(CaseAssignment, OneCaseTakesEverything) {
  const auto a = assign_documents({doc("a.jpg", "other"), doc("b.jpg", "ktp")}, {two_cases()[0]});
  EXPECT_EQ(a[0].case_index, 0);
  EXPECT_EQ(a[1].by, "single_case");
}

}  // namespace
}  // namespace berkas
