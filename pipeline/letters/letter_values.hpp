// The values a letter's {placeholders} are filled from: the case as typed,
// its programme, and the date of issue, in the forms a letter prints
// ("05 Januari 1990", "Perempuan", "Rp 4.350.000,-", terbilang).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/date.hpp"
#include "rules/program_rules.hpp"

namespace berkas {

std::string long_date(const Date& date);     // "24 November 2026"
std::string weekday_name(const Date& date);  // "Selasa"
std::string dotted_thousands(uint64_t n);    // "4.350.000"
std::string rupiah_text(uint64_t rupiah);    // "Rp 4.350.000,-"

// Every value is present; what the case lacks prints as "-".
std::map<std::string, std::string> case_letter_values(const nlohmann::json& case_data, const ProgramRules& program,
                                                      const Date& issued);

}  // namespace berkas
