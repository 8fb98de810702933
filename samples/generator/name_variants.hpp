// How an officer may honestly type a printed name differently: the
// variants the name matcher must tolerate (spelling reform, abbreviations,
// titles, spacing, a dropped middle name).
#pragma once

#include <string>

#include "rng.hpp"

namespace berkas::samples {

// A variant of `name` and a short description of the rule used; returns
// the name unchanged (and an empty rule) when no rule applies.
std::pair<std::string, std::string> honest_name_variant(Rng& rng, const std::string& name, char sex);

}  // namespace berkas::samples
