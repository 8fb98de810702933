#include "domain/edit_distance.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace berkas {

size_t edit_distance(std::string_view a, std::string_view b) {
  return bounded_edit_distance(a, b, std::max(a.size(), b.size()));
}

size_t bounded_edit_distance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  // One row of the classic table; a row whose minimum exceeds the limit
  // means every later row does too.
  // Names and words fit the stack buffer; called in tight loops, so no
  // allocation for them.
  std::array<size_t, 64> small;
  std::vector<size_t> large;
  size_t* row = small.data();
  if (a.size() + 1 > small.size()) {
    large.resize(a.size() + 1);
    row = large.data();
  }
  for (size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (size_t j = 1; j <= b.size(); ++j) {
    size_t diagonal = row[0];
    row[0] = j;
    size_t row_min = row[0];
    for (size_t i = 1; i <= a.size(); ++i) {
      const size_t above = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      row_min = std::min(row_min, row[i]);
    }
    if (row_min > limit) return limit + 1;
  }
  return std::min(row[a.size()], limit + 1);
}

double similarity(std::string_view a, std::string_view b) {
  const size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 1.0;
  return 1.0 - static_cast<double>(edit_distance(a, b)) / static_cast<double>(longer);
}

}  // namespace berkas
