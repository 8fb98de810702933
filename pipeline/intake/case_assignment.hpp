// Which case each document of a batch belongs to. A separator sheet claims
// the documents after it in its file; otherwise a document goes to the case
// its NIK, KK number, bill number or name points to; what is still left goes
// with the case the rest of its file, then of its folder, went to. A
// document nothing points to stays unassigned, with the reason.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cases/case_file.hpp"

namespace berkas {

struct Assignment {
  int case_index = -1;  // into the cases; -1: unassigned
  std::string by;       // separator, nik, kk_number, invoice_number, name, file, folder, single_case
  std::string reason;   // why it is unassigned
};

// `documents` in input order, in the contract's form ("source" names the file).
std::vector<Assignment> assign_documents(const std::vector<nlohmann::json>& documents,
                                         const std::vector<CaseRecord>& cases);

}  // namespace berkas
