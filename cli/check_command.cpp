// `berkas check --case CASE.json FILE...`: reads the scans of one berkas and
// cross-checks them against the case the officer typed; one JSON object on
// stdout (shared/contract.md).
#include <unistd.h>

#include <iostream>

#include "cases/case_file.hpp"
#include "check/case_checks.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "workers/extract_pipeline.hpp"

namespace berkas::cli {

void add_check_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("check", "Cross-check the documents of one berkas against its case; one JSON object");
  struct Args {
    std::string case_file;
    std::vector<std::string> files;
    int threads = 0;
    bool quiet = false;
    double threshold = CheckSettings{}.confidence_threshold;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--case", args->case_file, "The case as typed (JSON, shared/contract.md)")->required();
  cmd->add_option("files", args->files, "Scan files (PNG, JPEG, TIFF, PDF) or folders")->required();
  cmd->add_option("--threads", args->threads, "Worker threads (default: every core)")->check(CLI::Range(1, 256));
  cmd->add_flag("--quiet,-q", args->quiet, "No progress line on stderr");
  cmd->add_option("--confidence-threshold", args->threshold,
                  "Values read below this confidence cannot make an error by themselves")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([args] {
    const CaseFile cases = read_case_file(args->case_file);
    for (const auto& r : cases.rejected)
      std::cerr << "berkas check: " << args->case_file << ": " << describe(r) << "\n";
    if (cases.cases.size() != 1) {
      if (cases.rejected.empty())
        throw Error(ErrorCode::InvalidArgument,
                    args->case_file + ": holds " + std::to_string(cases.cases.size()) + " cases; check takes one");
      throw QuietFailure{1};
    }
    const CaseRecord& c = cases.cases.front();

    std::vector<std::filesystem::path> paths(args->files.begin(), args->files.end());
    std::vector<InputProblem> problems;
    const auto files = collect_input_files(paths, problems);
    bool failed = !problems.empty();
    for (const auto& p : problems) std::cerr << "berkas check: " << p.path.string() << ": " << p.reason << "\n";
    ExtractOptions options;
    options.threads = args->threads;
    options.progress = !args->quiet && isatty(STDERR_FILENO);
    std::vector<nlohmann::json> documents;
    read_scans(files, options, [&](PageOutcome&& page) {
      const std::string name = files[page.file].path.string();
      if (!page.error.empty()) {
        failed = true;
        std::cerr << "berkas check: " << name << ": "
                  << (page.file_failed ? "" : "page " + std::to_string(page.page) + ": ") << page.error << "\n";
      }
      for (auto& doc : page.documents) documents.push_back(std::move(doc));
    });

    CheckSettings settings;
    settings.confidence_threshold = args->threshold;
    const auto& programs = standard_programs();
    const auto flags = check_case(c.data, documents, programs.at(c.data["program"].get<std::string>()), settings);
    std::cout << check_result_json(c.data, documents, flags).dump() << std::endl;
    if (failed) throw QuietFailure{1};  // each unreadable file already has its line
  });
}

}  // namespace berkas::cli
