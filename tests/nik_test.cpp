// NIK and KK number rules: what a possible number is, and how it decodes.
#include "region/nik.hpp"

#include <gtest/gtest.h>

namespace berkas {
namespace {

const RegionTable& regions() { return RegionTable::standard(); }

TEST(Nik, DecodesRegionBirthDateAndSexOfAWoman) {
  // 320101 = Cibinong, Kabupaten Bogor; day 45 = 5th, +40 for a woman.
  const auto r = read_nik("3201014501900003", regions(), 2026);
  ASSERT_TRUE(r.ok()) << to_string(r.problem);
  EXPECT_EQ(r.district_code, "320101");
  EXPECT_EQ(r.birth_date, (Date{1990, 1, 5}));
  EXPECT_EQ(r.sex, 'F');
  EXPECT_EQ(r.serial, 3);
}

TEST(Nik, DecodesAManAndPutsTheCenturyBeforeTheReferenceYear) {
  const auto r = read_nik("3201010512150001", regions(), 2026);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.sex, 'M');
  EXPECT_EQ(r.birth_date, (Date{2015, 12, 5}));
  EXPECT_EQ(read_nik("3201010512300001", regions(), 2026).birth_date.year, 1930);
}

TEST(Nik, RejectsWhatCannotBeANik) {
  EXPECT_EQ(read_nik("320101450190000", regions(), 2026).problem, NikProblem::WrongLength);
  EXPECT_EQ(read_nik("32010145019O0003", regions(), 2026).problem, NikProblem::NotDigits);
  EXPECT_EQ(read_nik("9999994501900003", regions(), 2026).problem, NikProblem::UnknownRegion);
  EXPECT_EQ(read_nik("3201013201900003", regions(), 2026).problem, NikProblem::ImpossibleDate);  // day 32
  EXPECT_EQ(read_nik("3201017201900003", regions(), 2026).problem, NikProblem::ImpossibleDate);  // day 72-40
  EXPECT_EQ(read_nik("3201014513900003", regions(), 2026).problem, NikProblem::ImpossibleDate);  // month 13
  EXPECT_EQ(read_nik("3201013002900003", regions(), 2026).problem, NikProblem::ImpossibleDate);  // 30 Feb
  EXPECT_EQ(read_nik("3201014501900000", regions(), 2026).problem, NikProblem::ZeroSerial);
  // A regency code alone (4 digits + 00) is not a district.
  EXPECT_EQ(read_nik("3201004501900003", regions(), 2026).problem, NikProblem::UnknownRegion);
}

TEST(Nik, LeapDayIsValidOnlyInLeapYears) {
  EXPECT_TRUE(read_nik("3201012902000001", regions(), 2026).ok());  // 2000-02-29
  EXPECT_EQ(read_nik("3201012902010001", regions(), 2026).problem, NikProblem::ImpossibleDate);
}

TEST(Nik, MakeAndReadAgree) {
  const Date birth{1987, 11, 30};
  const std::string nik = make_nik("327301", birth, 'F', 42);
  EXPECT_EQ(nik, "3273017011870042");
  const auto r = read_nik(nik, regions(), 2026);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.birth_date, birth);
  EXPECT_EQ(r.sex, 'F');
}

TEST(KkNumber, DateIsTheIssueDateWithoutTheWomanRule) {
  const std::string kk = make_kk_number("320101", Date{2010, 1, 1}, 7);
  EXPECT_EQ(kk, "3201010101100007");
  const auto r = read_kk_number(kk, regions(), 2026);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.birth_date, (Date{2010, 1, 1}));
  EXPECT_EQ(read_kk_number("3201014501100007", regions(), 2026).problem, NikProblem::ImpossibleDate);
}

TEST(Nik, MaskKeepsOnlyTheProvinceAndRegency) {
  EXPECT_EQ(mask_nik("3201014501900003"), "3201************");
  EXPECT_EQ(mask_nik("12"), "12");
}

TEST(RegionTable, ResolvesEveryLevelAndItsParents) {
  const Region* district = regions().find("320101");
  ASSERT_NE(district, nullptr);
  EXPECT_EQ(district->level, RegionLevel::District);
  EXPECT_EQ(district->name, "Cibinong");
  const Region* regency = regions().parent(*district);
  ASSERT_NE(regency, nullptr);
  EXPECT_EQ(regency->name, "Kabupaten Bogor");
  EXPECT_EQ(regions().parent(*regency)->name, "Jawa Barat");
  EXPECT_FALSE(regions().villages_of("320101").empty());
  for (const Region* v : regions().villages_of("320101")) EXPECT_EQ(v->code.substr(0, 6), "320101");
  EXPECT_EQ(regions().districts().size(), 7285u);
}

TEST(RegionTable, QuotedNamesWithCommasAreRead) {
  const Region* r = regions().find("1207281007");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "Lubuk Pakam I,II");
}

}  // namespace
}  // namespace berkas
