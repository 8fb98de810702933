// The closed lists of values printed on KTP and KK (sex, blood type,
// religion, marital status, nationality, relationship, occupation,
// education), and snapping an OCR'd word to the closest allowed value.
// The lists are data: templates/vocabularies/*.txt, one allowed value per
// line, optionally followed by "|alias|alias" for other spellings seen on
// paper; '#' starts a comment.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berkas {

enum class Vocabulary { Sex, BloodType, Religion, MaritalStatus, Nationality, Relationship, Occupation, Education };

struct Snapped {
  std::string value;
  double similarity = 0;  // 0..1, 1 = exact (after normalisation)
};

// The allowed value closest to `text`, compared upper-case without spaces
// or punctuation and with digits read as the letters they resemble. Nothing
// when no value is close enough (short words must match exactly) or when two
// values are equally close. Sex snaps to the contract's M / F.
// Throws berkas::Error when the vocabulary files cannot be read.
std::optional<Snapped> snap(Vocabulary v, std::string_view text);

// The vocabulary a template names: "sex", "blood_type", "religion",
// "marital_status", "nationality", "relationship", "occupation",
// "education"; nothing for any other name.
std::optional<Vocabulary> vocabulary_named(std::string_view name);

// The allowed values, in file order.
const std::vector<std::string>& allowed_values(Vocabulary v);

}  // namespace berkas
