#include "check/name_match.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "domain/edit_distance.hpp"
#include "domain/free_text.hpp"
#include "domain/ocr_lookalikes.hpp"

namespace berkas {
namespace {

// ---------------------------------------------------------------------------
// Rules a Variant can name, in the order they are reported.

enum RuleBit : uint32_t {
  kBinDropped = 1u << 0,
  kBinPartDropped = 1u << 1,
  kMuhammadAbbreviated = 1u << 2,
  kMuhammadSpelling = 1u << 3,
  kOeU = 1u << 4,
  kDjJ = 1u << 5,
  kTjC = 1u << 6,
  kSjSy = 1u << 7,
  kNjNy = 1u << 8,
  kChKh = 1u << 9,
  kJY = 1u << 10,
  kKhH = 1u << 11,
  kDhTh = 1u << 12,
  kFinalYI = 1u << 13,
  kDoubled = 1u << 14,
  kInitial = 1u << 15,
  kJoined = 1u << 16,
  kDroppedMiddle = 1u << 17,
  kDroppedWord = 1u << 18,
  kOcr = 1u << 19,
};

struct RuleText {
  uint32_t bit;
  const char* text;
};

constexpr RuleText kRuleTexts[] = {
    {kBinDropped, "BIN/BINTI dropped"},
    {kBinPartDropped, "father's name after BIN/BINTI dropped"},
    {kMuhammadAbbreviated, "abbreviated Muhammad"},
    {kMuhammadSpelling, "spelling of Muhammad"},
    {kOeU, "old spelling oe/u"},
    {kDjJ, "old spelling dj/j"},
    {kTjC, "old spelling tj/c"},
    {kSjSy, "old spelling sj/sy"},
    {kNjNy, "old spelling nj/ny"},
    {kChKh, "old spelling ch/kh"},
    {kJY, "old spelling j/y"},
    {kKhH, "spelling kh/h"},
    {kDhTh, "spelling dh/d, th/t"},
    {kFinalYI, "spelling final y/i"},
    {kDoubled, "doubled letter"},
    {kInitial, "initial for a name"},
    {kJoined, "joined words"},
    {kDroppedMiddle, "dropped middle name"},
    {kDroppedWord, "dropped word"},
    {kOcr, "OCR-damaged characters"},
};

// ---------------------------------------------------------------------------
// Titles and honorifics, keyed by their letters without dots ("S.PD.I" ->
// SPDI). Dropped from both names before comparing; one present on one side
// only is reported ("title HJ. dropped"). `leading_only`: the title only
// counts before the first name word (a lone "H." later is an initial).

struct Title {
  std::string_view key;
  std::string_view shown;
  bool leading_only = false;
};

constexpr Title kTitles[] = {
    // Pilgrimage and religious
    {"H", "H.", true},
    {"HJ", "HJ."},
    {"HAJI", "HAJI"},
    {"HAJJAH", "HAJJAH"},
    {"HAJAH", "HAJAH"},
    {"KH", "K.H."},
    {"KYAI", "KYAI"},
    {"UST", "UST."},
    {"USTADZ", "USTADZ"},
    // Deceased, forms of address
    {"ALM", "ALM."},
    {"ALMH", "ALMH."},
    {"ALMARHUM", "ALMARHUM"},
    {"ALMARHUMAH", "ALMARHUMAH"},
    {"NY", "NY."},
    {"NYONYA", "NYONYA"},
    {"NN", "NN."},
    {"NONA", "NONA"},
    {"TN", "TN."},
    {"TUAN", "TUAN"},
    {"BPK", "BPK."},
    {"BAPAK", "BAPAK"},
    {"IBU", "IBU"},
    {"SDR", "SDR."},
    {"SDRI", "SDRI."},
    {"SAUDARA", "SAUDARA"},
    {"SAUDARI", "SAUDARI"},
    // Academic, in front
    {"DR", "DR."},
    {"DRS", "DRS."},
    {"DRA", "DRA."},
    {"DRG", "DRG."},
    {"IR", "IR."},
    {"PROF", "PROF."},
    // Academic, behind (sarjana, diploma, magister)
    {"SPD", "S.PD."},
    {"SPDI", "S.PD.I"},
    {"SAG", "S.AG."},
    {"SH", "S.H."},
    {"SHI", "S.H.I."},
    {"SE", "S.E."},
    {"SEI", "S.E.I."},
    {"SKOM", "S.KOM."},
    {"SKEP", "S.KEP."},
    {"SKED", "S.KED."},
    {"SKM", "S.K.M."},
    {"SSOS", "S.SOS."},
    {"SSI", "S.SI."},
    {"SIP", "S.IP."},
    {"SIKOM", "S.I.KOM."},
    {"ST", "S.T."},
    {"SP", "S.P."},
    {"STP", "S.TP."},
    {"SPSI", "S.PSI."},
    {"SFARM", "S.FARM."},
    {"SST", "S.ST."},
    {"SHUT", "S.HUT."},
    {"SPT", "S.PT."},
    {"AMD", "A.MD."},
    {"AMDKEP", "A.MD.KEP."},
    {"AMDKEB", "A.MD.KEB."},
    {"AMKEP", "AM.KEP."},
    {"MPD", "M.PD."},
    {"MPDI", "M.PD.I."},
    {"MM", "M.M."},
    {"MSI", "M.SI."},
    {"MH", "M.H."},
    {"MT", "M.T."},
    {"MKES", "M.KES."},
    {"MAG", "M.AG."},
    {"MKOM", "M.KOM."},
    {"MSC", "M.SC."},
    {"MBA", "MBA"},
    {"PHD", "PH.D."},
};

const Title* find_title(std::string_view key) {
  for (const Title& t : kTitles)
    if (t.key == key) return &t;
  return nullptr;
}

// Muhammad, written out (compared by spelling key, so MOCHAMMAD, MUCHAMAD...
// are covered) and abbreviated (compared as written, with or without dot).
constexpr std::string_view kMuhammadFull[] = {"MUHAMMAD", "MUHAMMED", "MOHAMMAD", "MOHAMMED"};
constexpr std::string_view kMuhammadShort[] = {"MOH", "MOCH", "MOHD", "MUH", "MUHD", "MHD", "MUCH", "MCH"};

// Sun letters: ABDUL + RAHMAN is also written ABDURRAHMAN.
constexpr std::string_view kSunLetters = "TDRZSLN";

// ---------------------------------------------------------------------------
// Spelling: old (pre-1972) and new spelling, and a few honest variants, as
// steps applied in order to both words. The result is a canonical key, not
// the modern spelling: J, Y and DJ all end as Y.

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, from.size(), from) == 0) {
      out += to;
      i += from.size();
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::string collapse_doubles(const std::string& s) {
  std::string out;
  for (char c : s)
    if (out.empty() || out.back() != c) out += c;
  return out;
}

struct SpellingStep {
  uint32_t rule;
  std::string (*apply)(const std::string&);
};

constexpr SpellingStep kSpellingSteps[] = {
    {kOeU, [](const std::string& s) { return replace_all(s, "OE", "U"); }},
    {kDjJ, [](const std::string& s) { return replace_all(s, "DJ", "J"); }},
    {kTjC, [](const std::string& s) { return replace_all(s, "TJ", "C"); }},
    {kSjSy, [](const std::string& s) { return replace_all(s, "SJ", "SY"); }},
    {kNjNy, [](const std::string& s) { return replace_all(s, "NJ", "NY"); }},
    {kChKh, [](const std::string& s) { return replace_all(s, "CH", "KH"); }},
    {kJY, [](const std::string& s) { return replace_all(s, "J", "Y"); }},
    {kKhH, [](const std::string& s) { return replace_all(s, "KH", "H"); }},
    {kDhTh, [](const std::string& s) { return replace_all(replace_all(s, "DH", "D"), "TH", "T"); }},
    {kFinalYI,
     [](const std::string& s) {
       std::string out = s;
       if (out.size() > 1 && out.back() == 'Y') out.back() = 'I';
       return out;
     }},
    {kDoubled, [](const std::string& s) { return collapse_doubles(s); }},
};

std::string spelling_key(const std::string& letters) {
  std::string s = letters;
  for (const SpellingStep& step : kSpellingSteps) s = step.apply(s);
  return s;
}

// Which spelling steps explain the difference between two words whose keys
// are equal: a step counts when it brings the two closer.
uint32_t spelling_rules(std::string a, std::string b) {
  uint32_t rules = 0;
  for (const SpellingStep& step : kSpellingSteps) {
    if (a == b) break;
    std::string na = step.apply(a);
    std::string nb = step.apply(b);
    if (edit_distance(na, nb) < edit_distance(a, b)) rules |= step.rule;
    a = std::move(na);
    b = std::move(nb);
  }
  return rules;
}

// OCR lookalikes between letters, folded to one letter (digits inside words
// are already letters, see letter_in_word): L/I, Q/D/O, V/U and, when
// `pairs`, RN/M, CL/D, VV/W. Without the pairs too, because a word whose RN
// is real may meet one that lost a letter (KURNIAWATI / KURIAWATI).
std::string ocr_fold(const std::string& spelled, bool pairs) {
  std::string s = pairs ? replace_all(replace_all(replace_all(spelled, "RN", "M"), "CL", "D"), "VV", "W") : spelled;
  for (char& c : s) {
    if (c == 'L') c = 'I';
    if (c == 'Q' || c == 'D') c = 'O';
    if (c == 'V') c = 'U';
  }
  return collapse_doubles(s);
}

// Spelling steps without the last one (doubled letters): what ocr_fold reads,
// so that VV is still there to be seen as W.
std::string spelled_undoubled(const std::string& letters) {
  std::string s = letters;
  for (const SpellingStep& step : kSpellingSteps)
    if (step.rule != kDoubled) s = step.apply(s);
  return s;
}

// ---------------------------------------------------------------------------
// Reading a name into words.

struct Token {
  std::string letters;  // upper case, letters only
  bool dotted = false;  // written with a dot after it ("M.", "S.PD.")
  bool ocr = false;     // a digit inside it was read as a letter
};

struct Word {
  std::string raw;  // letters as written
  std::string key;  // spelling key (Muhammad in any form: one key)
  bool initial = false;
  bool muhammad = false;
  bool muhammad_short = false;
  bool ocr = false;
};

struct ParsedName {
  std::vector<Token> words;
  std::vector<std::string_view> titles;  // as shown in a rule
  bool debris = false;                   // stray digits were dropped
};

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Words with their dots, split on spaces and punctuation; apostrophes join
// (NUR'AINI), a digit next to a letter is the letter it looks like; stray
// digits are dropped and reported in `debris`.
std::vector<Token> tokenize(std::string_view text, bool& debris) {
  const std::string s = clean_free_text(text);
  struct Chunk {
    std::string text;  // letters and dots
    bool ocr = false;
  };
  std::vector<Chunk> chunks;
  Chunk current;
  auto flush = [&] {
    if (std::any_of(current.text.begin(), current.text.end(), is_upper)) chunks.push_back(current);
    current = {};
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (is_ascii_letter(c)) {
      current.text += letter_in_word(c);
    } else if (c >= '0' && c <= '9') {
      const bool by_letter = (i > 0 && is_ascii_letter(s[i - 1])) || (i + 1 < s.size() && is_ascii_letter(s[i + 1]));
      if (!by_letter) {
        debris = true;
        flush();
        continue;
      }
      const char letter = letter_in_word(c);
      if (is_upper(letter)) current.text += letter;
      current.ocr = true;
    } else if (c == '.') {
      current.text += '.';
    } else if (c == '\'' || c == '`') {
      // NUR'AINI: one word
    } else if (u == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0x98 || static_cast<unsigned char>(s[i + 2]) == 0x99)) {
      i += 2;  // typographic apostrophe
    } else {
      flush();
    }
  }
  flush();

  std::vector<Token> tokens;
  for (const Chunk& chunk : chunks) {
    std::string letters;
    for (char c : chunk.text)
      if (c != '.') letters += c;
    // A degree written with inner dots ("S.PD.I", "A.MD") is one token;
    // anything else splits at its dots ("M.YUSUF", "H.ABDUL").
    const Title* title = find_title(letters);
    if (title && !title->leading_only && chunk.text.find('.') != std::string::npos) {
      tokens.push_back({letters, true, chunk.ocr});
      continue;
    }
    Token piece;
    for (char c : chunk.text) {
      if (c == '.') {
        if (!piece.letters.empty()) {
          piece.dotted = true;
          piece.ocr = chunk.ocr;
          tokens.push_back(piece);
        }
        piece = {};
      } else {
        piece.letters += c;
      }
    }
    if (!piece.letters.empty()) {
      piece.ocr = chunk.ocr;
      tokens.push_back(piece);
    }
  }
  return tokens;
}

