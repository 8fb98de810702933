#include "domain/document_dates.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "domain/edit_distance.hpp"
#include "domain/ocr_lookalikes.hpp"

namespace berkas {
namespace {

// A run of characters that can belong to a number or a word; '|' and '!'
// count because OCR reads them for a 1.
struct Token {
  size_t begin = 0, end = 0;
  std::string_view text;
};

bool token_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '|' || c == '!'; }

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    if (!token_char(text[i])) {
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < text.size() && token_char(text[i])) ++i;
    tokens.push_back({begin, i, text.substr(begin, i - begin)});
  }
  return tokens;
}

// What stands between two tokens, spaces removed.
std::string separator(std::string_view text, const Token& a, const Token& b) {
  std::string out;
  for (size_t i = a.end; i < b.begin; ++i)
    if (!std::isspace(static_cast<unsigned char>(text[i]))) out += text[i];
  return out;
}

bool numeric_separator(const std::string& s) { return s == "-" || s == "/" || s == "." || s == "\\"; }

struct DigitGroup {
  int value = 0;
  size_t length = 0;
  size_t real_digits = 0;  // characters that were digits before any repair
};

std::optional<DigitGroup> digit_group(std::string_view token) {
  if (token.empty() || token.size() > 4) return std::nullopt;
  DigitGroup g;
  for (char c : token) {
    auto d = digit_in_group(c);
    if (!d) return std::nullopt;
    if (c >= '0' && c <= '9') ++g.real_digits;
    g.value = g.value * 10 + (*d - '0');
  }
  g.length = token.size();
  return g;
}

std::optional<int> resolve_year(const DigitGroup& g, int reference_year) {
  if (g.real_digits < 2) return std::nullopt;
  if (g.length == 2) {
    int year = (reference_year / 100) * 100 + g.value;
    if (year > reference_year) year -= 100;
    return year;
  }
  // Birth dates reach back to about 1900; validity and due dates lie ahead.
  if (g.length == 4 && g.value >= 1900 && g.value <= reference_year + 100) return g.value;
  return std::nullopt;
}

struct MonthForm {
  std::string_view name;
  int month;
};

// Indonesian full names, the old spellings (PEBRUARI, NOPEMBER), the short
// forms clerks write, and the English names some hospital systems print.
constexpr std::array<MonthForm, 46> kMonthForms{{
    {"JANUARI", 1},   {"JANUARY", 1},   {"JAN", 1},       {"FEBRUARI", 2}, {"PEBRUARI", 2}, {"FEBRUARY", 2},
    {"FEB", 2},       {"PEB", 2},       {"PEBR", 2},      {"FEBR", 2},     {"MARET", 3},    {"MARCH", 3},
    {"MAR", 3},       {"APRIL", 4},     {"APR", 4},       {"MEI", 5},      {"MAY", 5},      {"JUNI", 6},
    {"JUNE", 6},      {"JUN", 6},       {"JULI", 7},      {"JULY", 7},     {"JUL", 7},      {"AGUSTUS", 8},
    {"AUGUST", 8},    {"AGT", 8},       {"AGST", 8},      {"AGS", 8},      {"AGU", 8},      {"AUG", 8},
    {"SEPTEMBER", 9}, {"SEPT", 9},      {"SEP", 9},       {"OKTOBER", 10}, {"OCTOBER", 10}, {"OKT", 10},
    {"OCT", 10},      {"NOVEMBER", 11}, {"NOPEMBER", 11}, {"NOV", 11},     {"NOP", 11},     {"DESEMBER", 12},
    {"DECEMBER", 12}, {"DES", 12},      {"DEC", 12},      {"PEBRUARY", 2},
}};

// Edits tolerated in a month name: none for short forms, where one edit
// turns JUNI into JULI, more for long names.
size_t tolerated_edits(size_t length) { return length <= 4 ? 0 : length <= 6 ? 1 : 2; }

