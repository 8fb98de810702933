// How well documents are classified and their fields read, measured on a
// generated set against its ground truth: exact-match accuracy per document
// type, field and capture level; KK member rows found and their cells; and
// the calibration of the reported confidences (is a field reported at 0.9
// right at least 9 times in 10?).
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "read/document_reader.hpp"

namespace berkas {

struct Tally {
  int total = 0, right = 0;
  double share() const { return total == 0 ? 0 : static_cast<double>(right) / total; }
};

struct ConfidenceBin {
  double low = 0, high = 0;
  Tally reads;
};

struct FieldAccuracy {
  std::map<std::string, Tally> classification;  // per capture level
  // (document type, field, capture level); invoices on a layout with no
  // template count as document type "invoice-untemplated". KK member cells
  // are fields "members.<name>".
  std::map<std::tuple<std::string, std::string, std::string>, Tally> fields;
  std::map<std::string, Tally> member_rows;  // per capture level: true rows with a row read
  std::vector<ConfidenceBin> calibration;    // every value reported, by its confidence
};

// Misses are listed on `detail` when given.
FieldAccuracy evaluate_field_accuracy(const std::filesystem::path& set, int threads, std::ostream* detail,
                                      const CleanupSettings& settings = {});

// The report as printed by `berkas eval fields`: plain-text tables.
void print_field_accuracy(const FieldAccuracy& accuracy, std::ostream& out);

}  // namespace berkas
