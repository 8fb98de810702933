#include "letters/terbilang.hpp"

#include <array>

#include "core/error.hpp"

namespace berkas {
namespace {

constexpr std::array<const char*, 12> kUnits{"",     "satu",  "dua",     "tiga",     "empat",   "lima",
                                             "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"};

void append(std::string& out, const std::string& words) {
  if (words.empty()) return;
  if (!out.empty()) out += ' ';
  out += words;
}

// 0..999 without the leading "se" forms of the scales (those are handled by
// the caller: "seribu", never "satu ribu").
std::string below_thousand(unsigned n) {
  std::string out;
  const unsigned hundreds = n / 100, rest = n % 100;
  if (hundreds == 1)
    append(out, "seratus");
  else if (hundreds > 1)
    append(out, std::string(kUnits[hundreds]) + " ratus");
  if (rest < 12)
    append(out, kUnits[rest]);
  else if (rest < 20)
    append(out, std::string(kUnits[rest - 10]) + " belas");
  else {
    append(out, std::string(kUnits[rest / 10]) + " puluh");
    append(out, kUnits[rest % 10]);
  }
  return out;
}

}  // namespace

std::string terbilang(uint64_t n) {
  if (n == 0) return "nol";
  if (n > 999'999'999'999'999ull) throw Error(ErrorCode::InvalidArgument, "amount too large to write in words");
  static const std::array<const char*, 5> kScales{"", "ribu", "juta", "miliar", "triliun"};
  std::array<unsigned, 5> groups{};
  for (auto& g : groups) g = static_cast<unsigned>(n % 1000), n /= 1000;
  std::string out;
  for (int i = 4; i >= 0; --i) {
    const unsigned g = groups[static_cast<size_t>(i)];
    if (g == 0) continue;
    if (i == 1 && g == 1)
      append(out, "seribu");
    else
      append(out, below_thousand(g) + (i > 0 ? std::string(" ") + kScales[static_cast<size_t>(i)] : ""));
  }
  return out;
}

std::string terbilang_rupiah(uint64_t rupiah) { return terbilang(rupiah) + " rupiah"; }

}  // namespace berkas