ParsedName parse_name(std::string_view text) {
  ParsedName name;
  const std::vector<Token> tokens = tokenize(text, name.debris);
  const size_t n = tokens.size();
  std::vector<const Title*> title_at(n, nullptr);
  std::vector<size_t> title_len(n, 0);
  bool name_seen = false;
  for (size_t i = 0; i < n;) {
    // A degree spread over dotted pieces after the name: "S. PD. I", "A. MD".
    bool merged = false;
    for (size_t len = 3; name_seen && len >= 2 && !merged; --len) {
      if (i + len > n) continue;
      std::string key;
      bool fits = true;
      for (size_t k = i; k < i + len; ++k) {
        fits = fits && tokens[k].letters.size() <= 4 && (k + 1 == i + len || tokens[k].dotted);
        key += tokens[k].letters;
      }
      const Title* t = fits ? find_title(key) : nullptr;
      if (t && !t->leading_only) {
        title_at[i] = t;
        title_len[i] = len;
        i += len;
        merged = true;
      }
    }
    if (merged) continue;
    const Title* t = find_title(tokens[i].letters);
    if (t && (!t->leading_only || !name_seen)) {
      title_at[i] = t;
      title_len[i] = 1;
    } else {
      name_seen = true;
    }
    ++i;
  }
  for (size_t i = 0; i < n;) {
    if (title_at[i]) {
      name.titles.push_back(title_at[i]->shown);
      i += title_len[i];
    } else {
      name.words.push_back(tokens[i]);
      ++i;
    }
  }
  // Nothing but titles: then they are the name.
  if (name.words.empty()) {
    name.words = tokens;
    name.titles.clear();
  }
  return name;
}