std::optional<int> month_from_word(std::string_view token) {
  if (token.size() < 3 || token.size() > 11) return std::nullopt;
  std::string word;
  size_t letters = 0;
  for (char c : token) {
    word += letter_in_word(c);
    if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
  }
  if (letters * 2 < token.size()) return std::nullopt;
  int best_month = 0;
  size_t best_distance = 100;
  bool tie = false;
  for (const auto& form : kMonthForms) {
    const size_t limit = tolerated_edits(form.name.size());
    const size_t d = bounded_edit_distance(word, form.name, limit);
    if (d > limit) continue;
    if (d < best_distance) {
      best_distance = d;
      best_month = form.month;
      tie = false;
    } else if (d == best_distance && form.month != best_month) {
      tie = true;
    }
  }
  if (best_month == 0 || tie) return std::nullopt;
  return best_month;
}

std::optional<Date> checked(int year, int month, int day) {
  Date d{year, month, day};
  if (!d.valid()) return std::nullopt;
  return d;
}

struct Candidate {
  Date date;
  size_t first = 0, last = 0;  // token indices
  bool separator_repaired = false;
};

// Day, month and year as three digit groups with the same kind of
// separator between them; also year first (ISO).
std::optional<Candidate> numeric_at(std::string_view text, const std::vector<Token>& t, size_t i, int reference_year) {
  if (i + 2 >= t.size()) return std::nullopt;
  const std::string s1 = separator(text, t[i], t[i + 1]);
  const std::string s2 = separator(text, t[i + 1], t[i + 2]);
  if (!numeric_separator(s1) || !numeric_separator(s2)) return std::nullopt;
  auto a = digit_group(t[i].text);
  auto b = digit_group(t[i + 1].text);
  auto c = digit_group(t[i + 2].text);
  if (!a || !b || !c || b->length > 2) return std::nullopt;
  // Most characters must have been digits, or any word with O, I and S in it
  // would pass for a date.
  const size_t real = a->real_digits + b->real_digits + c->real_digits;
  if (real * 2 <= a->length + b->length + c->length) return std::nullopt;
  std::optional<Date> date;
  if (a->length <= 2 && a->real_digits >= 1) {
    if (auto year = resolve_year(*c, reference_year)) date = checked(*year, b->value, a->value);
  } else if (a->length == 4 && c->length <= 2 && c->real_digits >= 1) {
    if (auto year = resolve_year(*a, reference_year)) date = checked(*year, b->value, c->value);
  }
  if (!date) return std::nullopt;
  return Candidate{*date, i, i + 2};
}

// Day, month name, year: "05 Januari 1990", "5-Jan-90", "5 Jan. 90".
std::optional<Candidate> named_at(std::string_view text, const std::vector<Token>& t, size_t i, int reference_year) {
  if (i + 2 >= t.size()) return std::nullopt;
  const std::string s1 = separator(text, t[i], t[i + 1]);
  const std::string s2 = separator(text, t[i + 1], t[i + 2]);
  if (!s1.empty() && !numeric_separator(s1)) return std::nullopt;
  if (!s2.empty() && !numeric_separator(s2) && s2 != ",") return std::nullopt;
  auto day = digit_group(t[i].text);
  if (!day || day->length > 2 || day->real_digits == 0) return std::nullopt;
  auto month = month_from_word(t[i + 1].text);
  if (!month) return std::nullopt;
  auto year_group = digit_group(t[i + 2].text);
  if (!year_group) return std::nullopt;
  auto year = resolve_year(*year_group, reference_year);
  if (!year) return std::nullopt;
  auto date = checked(*year, *month, day->value);
  if (!date) return std::nullopt;
  return Candidate{*date, i, i + 2};
}

