// Levenshtein distance and the similarity derived from it, used to snap OCR'd
// words to known values (month names, vocabularies, region names).
#pragma once

#include <cstddef>
#include <string_view>

namespace berkas {

// Insertions, deletions and substitutions needed to turn a into b.
size_t edit_distance(std::string_view a, std::string_view b);

// Same, but gives up as soon as the distance must exceed `limit` and then
// returns limit + 1. Much faster when most candidates are far away.
size_t bounded_edit_distance(std::string_view a, std::string_view b, size_t limit);

// 1 - distance / longer length: 1 for equal strings, 0 for nothing in common.
double similarity(std::string_view a, std::string_view b);

}  // namespace berkas
