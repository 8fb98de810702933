// RT/RW (neighbourhood / hamlet numbers) as printed on KTP, KK and letters.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace berkas {

// "003/005" from "003/005", "3/5", "003 / 005", "RT 003 RW 005", "003/0O5"
// or six digits "003005". Nothing for anything else, including RT 000.
std::optional<std::string> parse_rt_rw(std::string_view text);

}  // namespace berkas
