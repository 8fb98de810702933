// `berkas separator`: prints the separator sheets a scanner station puts on
// top of each case's bundle (one A4 page per case, QR code BERKAS-SEP:<id>).

#include <cstdio>
#include <fstream>
#include <memory>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "letters/separator_sheet.hpp"

namespace berkas::cli {

void add_separator_command(CLI::App& app) {
  auto* separator =
      app.add_subcommand("separator", "Make separator sheets (one A4 page per case) for scanner stations");
  struct SeparatorArgs {
    std::vector<std::string> cases;
    std::string out;
  };
  auto args = std::make_shared<SeparatorArgs>();
  separator->add_option("--case", args->cases, "A case id (repeat for one page per case, in order)")->required();
  separator->add_option("--out,-o", args->out, "Write the PDF here (default: separator-<first id>.pdf, '/' as '-')");
  separator->callback([args] {
    const std::string pdf = separator_sheet_pdf(args->cases);  // validates every id first
    std::string out = args->out;
    if (out.empty()) {
      out = "separator-" + args->cases.front() + ".pdf";
      for (auto& ch : out)
        if (ch == '/') ch = '-';
    }
    std::ofstream file(out, std::ios::binary);
    if (!(file << pdf) || !file.flush()) throw Error(ErrorCode::Io, "cannot write " + out);
    std::printf("%s\n", out.c_str());
  });
}

}  // namespace berkas::cli
