// SHA-256 of bytes, as lowercase hex (OpenSSL).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace berkas {

std::string sha256_hex(std::span<const uint8_t> bytes);

}  // namespace berkas
