#include "domain/rt_rw.hpp"

#include <cctype>
#include <vector>

#include "domain/ocr_lookalikes.hpp"

namespace berkas {
namespace {

std::string upper(std::string_view s) {
  std::string out;
  // A lower-case l is a misread 1 here; upper-casing would hide that.
  for (char c : s) out += c == 'l' ? '1' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Removes the RT and RW labels ("RT/RW", "RT.", "RW:") so only numbers stay.
std::string without_labels(std::string s) {
  for (const char* label : {"RT", "RW"}) {
    size_t pos;
    while ((pos = s.find(label)) != std::string::npos) s.replace(pos, 2, " ");
  }
  return s;
}

bool separator(char c) { return c == '/' || c == '\\' || c == '-' || c == ' ' || c == ':' || c == '.' || c == ','; }

std::optional<std::string> padded(const std::string& digits) {
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  if (digits.find_first_not_of('0') == std::string::npos) return std::nullopt;  // RT/RW 000 is never issued
  return std::string(3 - digits.size(), '0') + digits;
}

}  // namespace

std::optional<std::string> parse_rt_rw(std::string_view text) {
  std::string s = without_labels(upper(text));
  // '|' is a 1 inside a group but the slash when it stands between two.
  if (s.find('/') == std::string::npos) {
    const size_t bar = s.find('|');
    if (bar != std::string::npos && bar > 0 && bar + 1 < s.size() && s.find('|', bar + 1) == std::string::npos &&
        std::isdigit(static_cast<unsigned char>(s[bar - 1])) && std::isdigit(static_cast<unsigned char>(s[bar + 1])))
      s[bar] = '/';
  }
  std::vector<std::string> groups;
  bool in_group = false;
  for (char c : s) {
    if (separator(c)) {
      in_group = false;
      continue;
    }
    auto d = digit_in_group(c);
    if (!d) return std::nullopt;
    if (!in_group) groups.emplace_back();
    groups.back() += *d;
    in_group = true;
  }
  if (groups.size() == 1 && groups[0].size() == 6) groups = {groups[0].substr(0, 3), groups[0].substr(3)};
  if (groups.size() != 2) return std::nullopt;
  auto rt = padded(groups[0]);
  auto rw = padded(groups[1]);
  if (!rt || !rw) return std::nullopt;
  return *rt + "/" + *rw;
}

}  // namespace berkas
