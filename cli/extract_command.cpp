// `berkas extract --json FILE...`: every document found in the scans, one
// JSON line each, in input order (see shared/contract.md).
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "workers/extract_pipeline.hpp"

namespace berkas::cli {

void add_extract_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("extract", "Find, clean and read the documents in scans; one JSON line per document");
  struct Args {
    std::vector<std::string> files;
    bool json = false, quiet = false;
    int threads = 0;
    std::vector<std::string> skip;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("files", args->files, "Scan files (PNG, JPEG, TIFF, PDF) or folders")->required();
  cmd->add_flag("--json", args->json, "JSON Lines on stdout (the only output format)");
  cmd->add_option("--threads", args->threads, "Worker threads (default: every core)")->check(CLI::Range(1, 256));
  cmd->add_flag("--quiet,-q", args->quiet, "No progress line on stderr");
  cmd->add_option("--skip", args->skip,
                  "Cleanup steps to switch off: orientation, deskew, flatten, despeckle, contrast, binarize");
  cmd->callback([args] {
    ExtractOptions options;
    options.threads = args->threads;
    options.progress = !args->quiet && isatty(STDERR_FILENO);
    for (const auto& step : args->skip) {
      if (step == "orientation")
        options.cleanup.orientation = false;
      else if (step == "deskew")
        options.cleanup.deskew = false;
      else if (step == "flatten")
        options.cleanup.flatten_illumination = false;
      else if (step == "despeckle")
        options.cleanup.remove_speckle = false;
      else if (step == "contrast")
        options.cleanup.stretch_contrast = false;
      else if (step == "binarize")
        options.cleanup.binarize = false;
      else
        throw Error(ErrorCode::InvalidArgument, "unknown cleanup step '" + step + "'");
    }
    std::vector<std::filesystem::path> paths(args->files.begin(), args->files.end());
    std::vector<InputProblem> problems;
    const auto files = collect_input_files(paths, problems);
    for (const auto& p : problems) std::cerr << "berkas extract: " << p.path.string() << ": " << p.reason << "\n";
    const auto summary = run_extract(files, options, std::cout, std::cerr, "berkas extract");
    if (!problems.empty() || summary.files_failed > 0) throw QuietFailure{1};  // each failure already has its line
  });
}

}  // namespace berkas::cli
