// How well register pages are read, on a set made by `berkas generate
// --registers`: rows found, printed cells exactly right, NIK cells right or
// sent to review, handwritten cells sent to review rather than read wrong,
// per capture level.
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>

#include "eval/field_accuracy_eval.hpp"

namespace berkas {

struct RegisterScore {
  Tally rows;              // true rows with a row read at their place
  Tally printed_cells;     // printed, non-empty cells read exactly right
  Tally printed_review;    // printed cells sent to review (right share = sent)
  Tally nik_cells;         // NIK cells right or sent to review
  Tally handwritten;       // handwritten cells sent to review
  Tally handwritten_safe;  // handwritten cells sent to review or read right (not wrong unflagged)
  Tally wrong_unflagged;   // cells of matched rows, empty ones included: read wrong and not sent to review
                           // (right = such cells)
  int pages = 0, pages_failed = 0;
};

// Per capture level, and "all". Misses are listed on `detail` when given.
std::map<std::string, RegisterScore> evaluate_registers(const std::filesystem::path& set, int threads,
                                                        std::ostream* detail);

void print_register_score(const std::map<std::string, RegisterScore>& scores, std::ostream& out);

}  // namespace berkas
