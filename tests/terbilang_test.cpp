// Amounts in words as payment approvals print them (letters/terbilang).
#include "letters/terbilang.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace berkas {
namespace {

TEST(Terbilang, SmallNumbersUseTheSeForms) {
  EXPECT_EQ(terbilang(0), "nol");
  EXPECT_EQ(terbilang(1), "satu");
  EXPECT_EQ(terbilang(10), "sepuluh");
  EXPECT_EQ(terbilang(11), "sebelas");
  EXPECT_EQ(terbilang(12), "dua belas");
  EXPECT_EQ(terbilang(19), "sembilan belas");
  EXPECT_EQ(terbilang(20), "dua puluh");
  EXPECT_EQ(terbilang(45), "empat puluh lima");
  EXPECT_EQ(terbilang(100), "seratus");
  EXPECT_EQ(terbilang(111), "seratus sebelas");
  EXPECT_EQ(terbilang(250), "dua ratus lima puluh");
}

TEST(Terbilang, ThousandsAndLarger) {
  EXPECT_EQ(terbilang(1000), "seribu");
  EXPECT_EQ(terbilang(1100), "seribu seratus");
  EXPECT_EQ(terbilang(2001), "dua ribu satu");
  EXPECT_EQ(terbilang(11000), "sebelas ribu");
  EXPECT_EQ(terbilang(101000), "seratus satu ribu");
  EXPECT_EQ(terbilang(1000000), "satu juta");
  EXPECT_EQ(terbilang(1001000), "satu juta seribu");
  EXPECT_EQ(terbilang(2500000000ull), "dua miliar lima ratus juta");
  EXPECT_EQ(terbilang(1000000000000ull), "satu triliun");
}

TEST(Terbilang, RupiahAsOnAPaymentApproval) {
  EXPECT_EQ(terbilang_rupiah(4350000), "empat juta tiga ratus lima puluh ribu rupiah");
  EXPECT_EQ(terbilang_rupiah(17505000), "tujuh belas juta lima ratus lima ribu rupiah");
  EXPECT_EQ(terbilang_rupiah(999999),
            "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan rupiah");
  EXPECT_THROW(terbilang(1'000'000'000'000'000ull), Error);
}

}  // namespace
}  // namespace berkas
