#include "cli/cleanup_skips.hpp"

#include <map>

#include "core/error.hpp"

namespace berkas::cli {
namespace {

const std::map<std::string, bool CleanupSettings::*> kSkippableSteps{
    {"orientation", &CleanupSettings::orientation},
    {"deskew", &CleanupSettings::deskew},
    {"flatten", &CleanupSettings::flatten_illumination},
    {"despeckle", &CleanupSettings::remove_speckle},
    {"contrast", &CleanupSettings::stretch_contrast},
    {"binarize", &CleanupSettings::binarize},
    {"table-rules", &CleanupSettings::remove_table_rules},
    {"unread-ink", &CleanupSettings::read_unread_ink},
    {"grey", &CleanupSettings::read_grey},
    {"second-reading", &CleanupSettings::read_twice},
};

}  // namespace

void add_skip_option(CLI::App* cmd, std::vector<std::string>& names) {
  cmd->add_option("--skip", names,
                  "Reading steps to switch off: orientation, deskew, flatten, despeckle, contrast, binarize, "
                  "table-rules, unread-ink, grey (read the binary instead), second-reading");
}

CleanupSettings without_steps(CleanupSettings settings, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    const auto it = kSkippableSteps.find(name);
    if (it == kSkippableSteps.end()) throw Error(ErrorCode::InvalidArgument, "unknown reading step '" + name + "'");
    settings.*(it->second) = false;
  }
  return settings;
}

}  // namespace berkas::cli
