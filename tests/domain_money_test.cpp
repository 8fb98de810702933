// Rupiah amounts to whole rupiah as plain digits.
#include <gtest/gtest.h>

#include "domain/money.hpp"

namespace berkas {
namespace {

std::string rupiah(std::string_view text) { return parse_rupiah(text).value_or("none"); }

TEST(DomainMoney, IndonesianStyle) {
  EXPECT_EQ(rupiah("Rp 1.250.000,-"), "1250000");
  EXPECT_EQ(rupiah("Rp1.250.000,00"), "1250000");
  EXPECT_EQ(rupiah("RP 4.550.000,00"), "4550000");
  EXPECT_EQ(rupiah("1.250.000"), "1250000");
  EXPECT_EQ(rupiah("Rp. 350.000"), "350000");
  EXPECT_EQ(rupiah("Rp 12.345.000,-"), "12345000");
  EXPECT_EQ(rupiah("Rp 350,00"), "350");
  EXPECT_EQ(rupiah("Rp 75.000,5"), "75000");
  EXPECT_EQ(rupiah("Rp. 1. 250.000"), "1250000");
}

TEST(DomainMoney, EnglishStyleAndPlainDigits) {
  EXPECT_EQ(rupiah("IDR 1,250,000.00"), "1250000");
  EXPECT_EQ(rupiah("IDR 1,250,000"), "1250000");
  EXPECT_EQ(rupiah("1250000"), "1250000");
  EXPECT_EQ(rupiah("Rp 0"), "0");
  EXPECT_EQ(rupiah("Rp 007.500"), "7500");
}

TEST(DomainMoney, LetterOReadForZeroInsideGroups) {
  EXPECT_EQ(rupiah("Rp 1.25O.OOO,-"), "1250000");
  EXPECT_EQ(rupiah("Rp 4.550.0O0,00"), "4550000");
}

TEST(DomainMoney, AfterACurrencyMarkASpaceMaySeparateThousands) {
  EXPECT_EQ(rupiah("T0TAL Rp 2.065 OOO"), "2065000");
  EXPECT_EQ(rupiah("Rp 12 345 000,-"), "12345000");
  EXPECT_EQ(rupiah("Rp 2.065 000,00"), "2065000");
  // Without a currency mark a space ends the number.
  EXPECT_EQ(rupiah("2 500.000"), "2");
  EXPECT_EQ(rupiah("Rp 2.065 0001"), "2065");
}

TEST(DomainMoney, TheAmountAfterTheCurrencyMarkWins) {
  EXPECT_EQ(rupiah("Total 3 item Rp 1.250.000,-"), "1250000");
  EXPECT_EQ(rupiah("Jumlah: 2.100.000 (dua juta seratus ribu rupiah)"), "2100000");
}

TEST(DomainMoney, RejectsTextWithoutAnAmountOrWithBrokenGroups) {
  EXPECT_EQ(rupiah(""), "none");
  EXPECT_EQ(rupiah("Rp -"), "none");
  EXPECT_EQ(rupiah("TOTAL"), "none");
  EXPECT_EQ(rupiah("Rp 1.25.000"), "none");
  EXPECT_EQ(rupiah("Rp 1.250000"), "none");
  EXPECT_EQ(rupiah("Rp 1250.000"), "none");
  EXPECT_EQ(rupiah("Rp 1.250,000.00"), "none");
  EXPECT_EQ(rupiah("Rp 1.250.000.00"), "none");  // one mark for both jobs
}

}  // namespace
}  // namespace berkas