Word make_word(const Token& token) {
  Word w;
  w.raw = token.letters;
  w.key = spelling_key(w.raw);
  w.initial = w.raw.size() == 1;
  w.ocr = token.ocr;
  if (!w.initial) {
    for (std::string_view full : kMuhammadFull)
      if (w.key == spelling_key(std::string(full))) w.muhammad = true;
    for (std::string_view abbreviation : kMuhammadShort)
      if (w.raw == abbreviation) w.muhammad = w.muhammad_short = true;
    if (w.muhammad) w.key = spelling_key("MUHAMMAD");
  }
  return w;
}

// ---------------------------------------------------------------------------
// Matching words: one word against one, or joined words against one.

struct Match {
  uint32_t rules = 0;
  int plain_edits = 0;  // insertions/deletions that are no OCR lookalike
  int cost = 0;         // for choosing between alignments only
};

constexpr int kCostLookalike = 2;
constexpr int kCostJoin = 3;
constexpr int kCostInitial = 5;
constexpr int kCostPlainEdit = 50;
constexpr int kCostSkip = 1000;

// Insertions/deletions (not lookalikes) a word of this many letters may have.
int plain_edits_allowed(size_t letters) {
  if (letters <= 5) return 0;
  if (letters <= 9) return 1;
  return 2;
}

