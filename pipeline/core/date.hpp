// Calendar dates as printed on Indonesian documents, without time zones.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace berkas {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  bool valid() const;
  std::string iso() const;  // YYYY-MM-DD
  // Days since 1970-01-01 (negative before); only for valid dates.
  long days_since_epoch() const;
  static Date from_days_since_epoch(long days);
  Date plus_days(long n) const { return from_days_since_epoch(days_since_epoch() + n); }

  auto operator<=>(const Date&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Strictly YYYY-MM-DD with a real calendar date.
std::optional<Date> parse_iso_date(std::string_view text);

// Today's date on this machine (UTC).
Date today();

// "Januari" .. "Desember" for 1..12.
std::string_view indonesian_month_name(int month);

}  // namespace berkas
