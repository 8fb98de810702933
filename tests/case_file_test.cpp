// Case files: every malformed case is rejected by id and field, the rest go on.
#include "cases/case_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/error.hpp"

namespace berkas {
namespace {

// A private folder for this process's case files, removed at exit.
struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    char pattern[] = "/tmp/berkas-cases-XXXXXX";
    path = mkdtemp(pattern);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  static TempFolder folder;
  auto path = folder.path / name;
  std::ofstream(path) << text;
  return path;
}

const char* kGood = R"({"case_id": "C-0001", "program": "sktm", "stage": "claim", "received_date": "2026-03-10",
  "applicant": {"nik": "3201014501900003", "name": "SITI AMINAH", "birth_date": "1990-01-05", "sex": "F"},
  "care": {"hospital": "RSUD SUNGAILIAT", "admission_date": "2026-02-01", "discharge_date": "2026-02-05"},
  "claim": {"invoice_number": "INV/2026/02/0001", "amount": "4350000", "submitted_date": "2026-03-10"}})";

TEST(CaseFile, ReadsTheContractExample) {
  const auto file = read_case_file(write_temp("one.json", kGood));
  ASSERT_EQ(file.cases.size(), 1u);
  EXPECT_TRUE(file.rejected.empty());
  EXPECT_EQ(file.cases[0].case_id, "C-0001");
}

TEST(CaseFile, RejectsEachMalformedCaseByIdAndFieldAndKeepsTheOthers) {
  nlohmann::json good = nlohmann::json::parse(kGood);
  auto variant = [&](const std::string& id, auto change) {
    nlohmann::json c = good;
    c["case_id"] = id;
    change(c);
    return c;
  };
  nlohmann::json all =
      nlohmann::json::array({good, variant("C-0002", [](auto& c) { c["applicant"].erase("nik"); }),
                             variant("C-0003", [](auto& c) { c["applicant"]["birth_date"] = "1990-02-30"; }),
                             variant("C-0004", [](auto& c) { c["program"] = "bpjs"; }),
                             variant("C-0005", [](auto& c) { c["care"]["discharge_date"] = "2026-01-01"; }),
                             variant("C-0006", [](auto& c) { c["claim"]["amount"] = "Rp 4.350.000"; }),
                             variant("C-0007", [](auto& c) { c["stage"] = "payment"; }),
                             variant("C-0008", [](auto& c) { c["applicant"]["sex"] = "P"; }),
                             variant("C-0009", [](auto& c) { c["program"] = "pbi"; }),  // pbi has no claim stage
                             variant("C-0010", [](auto& c) { c["applicant"]["nik"] = 3201014501900003; })});
  const auto file = read_case_file(write_temp("many.json", all.dump()));
  ASSERT_EQ(file.cases.size(), 1u);
  ASSERT_EQ(file.rejected.size(), 9u);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"C-0002", "applicant.nik"}, {"C-0003", "applicant.birth_date"},
      {"C-0004", "program"},       {"C-0005", "care.discharge_date"},
      {"C-0006", "claim.amount"},  {"C-0007", "stage"},
      {"C-0008", "applicant.sex"}, {"C-0009", "stage"},
      {"C-0010", "applicant.nik"}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(file.rejected[i].case_id, expected[i].first);
    EXPECT_EQ(file.rejected[i].field, expected[i].second) << file.rejected[i].reason;
  }
}

TEST(CaseFile, DuplicateIdsAreRejected) {
  const auto file = read_case_file(write_temp("dup.json", std::string("[") + kGood + "," + kGood + "]"));
  EXPECT_EQ(file.cases.size(), 1u);
  ASSERT_EQ(file.rejected.size(), 1u);
  EXPECT_EQ(file.rejected[0].field, "case_id");
}

TEST(CaseFile, ReadsJsonLinesAndCsv) {
  const auto jsonl = read_case_file(write_temp("lines.jsonl", nlohmann::json::parse(kGood).dump() + "\n\n"));
  EXPECT_EQ(jsonl.cases.size(), 1u);
  const auto csv = read_case_file(
      write_temp("cases.csv",
                 "case_id,program,stage,received_date,applicant.nik,applicant.name,applicant.birth_date\n"
                 "C-1,pbi,application,2026-03-10,3201014501900003,\"AMINAH, SITI\",1990-01-05\n"
                 "C-2,pbi,application,2026-03-10,,NO NIK,1990-01-05\n"));
  ASSERT_EQ(csv.cases.size(), 1u);
  EXPECT_EQ(csv.cases[0].data["applicant"]["name"], "AMINAH, SITI");
  ASSERT_EQ(csv.rejected.size(), 1u);
  EXPECT_EQ(csv.rejected[0].case_id, "C-2");
  EXPECT_EQ(csv.rejected[0].field, "applicant.nik");
}

TEST(CaseFile, ABrokenJsonLineIsOneRejectedCase) {
  auto second = nlohmann::json::parse(kGood);
  second["case_id"] = "C-0002";
  const auto file =
      read_case_file(write_temp("broken.jsonl", nlohmann::json::parse(kGood).dump() +
                                                    "\n{\"case_id\": \"C-X\", \"program\"\n" + second.dump() + "\n"));
  ASSERT_EQ(file.cases.size(), 2u);
  ASSERT_EQ(file.rejected.size(), 1u);
  EXPECT_EQ(describe(file.rejected[0]).rfind("case on line 2 rejected: is not valid JSON", 0), 0u)
      << describe(file.rejected[0]);
  EXPECT_THROW(read_case_file(write_temp("array.json", "[" + second.dump() + ", {")), Error);
}

TEST(CaseFile, AFileThatIsNotCasesFailsAsAWhole) {
  EXPECT_THROW(read_case_file(write_temp("bad.json", "{ not json")), Error);
  EXPECT_THROW(read_case_file(write_temp("empty.json", "")), Error);
  EXPECT_THROW(read_case_file(write_temp("text.csv", "hello,world\n1,2\n")), Error);
  EXPECT_THROW(read_case_file("/nonexistent/cases.json"), Error);
}

}  // namespace
}  // namespace berkas