std::optional<Match> match_letters(const std::string& a, const std::string& b, bool ocr) {
  Match m;
  if (ocr) m.rules |= kOcr;
  if (spelling_key(a) == spelling_key(b)) {
    m.rules |= spelling_rules(a, b);
    return m;
  }
  m.rules |= kOcr;
  const std::string sa = spelled_undoubled(a);
  const std::string sb = spelled_undoubled(b);
  std::optional<int> best;
  for (bool pairs_a : {true, false}) {
    for (bool pairs_b : {true, false}) {
      const std::string fa = ocr_fold(sa, pairs_a);
      const std::string fb = ocr_fold(sb, pairs_b);
      // Beyond lookalikes only dropped or extra letters (OCR loses faint
      // letters and reads specks): a substituted letter is another name
      // (PUTRA/PUTRI, WAHYUNI/WAHYUDI, SUSANTO/SUSANTI).
      const size_t distance = edit_distance(fa, fb);
      const size_t length_gap = fa.size() > fb.size() ? fa.size() - fb.size() : fb.size() - fa.size();
      if (distance != length_gap) continue;
      const auto edits = static_cast<int>(distance);
      if (edits > plain_edits_allowed(std::max(fa.size(), fb.size()))) continue;
      if (!best || edits < *best) best = edits;
    }
  }
  if (!best) return std::nullopt;
  m.plain_edits = *best;
  m.cost = *best == 0 ? kCostLookalike : kCostPlainEdit * *best;
  return m;
}

