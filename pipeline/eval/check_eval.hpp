// How well the checks catch the problems seeded in a generated set, and how
// rarely they stop a clean case: the figures of issue 5's acceptance. The
// results are either `berkas intake --results` (reading, assignment and the
// store included) or, with no results file, the checks run on the set's
// ground truth (perfect reading: the checks' own logic alone; DUPLICATE_CLAIM
// needs the store and is then not counted).
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace berkas {

struct CheckScore {
  struct Code {
    int seeded = 0, raised = 0, raised_as_error = 0;
  };
  std::map<std::string, Code> by_code;  // seeded problem -> cases and how often its code came
  int clean_cases = 0, clean_with_error = 0;
  int variant_cases = 0, variant_with_error = 0;    // clean cases whose name was typed as an honest variant
  std::map<std::string, int> clean_errors_by_code;  // which codes stopped clean cases
  std::vector<std::string> misses;                  // one line per miss, for -v
};

CheckScore evaluate_checks(const std::filesystem::path& set, const std::filesystem::path& results);
void print_check_score(const CheckScore& score, std::ostream& out);

}  // namespace berkas
