// A register cell read by OCR, in its column type's normal form: what the
// archive's rows and CSV hold, and what is sent to review instead of guessed.
#include "archive/cell_value.hpp"

#include <gtest/gtest.h>

#include "core/csv.hpp"

namespace berkas {
namespace {

TEST(CellValue, NumbersDatesAndAmountsInNormalForm) {
  EXPECT_EQ(normalize_cell(CellType::Seq, "0412", 2026).value, "412");
  EXPECT_FALSE(normalize_cell(CellType::Seq, "41 2 A", 2026).valid);
  EXPECT_EQ(normalize_cell(CellType::Date, "05/11/2026", 2026).value, "2026-11-05");
  EXPECT_EQ(normalize_cell(CellType::Date, "5 Nov 2026", 2026).value, "2026-11-05");
  EXPECT_FALSE(normalize_cell(CellType::Date, "31-02-2026", 2026).valid);
  EXPECT_EQ(normalize_cell(CellType::Money, "12.750.000", 2026).value, "12750000");
  // A NIK with a letter read for a digit is repaired only to a possible NIK.
  const auto nik = normalize_cell(CellType::Nik, "32O1014501900003", 2026);
  EXPECT_TRUE(nik.valid);
  EXPECT_EQ(nik.value, "3201014501900003");
  const auto impossible = normalize_cell(CellType::Nik, "3201019901900003", 2026);
  EXPECT_FALSE(impossible.valid);
  EXPECT_EQ(impossible.reason, "not a possible NIK");
}

TEST(CellValue, LetterNumbersNeedPartsAndAYear) {
  EXPECT_TRUE(normalize_cell(CellType::LetterNumber, "440/107/REK/DINKES/2026", 2026).valid);
  EXPECT_EQ(normalize_cell(CellType::LetterNumber, "400.7 / 12 / DINKES / 2025", 2026).value, "400.7/12/DINKES/2025");
  // A slash read as I leaves too few parts; a year read wrong is no year.
  EXPECT_FALSE(normalize_cell(CellType::LetterNumber, "440/107IREKIDINKES/2026", 2026).valid);
  EXPECT_FALSE(normalize_cell(CellType::LetterNumber, "440/107/REK/DINKES/2625", 2026).valid);
}

TEST(CellValue, SpecksAroundWordsOfFreeTextAreDropped) {
  EXPECT_EQ(normalize_cell(CellType::Text, "RS -BARI", 2026).value, "RS BARI");
  EXPECT_EQ(normalize_cell(CellType::Text, "JL. MAWAR NO. .37", 2026).value, "JL. MAWAR NO. 37");
  EXPECT_EQ(normalize_cell(CellType::Text, "RSUD BATANG\u201D", 2026).value, "RSUD BATANG");
  EXPECT_EQ(normalize_cell(CellType::Text, "DUSUN PAROPO: I", 2026).value, "DUSUN PAROPO I");
  EXPECT_EQ(normalize_cell(CellType::Text, "RSUP M. HOESIN", 2026).value, "RSUP M. HOESIN");
  EXPECT_EQ(normalize_cell(CellType::Text, "Pengajuan klaim Jampersal", 2026).value, "PENGAJUAN KLAIM JAMPERSAL");
  EXPECT_FALSE(normalize_cell(CellType::Text, " - ", 2026).valid);
}

TEST(Csv, FieldsAreQuotedOnlyWhenTheyMustBe) {
  EXPECT_EQ(csv_line({"a", "b c", ""}), "a,b c,");
  EXPECT_EQ(csv_line({"JL. MAWAR, NO. 5", "say \"hi\""}), "\"JL. MAWAR, NO. 5\",\"say \"\"hi\"\"\"");
  EXPECT_EQ(split_csv_line(csv_line({"x,y", "q\"q"})), (std::vector<std::string>{"x,y", "q\"q"}));
}

}  // namespace
}  // namespace berkas
