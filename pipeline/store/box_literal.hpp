// A box [x, y, width, height] as a PostgreSQL integer[] literal
// ("{412,88,610,44}"), the form every bbox column of the store takes.
#pragma once

#include <string>

namespace berkas {

inline std::string box_literal(int x, int y, int width, int height) {
  return "{" + std::to_string(x) + "," + std::to_string(y) + "," + std::to_string(width) + "," +
         std::to_string(height) + "}";
}

}  // namespace berkas
