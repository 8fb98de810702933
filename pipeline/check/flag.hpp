// A problem the checks found in a case: what, how serious, where (document,
// field and its box on the page as stored) and the two values side by side.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <string>

namespace berkas {

struct Flag {
  std::string code;      // NIK_MISMATCH, MISSING_DOCUMENT, ... (shared/contract.md)
  std::string severity;  // error (a verifier must look), warning (shown, not blocking), info
  std::string doc_type;  // the document it concerns; "case" when it concerns the case as typed
  std::string source;    // file of that document ("" for the case)
  int page = 0;
  std::string field;
  std::string expected;  // the case's value
  std::string found;     // the document's value
  std::string message;
  bool has_bbox = false;
  std::array<int, 4> bbox{};  // x, y, width, height on the page as stored
  int document = -1;          // index of the document among those checked; -1 for the case
};

nlohmann::json flag_json(const Flag& flag);

// "clean" when no flag is an error, else "review".
std::string decision_for(const std::vector<Flag>& flags);

}  // namespace berkas
