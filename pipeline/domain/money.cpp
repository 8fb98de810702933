#include "domain/money.hpp"

#include <cctype>
#include <vector>

namespace berkas {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
// O read for a 0 inside an amount (the only confusion common in amounts
// that cannot be a word next to it).
bool zero_lookalike(char c) { return c == 'O' || c == 'o'; }
bool group_separator(char c) { return c == '.' || c == ','; }

// Where the amount starts: after the first currency mark, if any.
size_t amount_start(std::string_view text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    const char a = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    const char b = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i + 1])));
    const bool word_start = i == 0 || !std::isalpha(static_cast<unsigned char>(text[i - 1]));
    if (!word_start) continue;
    if (a == 'R' && b == 'P') return i + 2;
    if (a == 'I' && b == 'D' && i + 2 < text.size() && std::toupper(static_cast<unsigned char>(text[i + 2])) == 'R')
      return i + 3;
  }
  return 0;
}

struct Run {
  std::vector<std::string> groups;
  std::string separators;  // separators[k] stands between groups[k] and groups[k + 1]
};

// Whether exactly three digits (or O) start at `pos` and end a word: a
// thousands group after a space ("Rp 2.065 000", a dot OCR lost).
bool three_digit_group_at(std::string_view text, size_t pos) {
  size_t n = 0;
  while (pos + n < text.size() && (is_digit(text[pos + n]) || zero_lookalike(text[pos + n]))) ++n;
  return n == 3 && (pos + n == text.size() || !std::isalnum(static_cast<unsigned char>(text[pos + n])));
}

// The first run of digit groups from `from`: it starts at a digit and goes on
// over digits, O for 0, and single separators (a space may follow one). After
// a currency mark a lone space may also separate thousands.
std::optional<Run> digit_run(std::string_view text, size_t from, bool after_currency) {
  size_t i = from;
  while (i < text.size() && !is_digit(text[i])) ++i;
  if (i == text.size()) return std::nullopt;
  Run run;
  run.groups.emplace_back();
  while (i < text.size()) {
    const char c = text[i];
    if (is_digit(c) || zero_lookalike(c)) {
      // An O starting or ending a word ("000 OK") is a letter, not a zero.
      if (zero_lookalike(c) && i + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 1])) &&
          !zero_lookalike(text[i + 1]))
        break;
      run.groups.back() += is_digit(c) ? c : '0';
      ++i;
    } else if (group_separator(c) && i + 1 < text.size()) {
      size_t next = i + 1;
      while (next < text.size() && text[next] == ' ') ++next;
      if (next >= text.size() || !(is_digit(text[next]) || zero_lookalike(text[next]))) break;
      run.separators += c;
      run.groups.emplace_back();
      i = next;
    } else if (c == ' ' && after_currency && three_digit_group_at(text, i + 1)) {
      run.separators += ' ';
      run.groups.emplace_back();
      ++i;
    } else {
      break;
    }
  }
  return run;
}

std::string without_leading_zeros(std::string digits) {
  const size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

}  // namespace

std::optional<std::string> parse_rupiah(std::string_view text) {
  const size_t start = amount_start(text);
  auto run = digit_run(text, start, start > 0);
  if (!run) return std::nullopt;
  auto& groups = run->groups;
  auto& seps = run->separators;
  // A last group of one or two digits after a separator is cents.
  if (groups.size() > 1 && groups.back().size() <= 2) {
    const char decimal = seps.back();
    seps.pop_back();
    groups.pop_back();
    // The decimal mark is never also the thousands mark.
    if (seps.find(decimal) != std::string::npos) return std::nullopt;
  }
  std::string digits = groups.front();
  if (groups.size() > 1) {
    // Thousands: 1 to 3 digits, then groups of exactly 3, one kind of mark
    // (a space may stand for it).
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    const size_t marked = seps.find_first_not_of(' ');
    const char mark = marked == std::string::npos ? ' ' : seps[marked];
    for (size_t k = 1; k < groups.size(); ++k) {
      if (groups[k].size() != 3 || (seps[k - 1] != mark && seps[k - 1] != ' ')) return std::nullopt;
      digits += groups[k];
    }
  }
  if (digits.empty()) return std::nullopt;
  return without_leading_zeros(digits);
}

}  // namespace berkas
