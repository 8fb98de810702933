// The register cells a person must look at (written by hand, read with
// doubt, or breaking their column's type), and a person's correction of
// one: checked by the column's type like a reading, stored as the cell's
// value, audited with the value before and after.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/connection>
#include <string>

namespace berkas {

// Cells marked for review, oldest page first: each with its register,
// column, scan (file, page, register page id), row, what was read, why it
// needs a person, and its box on the page as stored.
nlohmann::json register_cells_to_review(pqxx::connection& conn, int limit = 100);

// Sets a cell to `value` as a person read it on the scan. Throws
// berkas::Error NotFound for no such cell, InvalidArgument (with the
// reason, "not a possible NIK") when the value breaks its column's type.
// Returns the cell as stored. The row is linked again to cases and letters.
nlohmann::json correct_register_cell(pqxx::connection& conn, long cell_id, const std::string& value,
                                     const std::string& actor);

}  // namespace berkas