std::optional<Match> match_word(const Word& a, const Word& b) {
  const bool ocr = a.ocr || b.ocr;
  if (a.initial || b.initial) {
    if (a.initial && b.initial) {
      if (a.key != b.key) return std::nullopt;
      Match m;
      if (ocr) m.rules |= kOcr;
      return m;
    }
    const Word& letter = a.initial ? a : b;
    const Word& word = a.initial ? b : a;
    if (letter.raw[0] != word.raw[0] && letter.key[0] != word.key[0]) return std::nullopt;
    Match m;
    m.rules = word.muhammad && letter.raw == "M" ? kMuhammadAbbreviated : kInitial;
    m.cost = kCostInitial;
    if (ocr) m.rules |= kOcr;
    return m;
  }
  if (a.muhammad && b.muhammad) {
    if (a.muhammad_short || b.muhammad_short) {
      Match m;
      if (a.raw != b.raw) m.rules |= kMuhammadAbbreviated;
      if (ocr) m.rules |= kOcr;
      return m;
    }
    Match m;
    m.rules = spelling_key(a.raw) == spelling_key(b.raw) ? spelling_rules(a.raw, b.raw) : kMuhammadSpelling;
    if (ocr) m.rules |= kOcr;
    return m;
  }
  return match_letters(a.raw, b.raw, ocr);
}

// The letters of consecutive words, as written and, if ABDUL is followed by
// a sun letter, as assimilated (ABDUL RAHMAN -> ABDURRAHMAN).
std::vector<std::string> joined_letters(const std::vector<Word>& words, size_t from, size_t count) {
  std::string plain;
  std::string assimilated;
  for (size_t k = from; k < from + count; ++k) {
    plain += words[k].raw;
    const bool abdul = words[k].key == "ABDUL" && k + 1 < from + count &&
                       kSunLetters.find(words[k + 1].raw[0]) != std::string_view::npos;
    assimilated += abdul ? "ABDU" + std::string(1, words[k + 1].raw[0]) : words[k].raw;
  }
  if (assimilated == plain) return {plain};
  return {plain, assimilated};
}

std::optional<Match> match_joined(const std::vector<Word>& a, size_t i, size_t p, const std::vector<Word>& b, size_t j,
                                  size_t q) {
  // An initial stands for a whole word: it is never part of a joined one.
  bool ocr = false;
  for (size_t k = i; k < i + p; ++k) {
    if (a[k].initial) return std::nullopt;
    ocr = ocr || a[k].ocr;
  }
  for (size_t k = j; k < j + q; ++k) {
    if (b[k].initial) return std::nullopt;
    ocr = ocr || b[k].ocr;
  }
  std::optional<Match> best;
  for (const std::string& la : joined_letters(a, i, p))
    for (const std::string& lb : joined_letters(b, j, q))
      if (auto m = match_letters(la, lb, ocr); m && (!best || m->cost < best->cost)) best = m;
  if (best) {
    best->rules |= kJoined;
    best->cost += kCostJoin;
  }
  return best;
}

