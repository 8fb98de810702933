// What the read pipeline found, in the store: pages of each source file, the
// documents on them and every field with its confidence and box; and the
// way back, documents as the contract's JSON for the checks.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/connection>
#include <pqxx/transaction>
#include <string>
#include <vector>

namespace berkas {

struct FileToRead {
  long source_file_id = 0;
  std::string name;  // as the station named it
  std::string sha256;
};

// Stored files of the batch the read pipeline has not finished.
std::vector<FileToRead> files_to_read(pqxx::connection& conn, long batch_id);

// Stores one page and its documents (contract JSON, boxes on the page as
// stored) in one transaction; a page stored before is left as it is.
void store_page(pqxx::connection& conn, long source_file_id, int page_no, const std::string& problem, int width,
                int height, double milliseconds, const std::vector<nlohmann::json>& documents);
// The same inside the caller's transaction (a worker commits the page with its job).
void store_page(pqxx::work& txn, long source_file_id, int page_no, const std::string& problem, int width, int height,
                double milliseconds, const std::vector<nlohmann::json>& documents);

// The file is done: read, or failed as a whole (`problem` says why).
void finish_file(pqxx::connection& conn, long source_file_id, const std::string& problem);
void finish_file(pqxx::work& txn, long source_file_id, const std::string& problem);

struct StoredDocument {
  long id = 0;
  long case_id = 0;  // 0: unassigned
  std::string assigned_by;
  long page_id = 0;
  int page_width = 0, page_height = 0;  // of the page as stored, the boxes' space
  nlohmann::json doc;                   // contract form; "source" is the file's name in the batch
};

// Documents of a batch, in input order (file, page, position).
std::vector<StoredDocument> batch_documents(pqxx::connection& conn, long batch_id);
// Documents assigned to a case, from every batch.
std::vector<StoredDocument> case_documents(pqxx::connection& conn, long case_id);

void assign_document(pqxx::connection& conn, long document_id, long case_id, const std::string& by);

}  // namespace berkas