// A numeric date one of whose separators OCR read as a 1 ("29109/2026",
// "29/0912026"): two digit groups, one of them a day or month glued to the
// next group by a 1-like character. Tried only where no date was read as it
// stands; every other character must be a real digit.
bool one_like(char c) { return digit_in_group(c) == '1'; }

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Candidate> separator_read_as_one_at(std::string_view text, const std::vector<Token>& t, size_t i,
                                                  int reference_year) {
  if (i + 1 >= t.size() || !numeric_separator(separator(text, t[i], t[i + 1]))) return std::nullopt;
  const std::string_view a = t[i].text, b = t[i + 1].text;
  auto number = [](std::string_view s) { return std::stoi(std::string(s)); };
  auto year_of = [&](std::string_view s) -> std::optional<int> {
    if (!all_digits(s) || (s.size() != 2 && s.size() != 4)) return std::nullopt;
    return resolve_year(DigitGroup{number(s), s.size(), s.size()}, reference_year);
  };
  std::optional<Date> date;
  if (a.size() == 5 && one_like(a[2]) && all_digits(a.substr(0, 2)) && all_digits(a.substr(3))) {
    if (auto year = year_of(b)) date = checked(*year, number(a.substr(3)), number(a.substr(0, 2)));
  } else if ((b.size() == 7 || b.size() == 5) && one_like(b[2]) && all_digits(b.substr(0, 2)) && a.size() <= 2 &&
             all_digits(a)) {
    if (auto year = year_of(b.substr(3))) date = checked(*year, number(b.substr(0, 2)), number(a));
  }
  if (!date) return std::nullopt;
  return Candidate{*date, i, i + 1, true};
}

// A numeric date glued by separators to more digits ("470/05/01/2026", a
// letter number) is part of something else.
bool inside_longer_number(std::string_view text, const std::vector<Token>& t, const Candidate& c) {
  auto glued = [&](size_t left, size_t right, size_t other) {
    return numeric_separator(separator(text, t[left], t[right])) && digit_group(t[other].text).has_value();
  };
  if (c.first > 0 && glued(c.first - 1, c.first, c.first - 1)) return true;
  if (c.last + 1 < t.size() && glued(c.last, c.last + 1, c.last + 1)) return true;
  return false;
}

std::vector<Candidate> candidates(std::string_view text, const std::vector<Token>& tokens, int reference_year,
                                  bool whole_text) {
  std::vector<Candidate> out;
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (auto c = numeric_at(text, tokens, i, reference_year)) {
      if (whole_text || !inside_longer_number(text, tokens, *c)) out.push_back(*c);
    } else if (auto n = named_at(text, tokens, i, reference_year)) {
      out.push_back(*n);
    }
  }
  if (out.empty())
    for (size_t i = 0; i + 1 < tokens.size(); ++i)
      if (auto c = separator_read_as_one_at(text, tokens, i, reference_year))
        if (whole_text || !inside_longer_number(text, tokens, *c)) out.push_back(*c);
  return out;
}

}  // namespace

std::optional<Date> parse_document_date(std::string_view text, int reference_year) {
  const auto tokens = tokenize(text);
  if (tokens.size() != 3 && tokens.size() != 2) return std::nullopt;  // two: a separator read as a 1
  // Only spaces and punctuation may surround the date.
  auto junk_free = [](std::string_view s) {
    for (char c : s)
      if (!std::isspace(static_cast<unsigned char>(c)) && !std::ispunct(static_cast<unsigned char>(c))) return false;
    return true;
  };
  if (!junk_free(text.substr(0, tokens.front().begin)) || !junk_free(text.substr(tokens.back().end)))
    return std::nullopt;
  const auto found = candidates(text, tokens, reference_year, true);
  if (found.empty()) return std::nullopt;
  return found.front().date;
}

std::optional<DateInText> find_document_date(std::string_view text, int reference_year) {
  const auto tokens = tokenize(text);
  const auto found = candidates(text, tokens, reference_year, false);
  if (found.empty()) return std::nullopt;
  const Candidate* last = &found.front();
  for (const auto& c : found)
    if (c.last >= last->last) last = &c;
  return DateInText{last->date, tokens[last->first].begin, tokens[last->last].end, last->separator_repaired};
}

}  // namespace berkas
