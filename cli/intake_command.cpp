// `berkas intake`: the main batch job. Today it takes a batch into the
// store: every scan's original bytes and the cases as typed, idempotently,
// with problems reported per file and per case. Reading, cross-checks and
// the supervisor's report plug in here as they are built.
#include <pwd.h>
#include <unistd.h>

#include <cstdio>

#include "cases/case_file.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "intake/input_files.hpp"
#include "store/batch_store.hpp"
#include "store/database.hpp"

namespace berkas::cli {
namespace {

std::string os_user() {
  if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
  return "uid" + std::to_string(geteuid());
}

std::string megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace

void add_intake_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("intake", "Take a batch of scans and the cases they belong to into the store");
  struct Args {
    std::vector<std::string> inputs;
    std::string cases, label;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("inputs", args->inputs, "Scan files or folders (searched recursively)")->required();
  cmd->add_option("--cases,-c", args->cases, "The cases of this batch: one JSON (object, array or lines) or CSV file")
      ->required();
  cmd->add_option("--label", args->label, "A name for the batch (default: the first input)");
  cmd->callback([args] {
    bool failed = false;
    const CaseFile case_file = read_case_file(args->cases);
    for (const auto& r : case_file.rejected) {
      std::fprintf(stderr, "berkas intake: %s: case %s rejected: %s %s\n", args->cases.c_str(), r.case_id.c_str(),
                   r.field.c_str(), r.reason.c_str());
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
    const std::string label = args->label.empty() ? args->inputs.front() : args->label;
    const BatchOutcome outcome = store_batch(*store, label, "intake:" + os_user(), files, case_file.cases);
    for (const auto& u : outcome.unreadable) {
      std::fprintf(stderr, "berkas intake: %s: %s\n", u.name.c_str(), u.reason.c_str());
      failed = true;
    }
    int rejected = 0, fresh = 0;
    uint64_t bytes = 0;
    for (const auto& f : outcome.files) {
      bytes += f.size_bytes;
      fresh += f.new_content ? 1 : 0;
      if (!f.problem.empty()) {
        ++rejected;
        failed = true;
        std::fprintf(stderr, "berkas intake: %s: %s (kept in the store, not read)\n", f.name.c_str(),
                     f.problem.c_str());
      }
    }
    const int files_total = static_cast<int>(outcome.files.size());
    std::printf("berkas intake: batch %ld%s\n", outcome.batch_id,
                outcome.repeated ? " was taken in before; nothing changed" : "");
    std::printf("  files:  %d taken in (%s), %d new to the store, %d already stored; %d not scans, %zu unreadable\n",
                files_total, megabytes(bytes).c_str(), outcome.repeated ? 0 : fresh,
                outcome.repeated ? files_total : files_total - fresh, rejected, outcome.unreadable.size());
    std::printf("  cases:  %zu read (%d new, %d changed, %d unchanged), %zu rejected\n", case_file.cases.size(),
                outcome.cases_new, outcome.cases_changed, outcome.cases_unchanged, case_file.rejected.size());
    std::printf("  store:  %s\n", redact_database_url(database_url()).c_str());
    if (failed) throw Error(ErrorCode::CorruptInput, "some files or cases were not taken in (see the lines above)");
  });
}

}  // namespace berkas::cli
