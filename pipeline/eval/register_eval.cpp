#include "eval/register_eval.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for_each.h>
#include <oneapi/tbb/task_arena.h>

#include <cstdio>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "archive/register_reader.hpp"
#include "core/error.hpp"
#include "domain/free_text.hpp"
#include "eval/set_reading.hpp"
#include "image/scan_reader.hpp"
#include "rules/register_template.hpp"

namespace berkas {
namespace {

using nlohmann::json;

cv::Rect box_of(const json& b) { return {b[0].get<int>(), b[1].get<int>(), b[2].get<int>(), b[3].get<int>()}; }

// The truth in the form the reader reports: free text upper case and cleaned.
std::string expected(CellType type, const std::string& value) {
  if (type == CellType::Text) return clean_free_text(value);
  if (type == CellType::Name) return clean_person_name(value);
  return value;
}

}  // namespace

std::map<std::string, RegisterScore> evaluate_registers(const std::filesystem::path& set, int threads,
                                                        std::ostream* detail) {
  std::ifstream in(set / "truth.jsonl");
  if (!in) throw Error(ErrorCode::NotFound, (set / "truth.jsonl").string() + ": no ground truth in this folder");
  std::vector<json> pages;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) pages.push_back(json::parse(line));
  std::map<std::string, RegisterScore> scores;
  std::mutex lock;
  const auto& registers = standard_registers();
  tbb::enumerable_thread_specific<std::unique_ptr<RegisterReader>> readers;
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for_each(pages.begin(), pages.end(), [&](const json& truth) {
      auto& reader = readers.local();
      if (!reader) reader = std::make_unique<RegisterReader>(registers);
      const std::string source = truth["source"];
      RegisterPageReading reading;
      try {
        auto scan = ScanReader::open(set / source);
        const DecodedPage page = scan->read_page(0);
        reading = reader->read(page.image, page.dpi, 2026);
      } catch (const std::exception& e) {
        reading.problem = e.what();
      }
      const RegisterTemplate& t = registers.at(truth["register"].get<std::string>());
      std::lock_guard guard(lock);
      for (const std::string& capture : {truth["capture"].get<std::string>(), std::string("all")}) {
        RegisterScore& s = scores[capture];
        ++s.pages;
        if (!reading.problem.empty()) ++s.pages_failed;
      }
      if (!reading.problem.empty() && detail) *detail << source << ": " << reading.problem << "\n";
      if (reading.register_name != t.name && reading.problem.empty() && detail)
        *detail << source << ": read as register " << reading.register_name << ", is " << t.name << "\n";
      for (const auto& row : truth["tables"]["rows"]) {
        cv::Rect row_box;
        for (const auto& [_, cell] : row.items()) row_box |= box_of(cell["bbox"]);
        // The row read that covers most of this row (on the page as stored,
        // which may lie on its side).
        const RegisterRowReading* match = nullptr;
        int best = 0;
        for (const auto& r : reading.rows) {
          const int overlap = (r.box & row_box).area();
          if (overlap > best && overlap > row_box.area() / 2) best = overlap, match = &r;
        }
        if (reading.register_name != t.name) match = nullptr;
        for (const std::string& capture : {truth["capture"].get<std::string>(), std::string("all")}) {
          RegisterScore& s = scores[capture];
          ++s.rows.total;
          if (match) ++s.rows.right;
          for (const auto& col : t.columns) {
            if (!row.contains(col.name)) continue;
            const auto& cell = row[col.name];
            const bool handwritten = cell.value("handwritten", false);
            const std::string want = expected(col.type, cell["value"].get<std::string>());
            const RegisterCellReading* got = nullptr;
            if (match && match->cells.count(col.name)) got = &match->cells.at(col.name);
            const bool right = got && got->value == want;
            const bool review = got && got->review;
            if (handwritten) {
              ++s.handwritten.total;
              if (review) ++s.handwritten.right;
              ++s.handwritten_safe.total;
              if (review || right) ++s.handwritten_safe.right;
            } else if (!want.empty()) {
              ++s.printed_cells.total;
              if (right) ++s.printed_cells.right;
              ++s.printed_review.total;
              if (review) ++s.printed_review.right;
            }
            if (col.type == CellType::Nik) {
              ++s.nik_cells.total;
              if (right || review) ++s.nik_cells.right;
            }
            if (match) {
              ++s.wrong_unflagged.total;
              if (!right && !review) ++s.wrong_unflagged.right;
            }
            if (detail && capture == "all" && match && (handwritten ? !review : !right))
              *detail << source << " row " << match->row << " " << col.name << (handwritten ? " (hand)" : "")
                      << ": want '" << want << "' read '" << (got ? got->value : "") << "'"
                      << (review ? " [review: " + got->reason + "]" : "") << "\n";
          }
        }
      }
    });
  });
  return scores;
}

void print_register_score(const std::map<std::string, RegisterScore>& scores, std::ostream& out) {
  char line[320];
  std::snprintf(line, sizeof line, "%-8s %6s %16s %18s %16s %18s %16s %12s %18s\n", "capture", "pages", "rows found",
                "printed cells", "printed review", "NIK right|review", "hand -> review", "or right",
                "wrong, unflagged");
  out << line;
  auto pct = [](const Tally& t) { return 100.0 * t.share(); };
  for (const auto& [capture, s] : scores) {
    std::snprintf(line, sizeof line,
                  "%-8s %6d %7d %7.1f%% %9d %7.1f%% %7d %7.1f%% %9d %7.1f%% %7d %7.1f%% %11.1f%% %9d %7.1f%%\n",
                  capture.c_str(), s.pages, s.rows.total, pct(s.rows), s.printed_cells.total, pct(s.printed_cells),
                  s.printed_review.right, pct(s.printed_review), s.nik_cells.total, pct(s.nik_cells),
                  s.handwritten.total, pct(s.handwritten), pct(s.handwritten_safe), s.wrong_unflagged.right,
                  pct(s.wrong_unflagged));
    out << line;
  }
}

}  // namespace berkas
