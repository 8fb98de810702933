// Letter numbers: a pattern per letter kind, e.g. "{class}/{seq:4}/{unit}/{year}"
// -> "400.7/0107/DINKES/2026", and the serial behind it, per kind per year,
// drawn inside the transaction that stores the letter so a number is never
// skipped, repeated or reused (a failed issue rolls the serial back).
#pragma once

#include <map>
#include <pqxx/transaction>
#include <string>

namespace berkas {

// Placeholders: {seq} or {seq:N} (zero-padded to N digits), {year},
// {month} (01..12), {month_roman} (I..XII), and any name in `values`
// ({class}, {unit}, ...). Throws berkas::Error for an unknown placeholder
// or a pattern without {seq}.
std::string format_letter_number(const std::string& pattern, const std::map<std::string, std::string>& values, int seq,
                                 int year, int month);

// The next serial of `kind` in `year`, locked until `txn` ends: concurrent
// issuers wait for each other, and a rolled-back issue gives its serial back.
int next_letter_serial(pqxx::transaction_base& txn, const std::string& kind, int year);

}  // namespace berkas
