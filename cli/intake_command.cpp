// `berkas intake`: the main batch job (see workers/intake_job.hpp). Prints a
// summary; writes the supervisor's HTML report and, on request, each case's
// check result as JSON Lines.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cases/case_file.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"
#include "intake/input_files.hpp"
#include "store/database.hpp"
#include "workers/intake_job.hpp"
#include "workers/intake_report.hpp"

namespace berkas::cli {
namespace {

std::string megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace

void add_intake_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("intake", "Take in a batch of scans with its cases: store, read, assign, check");
  struct Args {
    std::vector<std::string> inputs;
    std::string cases, label, report, results;
    int threads = 0;
    bool quiet = false;
    double threshold = CheckSettings{}.confidence_threshold;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("inputs", args->inputs, "Scan files or folders (searched recursively)")->required();
  cmd->add_option("--cases,-c", args->cases, "The cases of this batch: one JSON (object, array or lines) or CSV file")
      ->required();
  cmd->add_option("--label", args->label, "A name for the batch (default: the first input)");
  cmd->add_option("--threads", args->threads, "Worker threads (default: every core)")->check(CLI::Range(1, 256));
  cmd->add_flag("--quiet,-q", args->quiet, "No progress line on stderr");
  cmd->add_option("--report", args->report,
                  "Write the supervisor's HTML report here (default: <state dir>/reports/batch-<id>.html)");
  cmd->add_option("--results", args->results, "Write each case's check result here, one JSON line per case");
  cmd->add_option("--confidence-threshold", args->threshold,
                  "Values read below this confidence cannot make an error by themselves")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([args] {
    bool failed = false;
    const CaseFile case_file = read_case_file(args->cases);
    for (const auto& r : case_file.rejected) {
      std::fprintf(stderr, "berkas intake: %s: %s\n", args->cases.c_str(), describe(r).c_str());
      failed = true;
    }
    std::vector<std::filesystem::path> paths(args->inputs.begin(), args->inputs.end());
    std::vector<InputProblem> problems;
    const auto files = collect_input_files(paths, problems);
    for (const auto& p : problems) {
      std::fprintf(stderr, "berkas intake: %s: %s\n", p.path.c_str(), p.reason.c_str());
      failed = true;
    }

    auto store = open_store();
    IntakeOptions options;
    options.label = args->label.empty() ? args->inputs.front() : args->label;
    options.actor = "intake:" + os_user();
    options.reading.threads = args->threads;
    options.reading.progress = !args->quiet && isatty(STDERR_FILENO);
    options.checks.confidence_threshold = args->threshold;
    std::ostringstream errors;
    const IntakeResult result = run_intake(*store, files, case_file.cases, options, errors);
    std::cerr << errors.str();
    failed = failed || !errors.str().empty();

    const BatchOutcome& batch = result.batch;
    for (const auto& u : batch.unreadable) {
      std::fprintf(stderr, "berkas intake: %s: %s\n", u.name.c_str(), u.reason.c_str());
      failed = true;
    }
    int rejected = 0, fresh = 0;
    uint64_t bytes = 0;
    for (const auto& f : batch.files) {
      bytes += f.size_bytes;
      fresh += f.new_content ? 1 : 0;
      if (!f.problem.empty()) {
        ++rejected;
        failed = true;
        std::fprintf(stderr, "berkas intake: %s: %s (kept in the store, not read)\n", f.name.c_str(),
                     f.problem.c_str());
      }
    }
    for (const auto& u : result.unassigned)
      std::fprintf(stderr, "berkas intake: %s: page %d: %s not assigned to a case: %s\n", u.source.c_str(), u.page,
                   u.doc_type.c_str(), u.reason.c_str());

    int clean = 0;
    std::map<std::string, int> errors_by_code;
    for (const auto& c : result.cases) {
      clean += c["decision"] == "clean" ? 1 : 0;
      for (const auto& f : c["flags"])
        if (f["severity"] == "error") ++errors_by_code[f["code"].get<std::string>()];
    }
    const int files_total = static_cast<int>(batch.files.size());
    std::string repeat_note;
    if (result.already_complete)
      repeat_note = result.cases_changed == 0 && result.letters.empty()
                        ? " was taken in before; nothing changed"
                        : " was taken in before; " + std::to_string(result.cases_changed) + " cases re-checked, " +
                              std::to_string(result.letters.size()) + " letters issued";
    std::printf("berkas intake: batch %ld%s\n", batch.batch_id, repeat_note.c_str());
    std::printf("  files:     %d taken in (%s), %d new to the store, %d already stored; %d not scans, %zu unreadable\n",
                files_total, megabytes(bytes).c_str(), batch.repeated ? 0 : fresh,
                batch.repeated ? files_total : files_total - fresh, rejected, batch.unreadable.size());
    std::printf("  cases:     %zu read (%d new, %d changed, %d unchanged), %zu rejected\n", case_file.cases.size(),
                batch.cases_new, batch.cases_changed, batch.cases_unchanged, case_file.rejected.size());
    const ExtractSummary& r = result.reading;
    std::printf("  pages:     %d read, %d failed, in %.1f s (%.2f pages per second)\n", r.pages, r.pages_failed,
                r.seconds, r.seconds > 0 ? r.pages / r.seconds : 0.0);
    std::printf("  documents: %d found this run, %zu not assigned to a case\n", r.documents, result.unassigned.size());
    std::printf("  decisions: %d clean, %zu to review\n", clean, result.cases.size() - clean);
    std::string codes;
    for (const auto& [code, n] : errors_by_code) codes += (codes.empty() ? "" : ", ") + code + " " + std::to_string(n);
    std::printf("  errors:    %s\n", codes.empty() ? "none" : codes.c_str());
    if (!result.letters.empty()) {
      std::string numbers;
      for (const auto& l : result.letters)
        numbers += (numbers.empty() ? "" : ", ") + l.number + " (" + l.case_ref + ")";
      std::printf("  letters:   %zu issued for approved cases: %s\n", result.letters.size(), numbers.c_str());
    }

    const std::filesystem::path report =
        args->report.empty() ? state_dir() / "reports" / ("batch-" + std::to_string(batch.batch_id) + ".html")
                             : std::filesystem::path(args->report);
    write_intake_report(result, report);
    std::printf("  report:    %s\n", report.c_str());
    std::printf("  store:     %s\n", redact_database_url(database_url()).c_str());
    if (!args->results.empty()) {
      std::ofstream out(args->results);
      for (const auto& c : result.cases) out << c.dump() << "\n";
      if (!out) throw Error(ErrorCode::Io, "cannot write " + args->results);
    }
    if (failed) throw QuietFailure{1};  // every problem has its line above
  });
}

}  // namespace berkas::cli
