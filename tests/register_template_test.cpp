// Register templates as data (templates/registers): what the generator draws
// and the table reader reads.
#include "rules/register_template.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"

namespace berkas {
namespace {

TEST(RegisterTemplates, TheOfficesRegistersWithTypedColumns) {
  const auto& registers = standard_registers();
  for (const char* name : {"rekomendasi", "klaim", "surat_masuk"}) {
    ASSERT_TRUE(registers.count(name)) << name;
    const RegisterTemplate& t = registers.at(name);
    EXPECT_FALSE(t.title.empty());
    EXPECT_GE(t.columns.size(), 5u) << name;
    EXPECT_EQ(t.columns.front().type, CellType::Seq) << name << ": registers are numbered";
  }
  // Seed 004's register of recommendation requests carries the patient's NIK and the letter number.
  const auto& columns = registers.at("rekomendasi").columns;
  auto type_of = [&](const std::string& n) {
    for (const auto& c : columns)
      if (c.name == n) return std::string(to_string(c.type));
    return std::string("missing");
  };
  EXPECT_EQ(type_of("nik"), "nik");
  EXPECT_EQ(type_of("nomor_surat"), "letter_number");
  EXPECT_EQ(type_of("tanggal"), "date");
  EXPECT_EQ(registers.at("klaim").columns[6].type, CellType::Money);
}

void expect_refused(const std::string& body, const std::string& why) {
  const std::string path = ::testing::TempDir() + "/bad_register.json";
  std::ofstream(path) << body;
  try {
    load_register_template(path);
    FAIL() << "accepted: " << body;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bad_register.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
  }
}

TEST(RegisterTemplates, ABadFileIsRefusedByNameAndReason) {
  expect_refused(R"({"register":"x","columns":[{"name":"a","type":"seq","width":500},
                    {"name":"b","type":"roman","width":500}]})",
                 "unknown cell type 'roman'");
  expect_refused(R"({"register":"x","columns":[{"name":"a","type":"seq","width":500},
                    {"name":"b","type":"text","width":400}]})",
                 "add up to 900");
  expect_refused(R"({"register":"x","columns":[{"name":"a","type":"seq","width":500},
                    {"name":"a","type":"text","width":500}]})",
                 "appears twice");
  expect_refused(R"({"register":"x","columns":[{"name":"a","type":"seq","width":1000}]})", "2 to 16 columns");
  expect_refused(R"({"register":"x"})", "columns");
}

}  // namespace
}  // namespace berkas
