#include "letters/letter_values.hpp"

#include <array>
#include <cmath>

#include "cases/case_file.hpp"
#include "letters/terbilang.hpp"

namespace berkas {
namespace {

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string long_date_of(const std::string& iso) {
  auto d = parse_iso_date(iso);
  return d ? long_date(*d) : "-";
}

std::string percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + "%"; }

}  // namespace

std::string long_date(const Date& date) {
  char day[4];
  std::snprintf(day, sizeof day, "%02d", date.day);
  return std::string(day) + " " + std::string(indonesian_month_name(date.month)) + " " + std::to_string(date.year);
}

std::string weekday_name(const Date& date) {
  static const std::array<const char*, 7> kDays{"Kamis", "Jumat", "Sabtu", "Minggu", "Senin", "Selasa", "Rabu"};
  const long days = date.days_since_epoch();  // 1970-01-01 was a Thursday
  return kDays[static_cast<size_t>(((days % 7) + 7) % 7)];
}

std::string dotted_thousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string rupiah_text(uint64_t rupiah) { return "Rp " + dotted_thousands(rupiah) + ",-"; }

std::map<std::string, std::string> case_letter_values(const nlohmann::json& c, const ProgramRules& program,
                                                      const Date& issued) {
  std::map<std::string, std::string> v;
  v["case_id"] = or_dash(case_value(c, "case_id"));
  for (const char* name : {"nik", "name", "birth_place", "address", "kk_number", "head_name"})
    v[std::string("applicant.") + name] = or_dash(case_value(c, std::string("applicant.") + name));
  v["applicant.birth_date_long"] = long_date_of(case_value(c, "applicant.birth_date"));
  const std::string sex = case_value(c, "applicant.sex");
  v["applicant.sex_long"] = sex == "F" ? "Perempuan" : sex == "M" ? "Laki-laki" : "-";
  v["care.hospital"] = or_dash(case_value(c, "care.hospital"));
  v["care.admission_date_long"] = long_date_of(case_value(c, "care.admission_date"));
  v["care.discharge_date_long"] = long_date_of(case_value(c, "care.discharge_date"));
  v["claim.invoice_number"] = or_dash(case_value(c, "claim.invoice_number"));
  const std::string amount_text = case_value(c, "claim.amount");
  const uint64_t amount = amount_text.empty() ? 0 : std::stoull(amount_text);
  v["claim.amount_rupiah"] = amount_text.empty() ? "-" : rupiah_text(amount);
  v["claim.amount_dotted"] = amount_text.empty() ? "-" : dotted_thousands(amount);
  v["claim.amount_words"] = amount_text.empty() ? "-" : terbilang_rupiah(amount);
  v["program.title"] = program.title;
  v["program.claim_deadline_days"] = std::to_string(program.claim_deadline_days);
  if (program.cost_share) {
    const auto province =
        static_cast<uint64_t>(std::llround(static_cast<double>(amount) * program.cost_share->province));
    v["share.province_percent"] = percent(program.cost_share->province);
    v["share.district_percent"] = percent(program.cost_share->district);
    v["share.province_rupiah"] = rupiah_text(province);
    v["share.district_rupiah"] = rupiah_text(amount - province);  // the two shares add up to the amount
  }
  v["date.long"] = long_date(issued);
  v["date.weekday"] = weekday_name(issued);
  return v;
}

}  // namespace berkas
