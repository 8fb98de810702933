#include "intake/input_files.hpp"

#include <algorithm>

namespace berkas {
namespace fs = std::filesystem;

std::vector<InputFile> collect_input_files(const std::vector<fs::path>& arguments,
                                           std::vector<InputProblem>& problems) {
  std::vector<InputFile> out;
  for (const auto& arg : arguments) {
    std::error_code ec;
    const auto status = fs::status(arg, ec);
    if (ec || !fs::exists(status)) {
      problems.push_back({arg, "no such file or folder"});
      continue;
    }
    if (fs::is_regular_file(status)) {
      out.push_back({arg, arg.filename().string()});
      continue;
    }
    if (!fs::is_directory(status)) {
      problems.push_back({arg, "not a regular file or folder"});
      continue;
    }
    std::vector<InputFile> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      problems.push_back({arg, "cannot list the folder: " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        problems.push_back({arg, "cannot list the folder: " + ec.message()});
        break;
      }
      const std::string leaf = it->path().filename().string();
      if (!leaf.empty() && leaf[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) found.push_back({it->path(), fs::relative(it->path(), arg).string()});
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace berkas
