// Dates as printed on KTP, KK, SKTM and bills, read through OCR.
#include <gtest/gtest.h>

#include "domain/document_dates.hpp"

namespace berkas {
namespace {

std::string parsed(std::string_view text, int reference_year = 2026) {
  auto d = parse_document_date(text, reference_year);
  return d ? d->iso() : "none";
}

TEST(DomainDates, NumericFormsWithAnySeparator) {
  EXPECT_EQ(parsed("05-01-1990"), "1990-01-05");
  EXPECT_EQ(parsed("5-1-1990"), "1990-01-05");
  EXPECT_EQ(parsed("05/01/1990"), "1990-01-05");
  EXPECT_EQ(parsed("05.01.1990"), "1990-01-05");
  EXPECT_EQ(parsed("05 - 01 - 1990"), "1990-01-05");
  EXPECT_EQ(parsed("1990-01-05"), "1990-01-05");
  EXPECT_EQ(parsed(" 31-12-2030 ."), "2030-12-31");
}

TEST(DomainDates, MonthNamesFullShortOldAndUpperCase) {
  EXPECT_EQ(parsed("05 Januari 1990"), "1990-01-05");
  EXPECT_EQ(parsed("05 JANUARI 1990"), "1990-01-05");
  EXPECT_EQ(parsed("5 Jan 90"), "1990-01-05");
  EXPECT_EQ(parsed("5 Jan. 90"), "1990-01-05");
  EXPECT_EQ(parsed("5-Jan-1990"), "1990-01-05");
  EXPECT_EQ(parsed("5 Pebruari 1990"), "1990-02-05");
  EXPECT_EQ(parsed("12 Nopember 1985"), "1985-11-12");
  EXPECT_EQ(parsed("17 Agustus 1945"), "1945-08-17");
  EXPECT_EQ(parsed("17 Agt 1945"), "1945-08-17");
  EXPECT_EQ(parsed("17 Agst 1945"), "1945-08-17");
  EXPECT_EQ(parsed("17 Ags 1945"), "1945-08-17");
  EXPECT_EQ(parsed("2 Sept 2026"), "2026-09-02");
  EXPECT_EQ(parsed("2 Sep 2026"), "2026-09-02");
  EXPECT_EQ(parsed("24 Des 2025"), "2025-12-24");
  EXPECT_EQ(parsed("1 Mei 2000"), "2000-05-01");
  EXPECT_EQ(parsed("1 Juli 2000"), "2000-07-01");
}

TEST(DomainDates, TwoDigitYearsGoToTheLatestCenturyNotAfterTheReferenceYear) {
  EXPECT_EQ(parsed("05-01-26", 2026), "2026-01-05");
  EXPECT_EQ(parsed("05-01-27", 2026), "1927-01-05");
  EXPECT_EQ(parsed("05-01-90", 2026), "1990-01-05");
  EXPECT_EQ(parsed("05-01-10", 2009), "1910-01-05");
}

TEST(DomainDates, LettersReadForDigitsAreRepaired) {
  EXPECT_EQ(parsed("O5-01-199O"), "1990-01-05");
  EXPECT_EQ(parsed("05-0I-1990"), "1990-01-05");
  EXPECT_EQ(parsed("05-01-l990"), "1990-01-05");
  EXPECT_EQ(parsed("05/|2/1990"), "1990-12-05");
  EXPECT_EQ(parsed("2S-12-1990"), "1990-12-25");
  EXPECT_EQ(parsed("05-01-198B"), "1988-01-05");
  EXPECT_EQ(parsed("Z1-04-1990"), "1990-04-21");
}

// A separator read as a 1 glues two groups; only a real date is taken, and
// only where nothing else in the text reads as a date.
TEST(DomainDates, ASeparatorReadAsAOneIsTakenForTheSeparator) {
  EXPECT_EQ(parsed("29109/2026"), "2026-09-29");
  EXPECT_EQ(parsed("29/0912026"), "2026-09-29");
  EXPECT_EQ(parsed("05l01-1990"), "1990-01-05");
  EXPECT_EQ(parsed("29/09126"), "2026-09-29");
  EXPECT_EQ(parsed("32109/2026"), "none");  // no 32nd
  EXPECT_EQ(parsed("29159/2026"), "none");  // no month 59
  EXPECT_EQ(parsed("2910912026"), "none");  // both separators lost: too far gone
  EXPECT_EQ(parsed("29a09/2026"), "none");
  auto found = find_document_date("ROSMANIAR 29109/2026 | 02/10/2026", 2026);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->date.iso(), "2026-10-02");                       // the date as printed wins
  EXPECT_FALSE(find_document_date("Nomor: 440/12105/2026", 2026));  // a letter number
}

TEST(DomainDates, DamagedMonthNamesAreRecognised) {
  EXPECT_EQ(parsed("05 JANUAR1 1990"), "1990-01-05");
  EXPECT_EQ(parsed("05 FEBRUAR1 1990"), "1990-02-05");
  EXPECT_EQ(parsed("05 NOPEMBER 1990"), "1990-11-05");
  EXPECT_EQ(parsed("05 DESEMBFR 1990"), "1990-12-05");
  EXPECT_EQ(parsed("05 SEPTEMBFR 1990"), "1990-09-05");
  EXPECT_EQ(parsed("05 0KT0BER 1990"), "1990-10-05");
  // Short names leave no room: JUNX could be JUNI or JULI.
  EXPECT_EQ(parsed("05 JUNX 1990"), "none");
}

TEST(DomainDates, ImpossibleDatesAndRubbishAreRejected) {
  EXPECT_EQ(parsed("31-02-1990"), "none");
  EXPECT_EQ(parsed("29-02-2001"), "none");
  EXPECT_EQ(parsed("29-02-2000"), "2000-02-29");
  EXPECT_EQ(parsed("05-13-1990"), "none");
  EXPECT_EQ(parsed("00-01-1990"), "none");
  EXPECT_EQ(parsed("32 Januari 1990"), "none");
  EXPECT_EQ(parsed(""), "none");
  EXPECT_EQ(parsed("SEUMUR HIDUP"), "none");
  EXPECT_EQ(parsed("05 Bulan 1990"), "none");
  EXPECT_EQ(parsed("05011990"), "none");
  EXPECT_EQ(parsed("05-01-1990 BOGOR"), "none");
  EXPECT_EQ(parsed("1.250.000"), "none");
  EXPECT_EQ(parsed("SOS-OI-SOS"), "none");
  EXPECT_EQ(parsed("05-01-1850"), "none");
}

TEST(DomainDates, FindsTheLastDateInFreeTextWithItsSpan) {
  const std::string place_date = "LUBUK KILANGAN, 30-01-1988";
  auto found = find_document_date(place_date, 2026);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->date.iso(), "1988-01-30");
  EXPECT_EQ(place_date.substr(found->begin, found->end - found->begin), "30-01-1988");
  EXPECT_EQ(place_date.substr(0, found->begin), "LUBUK KILANGAN, ");

  const std::string signed_at = "Dikeluarkan di BANYUWANGI, 2 SEPTEMBER 2026 Kepala Desa";
  found = find_document_date(signed_at, 2026);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->date.iso(), "2026-09-02");
  EXPECT_EQ(signed_at.substr(found->begin, found->end - found->begin), "2 SEPTEMBER 2026");

  // The last one wins: admission then discharge.
  const std::string stay = "Tgl masuk 01/02/2026 tgl keluar 05/02/2026";
  found = find_document_date(stay, 2026);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->date.iso(), "2026-02-05");
  EXPECT_EQ(found->end, stay.size());
}

TEST(DomainDates, FindIgnoresLetterNumbersAndTextWithoutDates) {
  EXPECT_FALSE(find_document_date("Nomor: 470/05/01/2026", 2026));
  EXPECT_FALSE(find_document_date("Nama : SITI AMINAH", 2026));
  EXPECT_FALSE(find_document_date("Total Rp 1.250.000,-", 2026));
  auto found = find_document_date("Nomor: 470/12/2026, Bogor, 05-01-2026", 2026);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->date.iso(), "2026-01-05");
}

}  // namespace
}  // namespace berkas
