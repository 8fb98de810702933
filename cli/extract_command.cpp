// `berkas extract --json FILE...`: every document found in the scans, one
// JSON line each, in input order (see shared/contract.md).
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cleanup_skips.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "workers/extract_pipeline.hpp"

namespace berkas::cli {

void add_extract_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("extract", "Find, clean and read the documents in scans; one JSON line per document");
  struct Args {
    std::vector<std::string> files;
    bool json = false, quiet = false, with_text = false;
    int threads = 0;
    std::vector<std::string> skip;
    std::string stats;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("files", args->files, "Scan files (PNG, JPEG, TIFF, PDF) or folders")->required();
  cmd->add_flag("--json", args->json, "JSON Lines on stdout (the only output format)");
  cmd->add_option("--threads", args->threads, "Worker threads (default: every core)")->check(CLI::Range(1, 256));
  cmd->add_flag("--quiet,-q", args->quiet, "No progress line on stderr");
  cmd->add_option("--stats", args->stats,
                  "Write a JSON summary (pages, seconds, pages/s, page latency p50/p95, time per reading step) here");
  cmd->add_flag("--with-text", args->with_text, "Also print each document's recognised lines (\"text\")");
  add_skip_option(cmd, args->skip);
  cmd->callback([args] {
    ExtractOptions options;
    options.threads = args->threads;
    options.progress = !args->quiet && isatty(STDERR_FILENO);
    options.with_text = args->with_text;
    options.cleanup = without_steps(options.cleanup, args->skip);
    std::vector<std::filesystem::path> paths(args->files.begin(), args->files.end());
    std::vector<InputProblem> problems;
    const auto files = collect_input_files(paths, problems);
    for (const auto& p : problems) std::cerr << "berkas extract: " << p.path.string() << ": " << p.reason << "\n";
    const auto summary = run_extract(files, options, std::cout, std::cerr, "berkas extract");
    if (!args->stats.empty()) {
      std::vector<double> ms = summary.page_milliseconds;
      std::sort(ms.begin(), ms.end());
      auto percentile = [&](double p) { return ms.empty() ? 0.0 : ms[static_cast<size_t>(p * (ms.size() - 1) + 0.5)]; };
      const nlohmann::json stats{{"files", summary.files},
                                 {"pages", summary.pages},
                                 {"pages_failed", summary.pages_failed},
                                 {"documents", summary.documents},
                                 {"seconds", summary.seconds},
                                 {"pages_per_second", summary.seconds > 0 ? summary.pages / summary.seconds : 0},
                                 {"page_ms_p50", percentile(0.5)},
                                 {"page_ms_p95", percentile(0.95)},
                                 {"threads", options.threads},
                                 {"step_ms", summary.step_milliseconds}};
      std::ofstream out(args->stats);
      if (!(out << stats.dump(2) << "\n")) throw Error(ErrorCode::Io, "cannot write " + args->stats);
    }
    if (!problems.empty() || summary.files_failed > 0) throw QuietFailure{1};  // each failure already has its line
  });
}

}  // namespace berkas::cli
