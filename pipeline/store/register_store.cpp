#include "store/register_store.hpp"

#include <pqxx/pqxx>

#include "rules/register_template.hpp"
#include "store/box_literal.hpp"

namespace berkas {
namespace {

std::string box_of(const cv::Rect& b) { return box_literal(b.x, b.y, b.width, b.height); }

}  // namespace

void store_register_page(pqxx::work& txn, long source_file_id, int page_no, const RegisterPageReading& reading) {
  const auto page = txn.exec_params(
      "INSERT INTO register_pages (source_file_id, page_no, register, rotation, problem) "
      "VALUES ($1, $2, NULLIF($3, ''), $4, NULLIF($5, '')) ON CONFLICT (source_file_id, page_no) DO NOTHING "
      "RETURNING id",
      source_file_id, page_no, reading.register_name, reading.rotation,
      reading.register_name.empty() && reading.problem.empty() ? "no rows" : reading.problem);
  if (page.empty()) return;  // stored before
  const long page_id = page[0][0].as<long>();
  const auto& registers = standard_registers();
  const auto t = registers.find(reading.register_name);
  for (const auto& row : reading.rows) {
    const long row_id = txn.exec_params1(
                               "INSERT INTO register_rows (page_id, row_no, bbox) VALUES ($1, $2, $3::integer[]) "
                               "RETURNING id",
                               page_id, row.row, box_of(row.box))[0]
                            .as<long>();
    for (const auto& [name, cell] : row.cells) {
      std::string type = "text";
      if (t != registers.end())
        for (const auto& c : t->second.columns)
          if (c.name == name) type = to_string(c.type);
      txn.exec_params(
          "INSERT INTO register_cells (row_id, column_name, cell_type, value, read_text, confidence, review, reason, "
          "bbox) VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, ''), $9::integer[])",
          row_id, name, type, cell.value, cell.text, std::clamp(cell.confidence, 0.0f, 1.0f), cell.review, cell.reason,
          box_of(cell.box));
    }
  }
}

std::set<std::pair<long, int>> stored_register_pages(pqxx::connection& conn, const std::vector<long>& ids) {
  std::set<std::pair<long, int>> out;
  std::string list = "{";
  for (size_t i = 0; i < ids.size(); ++i) list += (i ? "," : "") + std::to_string(ids[i]);
  list += "}";
  pqxx::read_transaction txn(conn);
  for (const auto& r : txn.exec_params(
           "SELECT source_file_id, page_no FROM register_pages WHERE source_file_id = ANY($1::bigint[])", list))
    out.insert({r[0].as<long>(), r[1].as<int>()});
  return out;
}

RegisterLinks link_register_rows(pqxx::connection& conn) {
  RegisterLinks links;
  pqxx::work txn(conn);
  links.to_cases =
      static_cast<int>(txn.exec("UPDATE register_rows r SET case_id = c.id FROM register_cells x, cases c "
                                "WHERE r.case_id IS NULL AND x.row_id = r.id AND NOT x.review AND x.value <> '' "
                                "AND ((x.cell_type = 'nik' AND c.data #>> '{applicant,nik}' = x.value) "
                                "OR (x.cell_type = 'kk_number' AND c.data #>> '{applicant,kk_number}' = x.value))")
                           .affected_rows());
  links.to_letters = static_cast<int>(
      txn.exec("UPDATE register_rows r SET letter_id = l.id FROM register_cells x, letters l "
               "WHERE r.letter_id IS NULL AND x.row_id = r.id AND NOT x.review AND x.cell_type = 'letter_number' "
               "AND l.number = x.value")
          .affected_rows());
  txn.commit();
  return links;
}

}  // namespace berkas
