// Passwords are kept only as slow, salted scrypt hashes (OpenSSL), in the
// form scrypt$N$r$p$<salt hex>$<hash hex>; tokens are random and kept only
// as their SHA-256.
#pragma once

#include <string>

namespace berkas {

struct ScryptCost {
  int log2_n = 15;  // N = 32768: about 32 MiB and tens of milliseconds per hash
  int r = 8, p = 1;
};

std::string hash_password(const std::string& password, const ScryptCost& cost = {});

// In constant time; false for a malformed stored hash.
bool password_matches(const std::string& password, const std::string& stored_hash);

// 32 random bytes as 64 hex digits: a session or station token.
std::string random_token();

}  // namespace berkas
