// Matching a person's name as an officer typed it in a case against the name
// read (OCR) from a document. Indonesian names are written in many honest
// ways (titles, old spelling, abbreviations, joined or dropped words, OCR
// damage); those are a Variant, another person is Different.
// The rules and thresholds are written down in docs/name-matching.md.
#pragma once

#include <string>
#include <string_view>

namespace berkas {

enum class NameVerdict { Same, Variant, Different };

struct NameComparison {
  NameVerdict verdict = NameVerdict::Different;
  // Variant: which honest difference(s), in English, "; "-separated when
  // several apply (e.g. "title HJ. dropped; old spelling oe/u; joined words");
  // Same: ""; Different: a short reason ("no name", "different given name"...).
  std::string rule;
  double similarity = 0;  // 0..1 after normalisation (1 = identical)
};

// typed: the name as the officer typed it in the case; printed: the name read
// (OCR) from a document.
// Same: equal after trivial normalisation (case, spaces, punctuation).
// Variant: the same person written in an honest different way (at most a warning).
// Different: another person (an error).
NameComparison compare_person_names(std::string_view typed, std::string_view printed);

const char* to_string(NameVerdict v);  // "same", "variant", "different"

}  // namespace berkas
