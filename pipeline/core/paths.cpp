#include "core/paths.hpp"

#include <cstdlib>

#ifndef BERKAS_SOURCE_ROOT
#error "BERKAS_SOURCE_ROOT must be defined by the build"
#endif

namespace berkas {
namespace {

std::filesystem::path from_env_or(const char* name, const std::filesystem::path& fallback) {
  const char* value = std::getenv(name);
  if (value != nullptr && *value != '\0') return std::filesystem::path(value);
  return fallback;
}

}  // namespace

std::filesystem::path templates_dir() {
  return from_env_or("BERKAS_TEMPLATES", std::filesystem::path(BERKAS_SOURCE_ROOT) / "templates");
}

std::filesystem::path state_dir() {
  return from_env_or("BERKAS_HOME", std::filesystem::path(BERKAS_SOURCE_ROOT) / "var");
}

}  // namespace berkas
