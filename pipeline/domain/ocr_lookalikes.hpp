// Characters OCR confuses between digits and letters on Indonesian papers.
// Which way to read a character depends on where it stands: inside a digit
// group (a date, an amount, RT/RW) a letter is a misread digit; inside a
// word a digit is a misread letter.
#pragma once

#include <optional>

namespace berkas {

// The digit a character stands for inside a digit group: the digit itself,
// or a letter that looks like one (O/o/D/Q -> 0, I/l/|/! -> 1, Z/z -> 2,
// S/s -> 5, B -> 8). Nothing for any other character.
std::optional<char> digit_in_group(char c);

// The upper-case letter a character stands for inside a word: a digit that
// looks like a letter (0 -> O, 1 -> I, 2 -> Z, 4 -> A, 5 -> S, 6 -> G, 8 -> B,
// |/! -> I), or the character itself upper-cased.
char letter_in_word(char c);

}  // namespace berkas