// ---------------------------------------------------------------------------
// Aligning two names word by word: matched groups (one word to one, or up to
// three joined words to one) and, where allowed, words dropped on one side.
// The first words must match each other.

constexpr size_t kMaxJoin = 3;

struct Alignment {
  bool found = false;
  uint32_t rules = 0;
  int groups = 0;
  int skipped_a = 0;
  int skipped_b = 0;
  int plain_edits = 0;
  std::string first_skipped_a;
  std::string first_skipped_b;
};

class Aligner {
 public:
  Aligner(const std::vector<Word>& a, const std::vector<Word>& b) : a_(a), b_(b) {
    groups_.resize(a_.size() * b_.size() * kMaxJoin * kMaxJoin);
    computed_.assign(groups_.size(), false);
  }

  Alignment align(bool skip_a, bool skip_b) {
    const size_t n = a_.size();
    const size_t m = b_.size();
    constexpr int kInf = std::numeric_limits<int>::max();
    struct Cell {
      int cost = kInf;
      size_t from_i = 0, from_j = 0;
      Match match;
      bool group = false;
    };
    std::vector<Cell> cells((n + 1) * (m + 1));
    auto at = [&](size_t i, size_t j) -> Cell& { return cells[i * (m + 1) + j]; };
    auto relax = [&](size_t i, size_t j, size_t to_i, size_t to_j, int cost, const Match* match) {
      Cell& to = at(to_i, to_j);
      if (cost >= to.cost) return;
      to.cost = cost;
      to.from_i = i;
      to.from_j = j;
      to.group = match != nullptr;
      to.match = match ? *match : Match{};
    };
    at(0, 0).cost = 0;
    for (size_t i = 0; i <= n; ++i) {
      for (size_t j = 0; j <= m; ++j) {
        const int cost = at(i, j).cost;
        if (cost == kInf) continue;
        const bool start = i == 0 && j == 0;
        if (skip_a && !start && i < n) relax(i, j, i + 1, j, cost + kCostSkip, nullptr);
        if (skip_b && !start && j < m) relax(i, j, i, j + 1, cost + kCostSkip, nullptr);
        for (size_t p = 1; p <= kMaxJoin && i + p <= n; ++p) {
          for (size_t q = 1; q <= kMaxJoin && j + q <= m; ++q) {
            if (p > 1 && q > 1) continue;
            if (const std::optional<Match>& g = group(i, p, j, q)) relax(i, j, i + p, j + q, cost + g->cost, &*g);
          }
        }
      }
    }
    Alignment result;
    if (at(n, m).cost == kInf) return result;
    result.found = true;
    // Walk back; `group_after` tells a dropped middle word from a dropped last one.
    bool group_after = false;
    for (size_t i = n, j = m; i != 0 || j != 0;) {
      const Cell& cell = at(i, j);
      if (cell.group) {
        ++result.groups;
        result.rules |= cell.match.rules;
        result.plain_edits += cell.match.plain_edits;
        group_after = true;
      } else {
        result.rules |= group_after ? kDroppedMiddle : kDroppedWord;
        if (cell.from_i != i) {
          ++result.skipped_a;
          result.first_skipped_a = a_[cell.from_i].raw;
        } else {
          ++result.skipped_b;
          result.first_skipped_b = b_[cell.from_j].raw;
        }
      }
      const size_t fi = cell.from_i;
      const size_t fj = cell.from_j;
      i = fi;
      j = fj;
    }
    return result;
  }

 private:
  const std::optional<Match>& group(size_t i, size_t p, size_t j, size_t q) {
    const size_t index = ((i * b_.size() + j) * kMaxJoin + (p - 1)) * kMaxJoin + (q - 1);
    if (!computed_[index]) {
      computed_[index] = true;
      groups_[index] = p == 1 && q == 1 ? match_word(a_[i], b_[j]) : match_joined(a_, i, p, b_, j, q);
    }
    return groups_[index];
  }

