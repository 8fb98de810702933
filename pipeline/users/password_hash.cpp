#include "users/password_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <vector>

#include "core/error.hpp"

namespace berkas {
namespace {

std::string hex(const unsigned char* p, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) out += digits[p[i] >> 4], out += digits[p[i] & 15];
  return out;
}

bool unhex(const std::string& s, std::vector<unsigned char>& out) {
  if (s.size() % 2 != 0) return false;
  out.clear();
  for (size_t i = 0; i < s.size(); i += 2) {
    auto v = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    const int hi = v(s[i]), lo = v(s[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<unsigned char>(hi * 16 + lo));
  }
  return true;
}

std::vector<unsigned char> scrypt(const std::string& password, const std::vector<unsigned char>& salt, int log2_n,
                                  int r, int p, size_t length) {
  std::vector<unsigned char> key(length);
  const uint64_t n = uint64_t{1} << log2_n;
  const uint64_t max_memory = 128 * n * static_cast<uint64_t>(r) * 2 + (1u << 20);
  if (EVP_PBE_scrypt(password.data(), password.size(), salt.data(), salt.size(), n, static_cast<uint64_t>(r),
                     static_cast<uint64_t>(p), max_memory, key.data(), key.size()) != 1)
    throw Error(ErrorCode::Internal, "scrypt failed");
  return key;
}

}  // namespace

std::string hash_password(const std::string& password, const ScryptCost& cost) {
  std::vector<unsigned char> salt(16);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
    throw Error(ErrorCode::Internal, "no random bytes for a salt");
  const auto key = scrypt(password, salt, cost.log2_n, cost.r, cost.p, 32);
  return "scrypt$" + std::to_string(cost.log2_n) + "$" + std::to_string(cost.r) + "$" + std::to_string(cost.p) + "$" +
         hex(salt.data(), salt.size()) + "$" + hex(key.data(), key.size());
}

bool password_matches(const std::string& password, const std::string& stored) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= stored.size(); ++i)
    if (i == stored.size() || stored[i] == '$') parts.push_back(stored.substr(start, i - start)), start = i + 1;
  if (parts.size() != 6 || parts[0] != "scrypt") return false;
  try {
    const int log2_n = std::stoi(parts[1]), r = std::stoi(parts[2]), p = std::stoi(parts[3]);
    if (log2_n < 10 || log2_n > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
    std::vector<unsigned char> salt, expected;
    if (!unhex(parts[4], salt) || !unhex(parts[5], expected) || expected.empty()) return false;
    const auto key = scrypt(password, salt, log2_n, r, p, expected.size());
    return CRYPTO_memcmp(key.data(), expected.data(), key.size()) == 0;
  } catch (const std::exception&) {
    return false;
  }
}

std::string random_token() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw Error(ErrorCode::Internal, "no random bytes for a token");
  return hex(bytes, sizeof bytes);
}

}  // namespace berkas
