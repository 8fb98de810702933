// Repairing NIK and KK numbers read by OCR: only when the result is certain.
#include <gtest/gtest.h>

#include "domain/nik_repair.hpp"

namespace berkas {
namespace {

const RegionTable& regions() { return RegionTable::standard(); }

// 351023 = Tegalsari, Kabupaten Banyuwangi.
const Date kBirth{1990, 1, 5};
const std::string kWoman = make_nik("351023", kBirth, 'F', 3);  // 3510234501900003

std::string with(std::string s, size_t pos, char c) {
  s[pos] = c;
  return s;
}

TEST(DomainNikRepair, AValidNumberComesBackAsItIs) {
  ASSERT_EQ(kWoman, "3510234501900003");
  auto r = repair_nik(kWoman, regions(), 2026, kBirth, 'F');
  ASSERT_TRUE(r);
  EXPECT_EQ(r->digits, kWoman);
  EXPECT_EQ(r->substitutions, 0);
  EXPECT_TRUE(r->consistent);
  EXPECT_TRUE(r->reading.ok());
  EXPECT_EQ(r->reading.sex, 'F');
}

TEST(DomainNikRepair, AValidNumberThatDisagreesWithThePrintedDataIsReturnedButMarked) {
  auto r = repair_nik(kWoman, regions(), 2026, Date{1990, 1, 6}, 'F');
  ASSERT_TRUE(r);
  EXPECT_EQ(r->digits, kWoman);
  EXPECT_FALSE(r->consistent);
  r = repair_nik(kWoman, regions(), 2026, std::nullopt, 'M');
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->consistent);
}

TEST(DomainNikRepair, SpacesAndDotsAreDropped) {
  auto r = repair_nik("3510 2345 0190 0003", regions(), 2026);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->digits, kWoman);
  EXPECT_EQ(r->substitutions, 0);
  r = repair_nik("35.10.23.450190.0003", regions(), 2026);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->digits, kWoman);
}

TEST(DomainNikRepair, LettersReadForDigitsAreRepairedAndCounted) {
  auto r = repair_nik("35I0234SOI9OOOO3", regions(), 2026, kBirth, 'F');
  ASSERT_TRUE(r);
  EXPECT_EQ(r->digits, kWoman);
  EXPECT_EQ(r->substitutions, 8);
  EXPECT_TRUE(r->consistent);
  EXPECT_EQ(r->reading.birth_date, kBirth);

  // Without printed data a repair that leaves one possible NIK is accepted.
  r = repair_nik("3Sl0Z34S0l9DOOO3", regions(), 2026);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->digits, kWoman);
  EXPECT_EQ(r->substitutions, 9);

  const std::string man = make_nik("320101", Date{1988, 6, 16}, 'M', 4218);  // 3201011606884218
  r = repair_nik("32OIOIIGO6BB42I8", regions(), 2026, Date{1988, 6, 16}, 'M');
  ASSERT_TRUE(r);
  EXPECT_EQ(r->digits, man);
  EXPECT_EQ(r->substitutions, 10);
}

TEST(DomainNikRepair, RefusesARepairThatDisagreesWithThePrintedBirthDateOrSex) {
  const std::string raw = with(kWoman, 2, 'I');
  ASSERT_TRUE(repair_nik(raw, regions(), 2026, kBirth, 'F'));
  EXPECT_FALSE(repair_nik(raw, regions(), 2026, Date{1990, 1, 6}, 'F'));
  EXPECT_FALSE(repair_nik(raw, regions(), 2026, Date{1991, 1, 5}));
  EXPECT_FALSE(repair_nik(raw, regions(), 2026, kBirth, 'M'));
  EXPECT_FALSE(repair_nik(raw, regions(), 2026, std::nullopt, 'M'));
}

TEST(DomainNikRepair, AmbiguousRepairsAreRefusedUnlessThePrintedDataDecides) {
  // T may be a 7 or a 1. In the serial both give a possible NIK: refuse.
  const std::string serial_17 = make_nik("351023", kBirth, 'F', 17);
  EXPECT_FALSE(repair_nik(with(serial_17, 15, 'T'), regions(), 2026, kBirth, 'F'));
  // In the day, 11 or 17 January: the printed birth date decides.
  const Date born{1990, 1, 17};
  const std::string man = make_nik("351023", born, 'M', 3);  // ...170190...
  const std::string raw = with(man, 7, 'T');
  EXPECT_FALSE(repair_nik(raw, regions(), 2026));
  auto r = repair_nik(raw, regions(), 2026, born, 'M');
  ASSERT_TRUE(r);
  EXPECT_EQ(r->digits, man);
  EXPECT_EQ(r->substitutions, 1);
  EXPECT_FALSE(repair_nik(raw, regions(), 2026, Date{1990, 1, 12}, 'M'));
}

TEST(DomainNikRepair, RefusesWrongLengthsUnknownRegionsImpossibleDatesAndUnreadableCharacters) {
  EXPECT_FALSE(repair_nik(kWoman.substr(0, 15), regions(), 2026));
  EXPECT_FALSE(repair_nik(kWoman + "1", regions(), 2026));
  EXPECT_FALSE(repair_nik("35I023450190003", regions(), 2026));  // 15 characters: no digit is guessed
  EXPECT_FALSE(repair_nik("", regions(), 2026));
  // 991023 is no district.
  EXPECT_FALSE(repair_nik("99I0234501900003", regions(), 2026));
  // Day 32 (after a repair), and 30 February.
  EXPECT_FALSE(repair_nik("35I0233201900003", regions(), 2026));
  EXPECT_FALSE(repair_nik("35I0237002900003", regions(), 2026));
  // Serial 0000 is never issued.
  EXPECT_FALSE(repair_nik("35I023450190OOOO", regions(), 2026));
  // A character that looks like no digit.
  EXPECT_FALSE(repair_nik("351023450190000X", regions(), 2026));
  EXPECT_FALSE(repair_nik("3510234501?00003", regions(), 2026));
  // Valid-looking digits that are no NIK are not "repaired" by changing digits.
  EXPECT_FALSE(repair_nik("9999994501900003", regions(), 2026));
}

TEST(DomainNikRepair, KkNumbers) {
  const std::string kk = make_kk_number("351023", Date{2010, 1, 1}, 7);  // 3510230101100007
  auto r = repair_kk_number(kk, regions(), 2026);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->digits, kk);
  EXPECT_EQ(r->substitutions, 0);
  r = repair_kk_number("35IO23OIOIIOOOO7", regions(), 2026);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->digits, kk);
  EXPECT_EQ(r->substitutions, 11);
  EXPECT_TRUE(r->consistent);
  // A KK date has no +40: day 41 is impossible.
  EXPECT_FALSE(repair_kk_number("35IO234IOIIOOOO7", regions(), 2026));
  EXPECT_FALSE(repair_kk_number("35IO23OIOIIOOO7", regions(), 2026));
  EXPECT_FALSE(repair_kk_number("99IO23OIOIIOOOO7", regions(), 2026));
}

}  // namespace
}  // namespace berkas