  const std::vector<Word>& a_;
  const std::vector<Word>& b_;
  std::vector<std::optional<Match>> groups_;
  std::vector<bool> computed_;
};

size_t letter_count(const std::vector<Word>& words) {
  size_t total = 0;
  for (const Word& w : words) total += w.key.size();
  return total;
}

// Whole-name limits on top of the per-word ones.
constexpr int kMaxPlainEditsPerName = 3;
constexpr double kMaxPlainEditShare = 0.2;
constexpr int kMaxDroppedWords = 2;

bool acceptable(const Alignment& al, const std::vector<Word>& a, const std::vector<Word>& b) {
  if (!al.found) return false;
  const double letters = static_cast<double>(std::max(letter_count(a), letter_count(b)));
  if (al.plain_edits > kMaxPlainEditsPerName || al.plain_edits > kMaxPlainEditShare * letters) return false;
  const int skipped = al.skipped_a + al.skipped_b;
  if (skipped == 0) return true;
  // A dropped word: only on one side, and at least two words (the first
  // among them) still match, more than were dropped.
  return (al.skipped_a == 0 || al.skipped_b == 0) && al.groups >= 2 && skipped <= kMaxDroppedWords &&
         skipped < al.groups;
}

struct Outcome {
  bool matched = false;
  uint32_t rules = 0;
  std::string reason;  // when not matched
};

Outcome compare_words(const std::vector<Word>& a, const std::vector<Word>& b) {
  Aligner aligner(a, b);
  const std::pair<bool, bool> modes[] = {{false, false}, {true, false}, {false, true}};
  for (const auto& [skip_a, skip_b] : modes) {
    const Alignment al = aligner.align(skip_a, skip_b);
    if (acceptable(al, a, b)) return {true, al.rules, ""};
  }
  // Why not: the best alignment with words dropped on either side.
  const Alignment al = aligner.align(true, true);
  if (!al.found) return {false, 0, "different given name"};
  if (al.skipped_a > 0 && al.skipped_b > 0)
    return {false, 0, "different word: " + al.first_skipped_a + " / " + al.first_skipped_b};
  if (al.groups == 1 && al.skipped_a + al.skipped_b > 0) return {false, 0, "only the first word matches"};
  if (al.skipped_a + al.skipped_b > 0) return {false, 0, "too many words missing"};
  return {false, 0, "too many differing characters"};
}

// ---------------------------------------------------------------------------

// Upper case, letters and digits, one space between words, apostrophes
// dropped: what "Same" compares.
std::string trivial_form(std::string_view text) {
  const std::string s = clean_free_text(text);
  std::string out;
  bool space = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (is_ascii_letter(c) || (c >= '0' && c <= '9')) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(std::toupper(u));
    } else if (c == '\'' || c == '`' || u >= 0x80) {
      // NUR'AINI = NURAINI; typographic quotes, other scripts
    } else {
      space = true;
    }
  }
  return out;
}

bool is_bin(const Word& w) { return w.raw == "BIN" || w.raw == "BINTI"; }

// Index of BIN/BINTI after the first word, if any.
std::optional<size_t> bin_at(const std::vector<Word>& words) {
  for (size_t i = 1; i < words.size(); ++i)
    if (is_bin(words[i])) return i;
  return std::nullopt;
}

std::vector<Word> without(const std::vector<Word>& words, size_t index) {
  std::vector<Word> out;
  for (size_t i = 0; i < words.size(); ++i)
    if (i != index) out.push_back(words[i]);
  return out;
}

std::string joined_keys(const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) out += w.key;
  return out;
}

std::vector<Word> make_words(const std::vector<Token>& tokens) {
  std::vector<Word> words;
  for (const Token& t : tokens) words.push_back(make_word(t));
  return words;
}

}  // namespace

const char* to_string(NameVerdict v) {
  switch (v) {
    case NameVerdict::Same:
      return "same";
    case NameVerdict::Variant:
      return "variant";
    case NameVerdict::Different:
      return "different";
  }
  return "different";
}

