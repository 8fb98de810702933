// The supervisor's report of an intake run: one HTML page (Bahasa
// Indonesia, no external assets) listing every case with its decision and
// flags, the documents no case could take, and the batch's figures.
#pragma once

#include <filesystem>

#include "workers/intake_job.hpp"

namespace berkas {

void write_intake_report(const IntakeResult& result, const std::filesystem::path& file);

}  // namespace berkas
