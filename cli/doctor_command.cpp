// `berkas doctor`: what this installation sees of its environment: versions,
// OCR languages, the OpenMP limit in force, data and state locations.
#include <tesseract/baseapi.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/paths.hpp"
#include "core/process_env.hpp"
#include "region/region_table.hpp"

namespace berkas::cli {

void add_doctor_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("doctor", "Show the environment berkas runs in (for support and tests)");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print one JSON object");
  cmd->callback([json] {
    tesseract::TessBaseAPI api;
    std::vector<std::string> languages;
    if (api.Init(nullptr, "ind", tesseract::OEM_LSTM_ONLY) == 0) api.GetAvailableLanguagesAsVector(&languages);
    nlohmann::json out{
        {"version", "0.1.0"},
        {"tesseract", tesseract::TessBaseAPI::Version()},
        {"tesseract_languages", languages},
        {"omp_thread_limit", effective_openmp_thread_limit()},
        {"templates", templates_dir().string()},
        {"state", state_dir().string()},
        {"regions", RegionTable::standard().size()},
    };
    if (*json) {
      std::cout << out.dump() << "\n";
      return;
    }
    for (auto& [key, value] : out.items()) std::cout << key << ": " << value.dump() << "\n";
  });
}

}  // namespace berkas::cli
