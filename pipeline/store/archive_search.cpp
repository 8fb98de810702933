#include "store/archive_search.hpp"

#include <algorithm>
#include <cctype>
#include <pqxx/pqxx>

#include "core/date.hpp"
#include "core/error.hpp"

namespace berkas {
namespace {

using nlohmann::json;

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// DD-MM-YYYY (as officers write dates) or YYYY-MM-DD, as ISO; "" otherwise.
std::string as_iso_date(const std::string& q) {
  if (auto d = parse_iso_date(q)) return d->iso();
  if (q.size() == 10 && (q[2] == '-' || q[2] == '/') && q[5] == q[2]) {
    const std::string iso = q.substr(6, 4) + "-" + q.substr(3, 2) + "-" + q.substr(0, 2);
    if (auto d = parse_iso_date(iso)) return d->iso();
  }
  return "";
}

// A LIKE pattern that matches `text` anywhere, its own % and _ taken literally.
std::string contains_pattern(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

// A document found: id, type, case, file, page, page id, the field that
// matched and its value, batch (the columns of both document queries).
json document_found(const pqxx::row& r) {
  return {{"id", r[0].as<long>()},
          {"doc_type", r[1].as<std::string>()},
          {"case_id", r[2].as<std::string>()},
          {"source", r[3].as<std::string>()},
          {"page", r[4].as<int>()},
          {"page_id", r[5].as<long>()},
          {"field", r[6].as<std::string>()},
          {"value", r[7].as<std::string>()},
          {"batch_id", r[8].as<long>()}};
}

}  // namespace

json search_archive(pqxx::connection& conn, const std::string& raw_query, int limit) {
  const std::string q = trimmed(raw_query);
  const bool number =
      q.size() == 16 && std::all_of(q.begin(), q.end(), [](unsigned char ch) { return std::isdigit(ch); });
  const std::string date = number ? "" : as_iso_date(q);
  if (!number && date.empty() && q.size() < 3)
    throw Error(ErrorCode::InvalidArgument, "a search needs at least 3 characters, a 16-digit number or a date");
  const std::string kind = number ? "number" : !date.empty() ? "date" : "text";
  const std::string like = contains_pattern(q);

  json out{{"query", q},
           {"kind", kind},
           {"cases", json::array()},
           {"documents", json::array()},
           {"register_rows", json::array()},
           {"letters", json::array()}};
  pqxx::read_transaction txn(conn);
  // $1 kind, $2 the query, $3 its ISO date, $4 the LIKE pattern, $5 the limit.
  const std::string case_match =
      "(($1 = 'number' AND (c.data #>> '{applicant,nik}' = $2 OR c.data #>> '{applicant,kk_number}' = $2)) "
      "OR ($1 = 'date' AND c.received_date::text = $3) "
      "OR ($1 = 'text' AND (c.case_ref ILIKE $4 OR c.data #>> '{applicant,name}' ILIKE $4 "
      "OR c.data #>> '{applicant,head_name}' ILIKE $4 OR c.data #>> '{claim,invoice_number}' ILIKE $4)))";
  std::vector<long> case_ids;
  for (const auto& r :
       txn.exec_params("SELECT c.id, c.case_ref, c.program, c.stage, c.status, c.received_date::text, "
                       "coalesce(c.data #>> '{applicant,name}', ''), coalesce(c.data #>> '{applicant,nik}', '') "
                       "FROM cases c WHERE " +
                           case_match + " ORDER BY c.received_date DESC, c.id DESC LIMIT $5",
                       kind, q, date, like, limit)) {
    case_ids.push_back(r[0].as<long>());
    out["cases"].push_back({{"case_id", r[1].as<std::string>()},
                            {"program", r[2].as<std::string>()},
                            {"stage", r[3].as<std::string>()},
                            {"status", r[4].as<std::string>()},
                            {"received_date", r[5].as<std::string>()},
                            {"applicant", r[6].as<std::string>()},
                            {"nik", r[7].as<std::string>()}});
  }
  for (const auto& r : txn.exec_params(
           "SELECT DISTINCT ON (d.id) d.id, d.doc_type, coalesce(c.case_ref, ''), s.file_name, p.page_no, p.id, "
           "f.name, f.value, s.batch_id FROM fields f JOIN documents d ON d.id = f.document_id "
           "JOIN pages p ON p.id = d.page_id JOIN source_files s ON s.id = p.source_file_id "
           "LEFT JOIN cases c ON c.id = d.case_id "
           "WHERE ($1 = 'number' AND f.value = $2) OR ($1 = 'date' AND f.value = $3) "
           "OR ($1 = 'text' AND (f.value ILIKE $4 OR to_tsvector('indonesian', f.value) @@ "
           "plainto_tsquery('indonesian', $2))) ORDER BY d.id DESC LIMIT $5",
           kind, q, date, like, limit))
    out["documents"].push_back(document_found(r));
  // Documents whose lines carry the words, though no field does (the body
  // of a referral letter): the matching passage, as PostgreSQL marks it.
  if (kind == "text") {
    std::string seen = "{";
    for (size_t i = 0; i < out["documents"].size(); ++i)
      seen += (i ? "," : "") + std::to_string(out["documents"][i]["id"].get<long>());
    seen += "}";
    for (const auto& r : txn.exec_params(
             "SELECT d.id, d.doc_type, coalesce(c.case_ref, ''), s.file_name, p.page_no, p.id, 'text', "
             "ts_headline('indonesian', d.text, plainto_tsquery('indonesian', $1), "
             "'StartSel=\"\", StopSel=\"\", MaxWords=14, MinWords=5'), s.batch_id "
             "FROM documents d JOIN pages p ON p.id = d.page_id JOIN source_files s ON s.id = p.source_file_id "
             "LEFT JOIN cases c ON c.id = d.case_id "
             "WHERE to_tsvector('indonesian', d.text) @@ plainto_tsquery('indonesian', $1) "
             "AND NOT d.id = ANY($2::bigint[]) ORDER BY d.id DESC LIMIT $3",
             q, seen, limit))
      out["documents"].push_back(document_found(r));
  }
  // Register rows carrying the number, the date or the text in any cell.
  for (const auto& r : txn.exec_params(
           "SELECT DISTINCT ON (rr.id) rr.id, rp.register, s.file_name, rp.page_no, rr.row_no, "
           "coalesce(c.case_ref, ''), coalesce(l.number, ''), x.column_name, x.value, s.batch_id, "
           "(SELECT json_object_agg(y.column_name, y.value) FROM register_cells y WHERE y.row_id = rr.id)::text "
           "FROM register_cells x JOIN register_rows rr ON rr.id = x.row_id "
           "JOIN register_pages rp ON rp.id = rr.page_id JOIN source_files s ON s.id = rp.source_file_id "
           "LEFT JOIN cases c ON c.id = rr.case_id LEFT JOIN letters l ON l.id = rr.letter_id "
           "WHERE ($1 = 'number' AND x.value = $2) OR ($1 = 'date' AND x.value = $3) "
           "OR ($1 = 'text' AND (x.value ILIKE $4 OR to_tsvector('indonesian', x.value) @@ "
           "plainto_tsquery('indonesian', $2))) ORDER BY rr.id DESC LIMIT $5",
           kind, q, date, like, limit))
    out["register_rows"].push_back({{"id", r[0].as<long>()},
                                    {"register", r[1].as<std::string>()},
                                    {"source", r[2].as<std::string>()},
                                    {"page", r[3].as<int>()},
                                    {"row", r[4].as<int>()},
                                    {"case_id", r[5].as<std::string>()},
                                    {"letter", r[6].as<std::string>()},
                                    {"column", r[7].as<std::string>()},
                                    {"value", r[8].as<std::string>()},
                                    {"batch_id", r[9].as<long>()},
                                    {"cells", json::parse(r[10].as<std::string>())}});
  std::string ids = "{";
  for (size_t i = 0; i < case_ids.size(); ++i) ids += (i ? "," : "") + std::to_string(case_ids[i]);
  ids += "}";
  for (const auto& r :
       txn.exec_params("SELECT l.id, l.number, l.kind, to_char(l.issued_at, 'YYYY-MM-DD'), coalesce(c.case_ref, '') "
                       "FROM letters l LEFT JOIN cases c ON c.id = l.case_id "
                       "WHERE l.case_id = ANY($5::bigint[]) OR ($1 = 'date' AND l.issued_at::date::text = $2) "
                       "OR ($1 = 'text' AND l.number ILIKE $3) "
                       "ORDER BY l.id DESC LIMIT $4",
                       kind, date, like, limit, ids))
    out["letters"].push_back({{"id", r[0].as<long>()},
                              {"number", r[1].as<std::string>()},
                              {"kind", r[2].as<std::string>()},
                              {"issued_at", r[3].as<std::string>()},
                              {"case_id", r[4].as<std::string>()}});
  return out;
}

}  // namespace berkas
