// Register pages in the store: the rows and cells read from each page, and
// the links from rows to the cases and letters they mention.
#pragma once

#include <pqxx/connection>
#include <pqxx/transaction>
#include <set>
#include <utility>

#include "archive/register_reader.hpp"

namespace berkas {

// Stores one page's reading; a page stored before is left as it is.
void store_register_page(pqxx::work& txn, long source_file_id, int page_no, const RegisterPageReading& reading);

// Pages of these files already stored: (source file, page), not to be read again.
std::set<std::pair<long, int>> stored_register_pages(pqxx::connection& conn, const std::vector<long>& source_file_ids);

struct RegisterLinks {
  int to_cases = 0, to_letters = 0;
};

// Links every unlinked row whose NIK or KK number (read without doubt) is a
// case's applicant's, and whose letter number is an issued letter's.
RegisterLinks link_register_rows(pqxx::connection& conn);

}  // namespace berkas
