// The files a run takes in: files named directly, and every regular file
// under a named folder (recursively, in name order). Hidden files and
// folders (".name") are skipped.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace berkas {

struct InputFile {
  std::filesystem::path path;
  std::string name;  // as reported and stored: relative to the named folder
};

struct InputProblem {
  std::filesystem::path path;
  std::string reason;
};

std::vector<InputFile> collect_input_files(const std::vector<std::filesystem::path>& arguments,
                                           std::vector<InputProblem>& problems);

}  // namespace berkas
