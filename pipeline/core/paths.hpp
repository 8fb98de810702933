// Where berkas finds its data (templates/, ocr-models/) and keeps its state
// (var/: the embedded database, reports). Environment variables win; the
// defaults point into the source tree the binary was built from.
#pragma once

#include <filesystem>

namespace berkas {

// BERKAS_TEMPLATES, else <source>/templates.
std::filesystem::path templates_dir();

// BERKAS_HOME, else <source>/var.
std::filesystem::path state_dir();

}  // namespace berkas
