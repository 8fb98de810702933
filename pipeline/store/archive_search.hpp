// Finding what the office holds: cases, the documents read from scans, the
// rows of paper registers, and letters, by a NIK or KK number, a name, a letter or case number, or a date.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/connection>
#include <string>

namespace berkas {

// How a query is read:
//   16 digits: a NIK or KK number, matched exactly (case data and read fields);
//   a date (YYYY-MM-DD or DD-MM-YYYY): cases received, letters issued and
//     documents whose read fields carry that date;
//   anything else (at least 3 characters): names, case references, letter
//     numbers and read values containing it, case-insensitively; read values
//     (document fields, register cells) also by their words, with
//     PostgreSQL's Indonesian full-text configuration (stemmed: "dimohon"
//     finds "permohonan"; the words in any order).
// Letters of every case found are included. Each list holds at most `limit`.
// Returns {"query", "kind": "number"|"date"|"text", "cases", "documents", "register_rows", "letters"};
// throws berkas::Error (InvalidArgument) for a query too short to search.
nlohmann::json search_archive(pqxx::connection& conn, const std::string& query, int limit = 100);

}  // namespace berkas
