// CSV lines with standard double-quote quoting (RFC 4180, one record per line).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace berkas {

std::vector<std::string> split_csv_line(std::string_view line);

// One record, each field quoted when it holds a comma, a quote or a line
// break (quotes doubled); no line end.
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace berkas
