// Amounts in Indonesian words (*terbilang*), as payment approvals write
// them beside the figures: 4350000 -> "empat juta tiga ratus lima puluh ribu
// rupiah". Uses the forms officials write: "seratus", "seribu", "sebelas",
// "sepuluh".
#pragma once

#include <cstdint>
#include <string>

namespace berkas {

// The words for a whole number, lower case: 0 -> "nol", 1100 -> "seribu
// seratus". Up to 999 999 999 999 999 (ratusan triliun).
std::string terbilang(uint64_t n);

// "empat juta tiga ratus lima puluh ribu rupiah".
std::string terbilang_rupiah(uint64_t rupiah);

}  // namespace berkas
