// `berkas search QUERY`: the archive search of the web pages from the command
// line: cases, documents read from scans, register rows and letters, by NIK
// or KK number, name, case or letter number, or date. JSON on stdout.
#include <cstdio>

#include "cli/commands.hpp"
#include "store/archive_search.hpp"
#include "store/database.hpp"

namespace berkas::cli {

void add_search_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("search", "Find cases, documents, register rows and letters (JSON)");
  auto query = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(100);
  cmd->add_option("query", *query, "A NIK or KK number, a name, a case or letter number, or a date (25-11-2026)")
      ->required();
  cmd->add_option("--limit", *limit, "At most this many of each kind")->check(CLI::Range(1, 10000));
  cmd->callback([query, limit] {
    auto store = open_store();
    std::printf("%s\n", search_archive(*store, *query, *limit).dump(2).c_str());
  });
}

}  // namespace berkas::cli
