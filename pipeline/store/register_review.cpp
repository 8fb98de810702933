#include "store/register_review.hpp"

#include <pqxx/pqxx>

#include "archive/cell_value.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "rules/register_template.hpp"
#include "store/register_store.hpp"

namespace berkas {

using nlohmann::json;

json register_cells_to_review(pqxx::connection& conn, int limit) {
  json out = json::array();
  pqxx::read_transaction txn(conn);
  for (const auto& r : txn.exec_params(
           "SELECT x.id, rp.register, x.column_name, x.cell_type, x.value, x.read_text, coalesce(x.reason, ''), "
           "array_to_json(x.bbox)::text, s.file_name, rp.page_no, rp.id, rr.row_no, rp.rotation "
           "FROM register_cells x JOIN register_rows rr ON rr.id = x.row_id "
           "JOIN register_pages rp ON rp.id = rr.page_id JOIN source_files s ON s.id = rp.source_file_id "
           "WHERE x.review ORDER BY rp.id, rr.row_no, x.id LIMIT $1",
           limit)) {
    const std::string reg = r[1].as<std::string>(), column = r[2].as<std::string>();
    std::string header = column;
    if (const auto it = standard_registers().find(reg); it != standard_registers().end())
      for (const auto& c : it->second.columns)
        if (c.name == column) header = c.header;
    out.push_back({{"id", r[0].as<long>()},
                   {"register", reg},
                   {"column", column},
                   {"header", header},
                   {"type", r[3].as<std::string>()},
                   {"value", r[4].as<std::string>()},
                   {"read_text", r[5].as<std::string>()},
                   {"reason", r[6].as<std::string>()},
                   {"bbox", json::parse(r[7].as<std::string>())},
                   {"source", r[8].as<std::string>()},
                   {"page", r[9].as<int>()},
                   {"register_page_id", r[10].as<long>()},
                   {"row", r[11].as<int>()},
                   {"rotation", r[12].as<int>()}});
  }
  return out;
}

json correct_register_cell(pqxx::connection& conn, long cell_id, const std::string& value, const std::string& actor) {
  json result;
  {
    pqxx::work txn(conn);
    const auto r = txn.exec_params(
        "SELECT x.cell_type, x.value, x.read_text, x.review, coalesce(x.reason, ''), x.column_name "
        "FROM register_cells x WHERE x.id = $1 FOR UPDATE",
        cell_id);
    if (r.empty()) throw Error(ErrorCode::NotFound, "no register cell " + std::to_string(cell_id));
    const CellType type = cell_type_from_string(r[0][0].as<std::string>());
    // An empty cell is a valid reading too: the paper may say nothing there.
    CellValue checked{"", true, ""};
    if (value.find_first_not_of(" \t") != std::string::npos) checked = normalize_cell(type, value, today().year);
    if (!checked.valid)
      throw Error(ErrorCode::InvalidArgument, r[0][5].as<std::string>() + ": '" + value + "' " + checked.reason);
    txn.exec_params("UPDATE register_cells SET value = $2, review = false, reason = NULL, confidence = 1 WHERE id = $1",
                    cell_id, checked.value);
    txn.exec_params(
        "INSERT INTO audit_log (actor, action, entity, entity_id, before, after) VALUES ($1, 'register_cell.correct', "
        "'register_cell', $2, json_build_object('value', $3::text, 'read_text', $4::text, 'review', $5::boolean, "
        "'reason', $6::text), json_build_object('value', $7::text, 'review', false))",
        actor, std::to_string(cell_id), r[0][1].as<std::string>(), r[0][2].as<std::string>(), r[0][3].as<bool>(),
        r[0][4].as<std::string>(), checked.value);
    txn.commit();
    result = {{"id", cell_id}, {"column", r[0][5].as<std::string>()}, {"value", checked.value}, {"review", false}};
  }
  link_register_rows(conn);
  return result;
}

}  // namespace berkas
