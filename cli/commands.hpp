// Each subcommand of `berkas` registers itself on the application here; its
// callback throws berkas::Error on failure and main() turns that into one
// line on stderr and an exit status.
#pragma once

#include <CLI/CLI.hpp>

namespace berkas::cli {

// Thrown by a command that has already reported every problem on its own
// line: main() exits with `status` and prints nothing more.
struct QuietFailure {
  int status;
};

// The login running berkas, for the audit log ("intake:" + os_user()).
std::string os_user();

void add_archive_command(CLI::App& app);
void add_check_command(CLI::App& app);
void add_db_command(CLI::App& app);
void add_doctor_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_extract_command(CLI::App& app);
void add_generate_command(CLI::App& app);
void add_intake_command(CLI::App& app);
void add_pdf_command(CLI::App& app);
void add_search_command(CLI::App& app);
void add_separator_command(CLI::App& app);
// approve, letter issue, verify
void add_letter_commands(CLI::App& app);
// serve, work, user
void add_service_commands(CLI::App& app);

}  // namespace berkas::cli