NameComparison compare_person_names(std::string_view typed, std::string_view printed) {
  const std::string trivial_typed = trivial_form(typed);
  const std::string trivial_printed = trivial_form(printed);
  if (trivial_typed.empty() || trivial_printed.empty()) return {NameVerdict::Different, "no name", 0.0};
  if (trivial_typed == trivial_printed) return {NameVerdict::Same, "", 1.0};

  const ParsedName pa = parse_name(typed);
  const ParsedName pb = parse_name(printed);
  if (pa.words.empty() || pb.words.empty()) return {NameVerdict::Different, "no name", 0.0};
  const std::vector<Word> a = make_words(pa.words);
  const std::vector<Word> b = make_words(pb.words);

  // Candidates: whole names without the word BIN/BINTI, and, when only one
  // side has it, that side's own name (before BIN) against the other.
  const std::optional<size_t> bin_a = bin_at(a);
  const std::optional<size_t> bin_b = bin_at(b);
  const std::vector<Word> whole_a = bin_a ? without(a, *bin_a) : a;
  const std::vector<Word> whole_b = bin_b ? without(b, *bin_b) : b;
  const double similarity_score = similarity(joined_keys(whole_a), joined_keys(whole_b));

  // Preferred: the whole names, nothing dropped but the word BIN; then one
  // side's own name against the other; then the whole names with words dropped.
  const bool one_bin = bin_a.has_value() != bin_b.has_value();
  Outcome outcome = compare_words(whole_a, whole_b);
  if (outcome.matched && one_bin) outcome.rules |= kBinDropped;
  if (one_bin && (!outcome.matched || (outcome.rules & (kDroppedMiddle | kDroppedWord)))) {
    const std::vector<Word> own_a = bin_a ? std::vector<Word>(a.begin(), a.begin() + *bin_a) : a;
    const std::vector<Word> own_b = bin_b ? std::vector<Word>(b.begin(), b.begin() + *bin_b) : b;
    if (Outcome own = compare_words(own_a, own_b); own.matched) {
      outcome = own;
      outcome.rules |= kBinPartDropped;
    }
  }
  if (pa.debris || pb.debris) outcome.rules |= kOcr;
  // Balinese names open with I (men) or NI (women), often left out in typing
  // and small enough for OCR to lose.
  bool balinese_prefix = false;
  auto prefixed = [](const std::vector<Word>& w) { return w.size() >= 2 && (w[0].raw == "I" || w[0].raw == "NI"); };
  if (!outcome.matched && prefixed(whole_a) != prefixed(whole_b)) {
    const std::vector<Word> rest_a =
        prefixed(whole_a) ? std::vector<Word>(whole_a.begin() + 1, whole_a.end()) : whole_a;
    const std::vector<Word> rest_b =
        prefixed(whole_b) ? std::vector<Word>(whole_b.begin() + 1, whole_b.end()) : whole_b;
    if (Outcome rest = compare_words(rest_a, rest_b); rest.matched) outcome = rest, balinese_prefix = true;
  }
  if (!outcome.matched) return {NameVerdict::Different, outcome.reason, similarity_score};

  // Titles on one side only.
  std::vector<std::string_view> titles_b = pb.titles;
  std::vector<std::string_view> one_sided;
  for (std::string_view t : pa.titles) {
    if (auto it = std::find(titles_b.begin(), titles_b.end(), t); it != titles_b.end()) {
      titles_b.erase(it);
    } else {
      one_sided.push_back(t);
    }
  }
  one_sided.insert(one_sided.end(), titles_b.begin(), titles_b.end());

  std::string rule;
  auto add = [&rule](std::string_view text) {
    if (!rule.empty()) rule += "; ";
    rule += text;
  };
  for (std::string_view t : one_sided) add("title " + std::string(t) + " dropped");
  if (balinese_prefix) add("Balinese prefix I/NI dropped");
  for (const RuleText& r : kRuleTexts)
    if (outcome.rules & r.bit) add(r.text);
  // Nothing but punctuation or spacing inside a title told them apart.
  if (rule.empty()) return {NameVerdict::Same, "", 1.0};
  return {NameVerdict::Variant, rule, similarity_score};
}

}  // namespace berkas
