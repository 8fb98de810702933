#include "domain/ocr_lookalikes.hpp"

#include <cctype>

namespace berkas {

std::optional<char> digit_in_group(char c) {
  if (c >= '0' && c <= '9') return c;
  switch (c) {
    case 'O':
    case 'o':
    case 'D':
    case 'Q':
      return '0';
    case 'I':
    case 'l':
    case '|':
    case '!':
      return '1';
    case 'Z':
    case 'z':
      return '2';
    case 'S':
    case 's':
      return '5';
    case 'B':
      return '8';
    default:
      return std::nullopt;
  }
}

char letter_in_word(char c) {
  switch (c) {
    case '0':
      return 'O';
    case '1':
    case '|':
    case '!':
      return 'I';
    case '2':
      return 'Z';
    case '4':
      return 'A';
    case '5':
      return 'S';
    case '6':
      return 'G';
    case '8':
      return 'B';
    default:
      return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
}

}  // namespace berkas
