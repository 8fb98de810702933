#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/process_env.hpp"

namespace {

// The subcommand that was being run, for error lines ("berkas db: ...").
std::string command_path(const CLI::App& app) {
  std::string path = "berkas";
  const CLI::App* current = &app;
  while (true) {
    auto subs = current->get_subcommands();
    if (subs.empty()) break;
    current = subs.front();
    path += " " + current->get_name();
  }
  return path;
}

// Errors are one line on stderr, whatever a library put in its message.
std::string one_line(std::string text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string berkas::cli::os_user() {
  if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
  return "uid" + std::to_string(geteuid());
}

int main(int argc, char** argv) {
  berkas::ensure_single_threaded_openmp(argv);

  CLI::App app{"berkas: reads, checks and signs the document bundles of Indonesian health offices"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "berkas 0.1.0");
  berkas::cli::add_archive_command(app);
  berkas::cli::add_check_command(app);
  berkas::cli::add_db_command(app);
  berkas::cli::add_doctor_command(app);
  berkas::cli::add_eval_command(app);
  berkas::cli::add_extract_command(app);
  berkas::cli::add_generate_command(app);
  berkas::cli::add_intake_command(app);
  berkas::cli::add_pdf_command(app);
  berkas::cli::add_letter_commands(app);
  berkas::cli::add_service_commands(app);
  berkas::cli::add_search_command(app);
  berkas::cli::add_separator_command(app);

  // CLI11 would say "a subcommand is required" for a mistyped one.
  const auto known = app.get_subcommands([](CLI::App*) { return true; });
  if (argc > 1 && argv[1][0] != '-' &&
      std::none_of(known.begin(), known.end(), [&](const CLI::App* sub) { return sub->get_name() == argv[1]; })) {
    std::fprintf(stderr, "berkas: unknown command '%s' (see 'berkas --help')\n", argv[1]);
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "%s: %s (see '%s --help')\n", command_path(app).c_str(), e.what(), command_path(app).c_str());
    return 2;
  } catch (const berkas::cli::QuietFailure& e) {
    return e.status;
  } catch (const berkas::Error& e) {
    std::fprintf(stderr, "%s: %s\n", command_path(app).c_str(), one_line(e.what()).c_str());
    return berkas::exit_status(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: unexpected error: %s\n", command_path(app).c_str(), one_line(e.what()).c_str());
    return 1;
  }
  return 0;
}
