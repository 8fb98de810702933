#include "eval/field_accuracy_eval.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

#include "eval/set_reading.hpp"
#include "extract/extracted_fields.hpp"

namespace berkas {
namespace {

// Values compare in upper case with single spaces: the normal form of text.
std::string comparable(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isspace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::toupper(c));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const double kBinEdges[] = {0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0001};

void add_to_calibration(FieldAccuracy& a, double confidence, bool right) {
  for (size_t i = 0; i + 1 < std::size(kBinEdges); ++i)
    if (confidence >= kBinEdges[i] && confidence < kBinEdges[i + 1]) {
      ++a.calibration[i].reads.total;
      if (right) ++a.calibration[i].reads.right;
    }
}

// Scores one field map (a document's fields or one member row) against its truth.
void score_fields(FieldAccuracy& a, const std::string& type, const std::string& prefix, const std::string& capture,
                  const nlohmann::json& truth, const FieldMap* read, const std::string& where, std::ostream* detail) {
  for (const auto& [name, t] : truth.items()) {
    Tally& tally = a.fields[{type, prefix + name, capture}];
    ++tally.total;
    const std::string want = comparable(t["value"].get<std::string>());
    const FieldValue* got = nullptr;
    if (read != nullptr)
      if (auto it = read->find(name); it != read->end()) got = &it->second;
    if (got != nullptr && comparable(got->value) == want) {
      ++tally.right;
    } else if (detail != nullptr) {
      *detail << where << " " << type << " " << prefix << name << " (" << capture << "): want '" << want << "' got '"
              << (got != nullptr ? got->value : "<absent>") << "'";
      if (got != nullptr) *detail << " at " << std::round(got->confidence * 100) / 100;
      *detail << "\n";
    }
  }
  if (read == nullptr) return;
  for (const auto& [name, f] : *read) {
    const bool right =
        truth.contains(name) && comparable(truth[name]["value"].get<std::string>()) == comparable(f.value);
    add_to_calibration(a, f.confidence, right);
  }
}

}  // namespace

FieldAccuracy evaluate_field_accuracy(const std::filesystem::path& set, int threads, std::ostream* detail,
                                      const CleanupSettings& settings) {
  FieldAccuracy a;
  for (size_t i = 0; i + 1 < std::size(kBinEdges); ++i)
    a.calibration.push_back({kBinEdges[i], std::min(1.0, kBinEdges[i + 1]), {}});
  compare_set_pages(
      set, threads,
      [&](const PageComparison& c) {
        for (size_t t = 0; t < c.truth.size(); ++t) {
          const auto& truth = c.truth[t];
          const std::string capture = truth["capture"].get<std::string>();
          std::string type = truth["doc_type"].get<std::string>();
          const ReadDocument* read = c.match[t] >= 0 ? &c.read[static_cast<size_t>(c.match[t])] : nullptr;
          const std::string where = c.source + " page " + std::to_string(c.page);
          Tally& cls = a.classification[capture];
          ++cls.total;
          const bool type_right = read != nullptr && read->classification.doc_type == type;
          if (type_right)
            ++cls.right;
          else if (detail != nullptr)
            *detail << where << ": " << type << " (" << capture << ") read as "
                    << (read ? read->classification.doc_type : "<not found>") << "\n";
          if (type == "invoice" && truth.value("layout", "") == "klinik-untemplated") type = "invoice-untemplated";
          const FieldMap* fields = type_right ? &read->extraction.fields : nullptr;
          score_fields(a, type, "", capture, truth.value("fields", nlohmann::json::object()), fields, where, detail);
          if (type == "kk" && truth.contains("tables") && truth["tables"].contains("members")) {
            const auto& rows = truth["tables"]["members"];
            const std::vector<FieldMap>* got = nullptr;
            if (type_right)
              if (auto it = read->extraction.tables.find("members"); it != read->extraction.tables.end())
                got = &it->second;
            for (size_t r = 0; r < rows.size(); ++r) {
              Tally& found = a.member_rows[capture];
              ++found.total;
              const FieldMap* row = got != nullptr && r < got->size() ? &(*got)[r] : nullptr;
              if (row != nullptr) ++found.right;
              score_fields(a, type, "members.", capture, rows[r], row, where + " row " + std::to_string(r + 1), detail);
            }
          }
        }
      },
      settings);
  return a;
}

void print_field_accuracy(const FieldAccuracy& a, std::ostream& out) {
  std::set<std::string> captures;
  for (const auto& [key, t] : a.fields) captures.insert(std::get<2>(key));
  char line[256];
  auto cell = [&](const Tally& t) {
    if (t.total == 0) return std::string("         -");
    std::snprintf(line, sizeof line, " %6.1f%% %3d", 100.0 * t.share(), t.total);
    return std::string(line);
  };
  out << "Classification (share right, documents)\n";
  for (const auto& c : captures) {
    auto it = a.classification.find(c);
    out << "  " << c << ":" << cell(it == a.classification.end() ? Tally{} : it->second) << "\n";
  }
  out << "\nFields: exact match per capture level (share right, documents)\n";
  std::snprintf(line, sizeof line, "%-22s %-28s", "document", "field");
  out << line;
  for (const auto& c : captures) {
    std::snprintf(line, sizeof line, " %11s", c.c_str());
    out << line;
  }
  out << "\n";
  std::map<std::pair<std::string, std::string>, std::map<std::string, Tally>> by_field;
  for (const auto& [key, t] : a.fields) by_field[{std::get<0>(key), std::get<1>(key)}][std::get<2>(key)] = t;
  for (const auto& [key, per_capture] : by_field) {
    std::snprintf(line, sizeof line, "%-22s %-28s", key.first.c_str(), key.second.c_str());
    out << line;
    for (const auto& c : captures) {
      auto it = per_capture.find(c);
      out << cell(it == per_capture.end() ? Tally{} : it->second);
    }
    out << "\n";
  }
  out << "\nKK member rows found (share, true rows)\n";
  for (const auto& [c, t] : a.member_rows) out << "  " << c << ":" << cell(t) << "\n";
  out << "\nConfidence calibration (every value reported)\n  confidence     values   right\n";
  for (const auto& b : a.calibration) {
    std::snprintf(line, sizeof line, "  [%.2f, %.2f) %8d  %6.1f%%\n", b.low, b.high, b.reads.total,
                  100.0 * b.reads.share());
    out << line;
  }
}

}  // namespace berkas
