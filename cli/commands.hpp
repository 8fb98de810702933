// Each subcommand of `berkas` registers itself on the application here; its
// callback throws berkas::Error on failure and main() turns that into one
// line on stderr and an exit status.
#pragma once

#include <CLI/CLI.hpp>

namespace berkas::cli {

void add_db_command(CLI::App& app);
void add_doctor_command(CLI::App& app);
void add_generate_command(CLI::App& app);
void add_intake_command(CLI::App& app);

}  // namespace berkas::cli
