#include "domain/free_text.hpp"

#include <algorithm>
#include <cctype>

#include "domain/ocr_lookalikes.hpp"

namespace berkas {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of an em or en dash (UTF-8) at pos, else 0.
size_t dash_at(std::string_view s, size_t pos) {
  if (pos + 2 < s.size() && static_cast<unsigned char>(s[pos]) == 0xE2 &&
      static_cast<unsigned char>(s[pos + 1]) == 0x80 &&
      (static_cast<unsigned char>(s[pos + 2]) == 0x93 || static_cast<unsigned char>(s[pos + 2]) == 0x94))
    return 3;
  return 0;
}

bool leading_debris(char c) {
  return c == ':' || c == ';' || c == '.' || c == ',' || c == '-' || c == '=' || c == '_' || c == '|' || c == '~';
}
bool trailing_debris(char c) {
  return c == ':' || c == ';' || c == ',' || c == '-' || c == '=' || c == '_' || c == '|' || c == '~';
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string clean_free_text(std::string_view text) {
  const std::string s = collapse_spaces(text);
  size_t begin = 0;
  while (begin < s.size()) {
    if (s[begin] == ' ' || leading_debris(s[begin])) {
      ++begin;
    } else if (size_t n = dash_at(s, begin)) {
      begin += n;
    } else {
      break;
    }
  }
  size_t end = s.size();
  while (end > begin) {
    if (s[end - 1] == ' ' || trailing_debris(s[end - 1])) {
      --end;
    } else if (end >= begin + 3 && dash_at(s, end - 3)) {
      end -= 3;
    } else if (const size_t space = s.rfind(' ', end - 1);
               space != std::string::npos && space >= begin &&
               std::none_of(s.begin() + static_cast<long>(space) + 1, s.begin() + static_cast<long>(end),
                            [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
      end = space;  // a last word of punctuation alone: a speck ("INTAN JAYA, '")
    } else {
      break;
    }
  }
  return s.substr(begin, end - begin);
}

std::string clean_person_name(std::string_view text) {
  const std::string s = clean_free_text(text);
  std::string kept;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool letter_before = i > 0 && is_letter(s[i - 1]);
    const bool letter_after = i + 1 < s.size() && is_letter(s[i + 1]);
    if (is_letter(c) || c == ' ' || c == '.' || c == ',' || c == '\'' || c == '-') {
      kept += c;
    } else if (is_digit(c) && (letter_before || letter_after)) {
      const char letter = letter_in_word(c);
      if (is_letter(letter)) kept += letter;
    } else if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < s.size() &&
               static_cast<unsigned char>(s[i + 1]) == 0x80 && static_cast<unsigned char>(s[i + 2]) == 0x99) {
      kept += '\'';  // typographic apostrophe
      i += 2;
    }
  }
  // Dropping characters may leave double spaces or debris at the ends.
  std::string out = clean_free_text(kept);
  while (!out.empty() && (out.front() == '\'' || out.front() == '.')) out.erase(0, 1);
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return clean_free_text(out);
}

std::string compact_code(std::string_view text) {
  std::string out;
  for (char ch : text)
    if (ch != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace berkas
