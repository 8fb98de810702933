// Free-text values (names, places, addresses) in the contract's normal form:
// upper case, single spaces, no debris of the label or ruling around them.
#pragma once

#include <string>
#include <string_view>

namespace berkas {

// Upper case, runs of white space as one space, trimmed; leading punctuation
// left by the label (": ", "; ", "= ", "| ", "— ") and trailing ruling debris
// (" -", " |", " _", a trailing ',' or ':', a last word of punctuation alone
// such as " -." or " '") removed. A stray letter or digit
// in front is left alone: it may belong to the value.
std::string clean_free_text(std::string_view text);

// clean_free_text, and only what a person's name holds: letters, spaces and
// . , ' - ("HJ. ROSMIATI, S.SOS", "M. YUSUF", "NUR'AINI"). A digit inside a
// word is read as the letter it resembles (R0SMIATI -> ROSMIATI); other
// characters are dropped.
std::string clean_person_name(std::string_view text);

// Codes such as bill numbers compared as typed and as read: upper case,
// spaces dropped ("inv / 2026" -> "INV/2026").
std::string compact_code(std::string_view text);

}  // namespace berkas
