#include <cstdio>

#include "documents.hpp"

namespace berkas::samples {

std::string dd_mm_yyyy(const Date& d, char sep) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%c%02d%c%04d", d.day, sep, d.month, sep, d.year);
  return buf;
}

std::string long_date(const Date& d) {
  return std::to_string(d.day) + " " + std::string(indonesian_month_name(d.month)) + " " + std::to_string(d.year);
}

std::string rupiah(long amount) {
  std::string digits = std::to_string(amount), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string sex_word(char sex) { return sex == 'F' ? "PEREMPUAN" : "LAKI-LAKI"; }

long HospitalBill::total() const {
  long t = 0;
  for (const auto& i : items) t += i.amount;
  return t;
}

}  // namespace berkas::samples
