// Letter number patterns (letters/letter_number).
#include "letters/letter_number.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace berkas {
namespace {

TEST(LetterNumber, TheOfficesPattern) {
  EXPECT_EQ(
      format_letter_number("{class}/{seq:4}/{unit}/{year}", {{"class", "400.7"}, {"unit", "DINKES"}}, 107, 2026, 11),
      "400.7/0107/DINKES/2026");
  EXPECT_EQ(format_letter_number("{class}/{seq}/{unit}/{month_roman}/{year}", {{"class", "440"}, {"unit", "YANKES"}}, 5,
                                 2026, 11),
            "440/5/YANKES/XI/2026");
  EXPECT_EQ(format_letter_number("BA-{seq:3}/{month}/{year}", {}, 12, 2027, 1), "BA-012/01/2027");
}

TEST(LetterNumber, APatternMustHaveASerialAndKnownPlaceholders) {
  EXPECT_THROW(format_letter_number("{class}/{year}", {{"class", "400.7"}}, 1, 2026, 1), Error);
  EXPECT_THROW(format_letter_number("{class}/{seq}/{nosuch}", {{"class", "400.7"}}, 1, 2026, 1), Error);
  EXPECT_THROW(format_letter_number("{class/{seq}", {}, 1, 2026, 1), Error);
}

}  // namespace
}  // namespace berkas
