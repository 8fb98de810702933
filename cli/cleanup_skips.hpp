// `--skip STEP...`, shared by the commands that read documents (extract,
// eval fields): each name switches off one step of the reading pipeline, to
// see what the step is worth.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "read/document_reader.hpp"

namespace berkas::cli {

// Adds the option to `cmd`, storing the names in `names`.
void add_skip_option(CLI::App* cmd, std::vector<std::string>& names);

// `settings` with the named steps off; throws berkas::Error on an unknown name.
CleanupSettings without_steps(CleanupSettings settings, const std::vector<std::string>& names);

}  // namespace berkas::cli
