#include "store/reading_store.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <pqxx/pqxx>

#include "core/error.hpp"
#include "store/box_literal.hpp"

namespace berkas {
namespace {

using json = nlohmann::json;

// PostgreSQL array literal of a contract bbox; "" (stored as NULL) when there is none.
std::string json_box_literal(const json& value) {
  if (!value.contains("bbox") || !value["bbox"].is_array() || value["bbox"].size() != 4) return "";
  const json& b = value["bbox"];
  return box_literal(b[0].get<int>(), b[1].get<int>(), b[2].get<int>(), b[3].get<int>());
}

json box_json(const pqxx::field& f) {
  if (f.is_null()) return json::array({0, 0, 0, 0});
  json out = json::array();
  auto parser = f.as_array();
  for (auto item = parser.get_next(); item.first != pqxx::array_parser::juncture::done; item = parser.get_next())
    if (item.first == pqxx::array_parser::juncture::string_value) out.push_back(std::stoi(item.second));
  return out;
}

void insert_fields(pqxx::work& txn, long document_id, const json& fields, const std::string& table, int row) {
  for (const auto& [name, f] : fields.items()) {
    if (!f.is_object() || !f.contains("value") || !f["value"].is_string() || f["value"].get<std::string>().empty())
      continue;
    txn.exec_params(
        "INSERT INTO fields (document_id, table_name, row_no, name, value, confidence, bbox) "
        "VALUES ($1, NULLIF($2, ''), NULLIF($3, 0), $4, $5, $6, NULLIF($7, '')::integer[])",
        document_id, table, row, name, f["value"].get<std::string>(), std::clamp(f.value("confidence", 0.0), 0.0, 1.0),
        json_box_literal(f));
  }
}

std::vector<StoredDocument> load_documents(pqxx::connection& conn, const std::string& where, long key) {
  std::vector<StoredDocument> out;
  std::map<long, size_t> index;
  try {
    pqxx::read_transaction txn(conn);
    for (const auto& r : txn.exec_params(
             "SELECT d.id, coalesce(d.case_id, 0), coalesce(d.assigned_by, ''), s.file_name, p.page_no, d.doc_type, "
             "d.confidence, d.bbox, d.rotation, p.id, coalesce(p.width, 0), coalesce(p.height, 0) FROM documents d "
             "JOIN pages p ON p.id = d.page_id "
             "JOIN source_files s ON s.id = p.source_file_id WHERE " +
                 where + " ORDER BY s.id, p.page_no, d.position",
             key)) {
      StoredDocument d;
      d.id = r[0].as<long>();
      d.case_id = r[1].as<long>();
      d.assigned_by = r[2].as<std::string>();
      d.page_id = r[9].as<long>();
      d.page_width = r[10].as<int>();
      d.page_height = r[11].as<int>();
      d.doc = {{"source", r[3].as<std::string>()}, {"page", r[4].as<int>()},   {"doc_type", r[5].as<std::string>()},
               {"confidence", r[6].as<double>()},  {"fields", json::object()}, {"bbox", box_json(r[7])},
               {"rotation", r[8].as<double>()}};
      index[d.id] = out.size();
      out.push_back(std::move(d));
    }
    if (out.empty()) return out;
    for (const auto& r : txn.exec_params(
             "SELECT f.document_id, coalesce(f.table_name, ''), coalesce(f.row_no, 0), f.name, f.value, "
             "f.confidence, f.bbox FROM fields f JOIN documents d ON d.id = f.document_id JOIN pages p ON p.id = "
             "d.page_id JOIN source_files s ON s.id = p.source_file_id WHERE " +
                 where + " ORDER BY f.document_id, f.table_name, f.row_no, f.name",
             key)) {
      json& doc = out[index.at(r[0].as<long>())].doc;
      const json value{{"value", r[4].as<std::string>()},
                       {"confidence", std::round(r[5].as<double>() * 100) / 100},
                       {"bbox", box_json(r[6])}};
      const std::string table = r[1].as<std::string>();
      if (table.empty()) {
        doc["fields"][r[3].as<std::string>()] = value;
        continue;
      }
      json& rows = doc["tables"][table];
      const auto row = static_cast<size_t>(r[2].as<int>());
      while (rows.size() < row) rows.push_back(json::object());
      rows[row - 1][r[3].as<std::string>()] = value;
    }
  } catch (const pqxx::failure& e) {
    throw Error(ErrorCode::Database, std::string("loading documents failed: ") + e.what());
  }
  return out;
}

}  // namespace

std::vector<FileToRead> files_to_read(pqxx::connection& conn, long batch_id) {
  std::vector<FileToRead> out;
  pqxx::read_transaction txn(conn);
  for (const auto& r :
       txn.exec_params("SELECT id, file_name, sha256 FROM source_files WHERE batch_id = $1 AND status = 'stored' AND "
                       "read_status = 'unread' ORDER BY id",
                       batch_id))
    out.push_back({r[0].as<long>(), r[1].as<std::string>(), r[2].as<std::string>()});
  return out;
}

void store_page(pqxx::work& txn, long source_file_id, int page_no, const std::string& problem, int width, int height,
                double milliseconds, const std::vector<json>& documents) {
  auto inserted = txn.exec_params(
      "INSERT INTO pages (source_file_id, page_no, status, problem, width, height, read_ms) "
      "VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, 0), NULLIF($6, 0), $7) "
      "ON CONFLICT (source_file_id, page_no) DO NOTHING RETURNING id",
      source_file_id, page_no, problem.empty() ? "read" : "failed", problem, width, height, milliseconds);
  if (inserted.empty()) return;  // stored by an earlier run
  const long page_id = inserted[0][0].as<long>();
  int position = 0;
  for (const json& doc : documents) {
    std::string text;
    if (doc.contains("text") && doc["text"].is_array())
      for (const auto& line : doc["text"])
        if (line.is_string()) text += (text.empty() ? "" : "\n") + line.get<std::string>();
    const long doc_id =
        txn.exec_params1(
               "INSERT INTO documents (page_id, position, doc_type, confidence, bbox, rotation, text) "
               "VALUES ($1, $2, $3, $4, $5::integer[], $6, $7) RETURNING id",
               page_id, ++position, doc.value("doc_type", "other"), std::clamp(doc.value("confidence", 0.0), 0.0, 1.0),
               json_box_literal(doc).empty() ? "{0,0,0,0}" : json_box_literal(doc), doc.value("rotation", 0.0), text)[0]
            .as<long>();
    if (doc.contains("fields")) insert_fields(txn, doc_id, doc["fields"], "", 0);
    if (doc.contains("tables"))
      for (const auto& [table, rows] : doc["tables"].items())
        for (size_t i = 0; i < rows.size(); ++i) insert_fields(txn, doc_id, rows[i], table, static_cast<int>(i) + 1);
  }
}

void store_page(pqxx::connection& conn, long source_file_id, int page_no, const std::string& problem, int width,
                int height, double milliseconds, const std::vector<json>& documents) {
  try {
    pqxx::work txn(conn);
    store_page(txn, source_file_id, page_no, problem, width, height, milliseconds, documents);
    txn.commit();
  } catch (const pqxx::failure& e) {
    throw Error(ErrorCode::Database, "storing page " + std::to_string(page_no) + " failed: " + e.what());
  }
}

void finish_file(pqxx::work& txn, long source_file_id, const std::string& problem) {
  txn.exec_params("UPDATE source_files SET read_status = $2, read_problem = NULLIF($3, '') WHERE id = $1",
                  source_file_id, problem.empty() ? "read" : "failed", problem);
}

void finish_file(pqxx::connection& conn, long source_file_id, const std::string& problem) {
  pqxx::work txn(conn);
  finish_file(txn, source_file_id, problem);
  txn.commit();
}

std::vector<StoredDocument> batch_documents(pqxx::connection& conn, long batch_id) {
  return load_documents(conn, "s.batch_id = $1", batch_id);
}

std::vector<StoredDocument> case_documents(pqxx::connection& conn, long case_id) {
  return load_documents(conn, "d.case_id = $1", case_id);
}

void assign_document(pqxx::connection& conn, long document_id, long case_id, const std::string& by) {
  pqxx::work txn(conn);
  txn.exec_params("UPDATE documents SET case_id = $2, assigned_by = $3 WHERE id = $1 AND case_id IS NULL", document_id,
                  case_id, by);
  txn.commit();
}

}  // namespace berkas
