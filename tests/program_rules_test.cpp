// Programme rules as data (templates/programs): what the checks and, later,
// the letters rely on.
#include "rules/program_rules.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"

namespace berkas {
namespace {

TEST(ProgramRules, TheFourProgrammesOfTheSeeds) {
  const auto& programs = standard_programs();
  for (const char* name : {"jampersal", "sktm", "pbi", "jamsoskes"}) {
    ASSERT_TRUE(programs.count(name)) << name;
    const ProgramRules& p = programs.at(name);
    EXPECT_TRUE(p.has_stage("application")) << name;
    EXPECT_FALSE(p.approval_chain.empty()) << name;
    EXPECT_EQ(p.sktm_validity_days, 180) << name;
    EXPECT_EQ(p.claim_deadline_days, 90) << name;
  }
  const auto& jamsoskes = programs.at("jamsoskes");
  ASSERT_TRUE(jamsoskes.cost_share.has_value());
  EXPECT_DOUBLE_EQ(jamsoskes.cost_share->province, 0.6);
  EXPECT_DOUBLE_EQ(jamsoskes.cost_share->district, 0.4);
  EXPECT_FALSE(programs.at("pbi").cost_share.has_value());
  // The SOPs' standard times: 2 working days (seed 001), 1 for PBI (seed 003).
  EXPECT_EQ(programs.at("jampersal").service_working_days, 2);
  EXPECT_EQ(programs.at("pbi").service_working_days, 1);
  EXPECT_EQ(programs.at("sktm").letters.at("application"), "persetujuan_perawatan");
  EXPECT_EQ(programs.at("jampersal").letters.at("claim"), "persetujuan_pembayaran");
  // Referral letters count toward the Jampersal application as "other" documents.
  bool referral = false;
  for (const auto& d : programs.at("jampersal").stages.at("application"))
    referral = referral || (d.doc_type == "other" && d.title == "SURAT RUJUKAN");
  EXPECT_TRUE(referral);
}

TEST(ProgramRules, ABadFileIsRefusedByName) {
  const std::string path = ::testing::TempDir() + "/bad_share.json";
  std::ofstream(path) << R"({"program": "x", "stages": {"application": [{"doc_type": "ktp"}]},
                             "cost_share": {"province": 0.7, "district": 0.4}})";
  try {
    load_program_rules(path);
    FAIL() << "accepted shares adding up to 1.1";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bad_share.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("cost_share"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace berkas
