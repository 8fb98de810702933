// Rupiah amounts as printed on hospital bills and letters: "Rp 1.250.000,-",
// "Rp1.250.000,00", "IDR 1,250,000.00", "1.250.000".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace berkas {

// Whole rupiah as plain digits ("1250000"): the first amount after "Rp" or
// "IDR", else the first number in the text. Thousands and decimal separators
// are told apart by the group structure (groups of three after a separator
// are thousands, a final group of one or two digits is cents, dropped).
// Nothing when there is no number or the groups make no sense ("1.25.000").
std::optional<std::string> parse_rupiah(std::string_view text);

}  // namespace berkas
