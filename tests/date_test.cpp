#include "core/date.hpp"

#include <gtest/gtest.h>

namespace berkas {
namespace {

TEST(Date, IsoRoundTripAndValidation) {
  auto d = parse_iso_date("2026-02-28");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->iso(), "2026-02-28");
  EXPECT_FALSE(parse_iso_date("2026-02-29"));
  EXPECT_TRUE(parse_iso_date("2024-02-29"));
  EXPECT_FALSE(parse_iso_date("2026-13-01"));
  EXPECT_FALSE(parse_iso_date("26-01-01"));
  EXPECT_FALSE(parse_iso_date("2026-1-01"));
  EXPECT_FALSE(parse_iso_date("2026-01-01x"));
}

TEST(Date, DayArithmeticCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ((Date{1970, 1, 1}).days_since_epoch(), 0);
  EXPECT_EQ((Date{2024, 2, 28}).plus_days(1), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2023, 12, 31}).plus_days(1), (Date{2024, 1, 1}));
  EXPECT_EQ((Date{2026, 3, 10}).plus_days(-180), (Date{2025, 9, 11}));
  EXPECT_EQ((Date{1950, 6, 15}).plus_days(-1), (Date{1950, 6, 14}));
}

TEST(Date, IndonesianMonthNames) {
  EXPECT_EQ(indonesian_month_name(1), "Januari");
  EXPECT_EQ(indonesian_month_name(8), "Agustus");
  EXPECT_EQ(indonesian_month_name(13), "");
}

}  // namespace
}  // namespace berkas
