#include "intake/upload_names.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/error.hpp"

namespace berkas {
namespace {

// The name as it can safely appear in a message: printable ASCII as is,
// every other byte as \xNN, cut short after 80 bytes.
std::string quoted(std::string_view name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  const std::size_t shown = std::min<std::size_t>(name.size(), 80);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  out += '"';
  if (shown < name.size()) out += "... (" + std::to_string(name.size()) + " bytes)";
  return out;
}

[[noreturn]] void reject(std::string_view name, std::string_view why) {
  throw Error(ErrorCode::InvalidArgument, "upload name " + quoted(name) + " " + std::string(why));
}

// Decodes one UTF-8 sequence at s[i]; advances i. Nothing for an invalid
// sequence (truncated, overlong, surrogate, beyond U+10FFFF).
std::optional<char32_t> decode_utf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return std::nullopt;  // continuation byte, C0/C1 (always overlong), F5..FF
  }
  if (s.size() - i < static_cast<std::size_t>(length)) return std::nullopt;
  for (int k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += length;
  return cp;
}

bool is_forbidden_code_point(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

}  // namespace

std::string checked_upload_name(std::string_view name) {
  if (name.empty()) reject(name, "is empty");
  if (name.size() > kMaxUploadNameBytes) {
    reject(name, "is longer than " + std::to_string(kMaxUploadNameBytes) + " bytes");
  }
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t at = i;
    const auto cp = decode_utf8(name, i);
    if (!cp) reject(name, "is not valid UTF-8 (byte " + std::to_string(at) + ")");
    if (*cp == 0) reject(name, "contains a NUL byte");
    if (is_forbidden_code_point(*cp)) reject(name, "contains a control character (byte " + std::to_string(at) + ")");
  }

  std::string slashed(name);
  for (char& c : slashed) {
    if (c == '\\') c = '/';
  }
  if (slashed.front() == '/') reject(name, "is an absolute path");
  if (slashed.size() >= 2 && is_ascii_letter(slashed[0]) && slashed[1] == ':') {
    reject(name, "starts with a drive letter");
  }

  std::string out;
  std::size_t start = 0;
  while (start <= slashed.size()) {
    std::size_t end = slashed.find('/', start);
    if (end == std::string::npos) end = slashed.size();
    const std::string_view part = std::string_view(slashed).substr(start, end - start);
    if (part == "..") reject(name, "has a \"..\" component");
    if (!part.empty() && part != ".") {
      if (!out.empty()) out += '/';
      out += part;
    }
    start = end + 1;
  }
  if (out.empty()) reject(name, "names no file");
  return out;
}

}  // namespace berkas
