// The separator (cover) sheet a scanner station puts on top of each bundle
// (berkas) of a stack: a large QR code `BERKAS-SEP:<case id>` (what
// read/separator_code.hpp reads, and intake/case_assignment uses to give the
// documents after it to the case), the case id in type readable across a
// desk, and the officer's instruction in Bahasa Indonesia.
#pragma once

#include <string>
#include <vector>

namespace berkas {

inline constexpr size_t kMaxCaseIdLength = 64;

// Throws berkas::Error InvalidArgument naming the id unless it is 1 to 64
// letters, digits, '-', '_', '/' or '.'.
void validate_case_id(const std::string& case_id);

// An A4 PDF, one page per case, in the order given. Throws berkas::Error
// InvalidArgument for no case or an invalid id (validate_case_id).
std::string separator_sheet_pdf(const std::vector<std::string>& case_refs);

}  // namespace berkas
