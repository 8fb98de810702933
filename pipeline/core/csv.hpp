// CSV lines with standard double-quote quoting (RFC 4180, one record per line).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace berkas {

std::vector<std::string> split_csv_line(std::string_view line);

}  // namespace berkas
