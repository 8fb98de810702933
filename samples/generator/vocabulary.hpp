// Word lists the generator draws from: Indonesian names of many traditions,
// streets, occupations and the closed vocabularies printed on KTP and KK.
#pragma once

#include <span>
#include <string_view>

namespace berkas::samples {

// A naming tradition: given names, optional family/clan names, and the
// religions common among people who carry such names.
struct NameTradition {
  std::string_view label;
  std::span<const std::string_view> male_given;
  std::span<const std::string_view> female_given;
  std::span<const std::string_view> family;  // empty: no family names
  std::span<const std::string_view> male_prefix;
  std::span<const std::string_view> female_prefix;
  std::span<const std::string_view> religions;
  int weight;  // relative frequency
};

std::span<const NameTradition> name_traditions();

std::span<const std::string_view> street_names();
std::span<const std::string_view> occupations();
std::span<const std::string_view> educations();
std::span<const std::string_view> sktm_purposes();
std::span<const std::string_view> other_letter_titles();

}  // namespace berkas::samples
