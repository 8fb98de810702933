// Batches from scanner stations: the streamed upload (many files as
// multipart, or one ZIP), and batch status with the queue's progress.
#include <fstream>
#include <pqxx/pqxx>

#include "api/api_context.hpp"
#include "cases/case_file.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"
#include "intake/upload_names.hpp"
#include "intake/zip_upload.hpp"
#include "queue/job_queue.hpp"
#include "store/batch_store.hpp"
#include "users/password_hash.hpp"

namespace berkas {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxTextPart = 8u << 20;  // label, case references, a case file

bool is_zip(const std::string& name, const std::string& content_type) {
  if (content_type == "application/zip" || content_type == "application/x-zip-compressed") return true;
  if (name.size() < 4) return false;
  std::string ext = name.substr(name.size() - 4);
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext == ".zip";
}

// The upload's spool folder: every byte goes here first and the folder is
// removed once the files are in the database (or the upload is refused).
class Spool {
 public:
  Spool() : dir_(state_dir() / "spool" / ("upload-" + random_token().substr(0, 16))) { fs::create_directories(dir_); }
  ~Spool() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  fs::path next() { return dir_ / (std::to_string(++count_) + ".part"); }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
  int count_ = 0;
};

struct Upload {
  enum class Part { None, File, Zip, Label, Cases, CaseRef };
  Spool spool;
  std::vector<InputFile> files;
  std::vector<InputFile> zips;
  std::string label, cases_text;
  std::vector<std::string> case_refs;
  Part part = Part::None;
  std::ofstream out;
  std::string text;
  std::optional<ApiError> refusal;
  int max_files = 0;

  void end_part() {
    if (out.is_open()) {
      out.close();
      if (!out) refuse(507, "the server could not write the upload to disk");
    }
    if (part == Part::Label) label = text;
    if (part == Part::Cases) cases_text += text;
    if (part == Part::CaseRef && !text.empty()) case_refs.push_back(text);
    text.clear();
    part = Part::None;
  }

  bool refuse(int status, const std::string& message) {
    if (!refusal) refusal = ApiError{status, message};
    return false;
  }

  bool begin_part(const httplib::MultipartFormData& header) {
    end_part();
    if (header.filename.empty() || header.name == "cases") {
      if (header.name == "label")
        part = Part::Label;
      else if (header.name == "cases")
        part = Part::Cases;
      else if (header.name == "case")
        part = Part::CaseRef;
      else
        return refuse(400, "unknown form field '" + header.name + "' (files, label, cases, case)");
      return true;
    }
    std::string name;
    try {
      name = checked_upload_name(header.filename);
    } catch (const Error& e) {
      return refuse(400, e.what());
    }
    if (static_cast<int>(files.size() + zips.size()) >= max_files)
      return refuse(413, "more than " + std::to_string(max_files) + " files in one batch");
    const fs::path path = spool.next();
    (is_zip(name, header.content_type) ? zips : files).push_back({path, name});
    part = is_zip(name, header.content_type) ? Part::Zip : Part::File;
    out.open(path, std::ios::binary);
    if (!out) return refuse(507, "the server could not write the upload to disk");
    return true;
  }

  bool receive(const char* data, size_t length) {
    if (part == Part::File || part == Part::Zip) {
      out.write(data, static_cast<std::streamsize>(length));
      return static_cast<bool>(out) || refuse(507, "the server could not write the upload to disk");
    }
    if (text.size() + length > kMaxTextPart) return refuse(413, "a form field is larger than 8 MiB");
    text.append(data, length);
    return true;
  }
};

nlohmann::json file_json(const StoredFile& f) {
  return {{"name", f.name},
          {"sha256", f.sha256},
          {"size", f.size_bytes},
          {"media_type", std::string(to_string(f.media_type))},
          {"status", f.problem.empty() ? "stored" : "rejected"},
          {"problem", f.problem}};
}

}  // namespace

void handle_batch_upload(ApiContext& c, const httplib::ContentReader& content) {
  Upload up;
  up.max_files = c.options.max_files_per_batch;
  bool complete = false;
  if (c.req.is_multipart_form_data()) {
    complete = content([&](const httplib::MultipartFormData& h) { return up.begin_part(h); },
                       [&](const char* data, size_t n) { return up.receive(data, n); });
  } else if (is_zip("", c.req.get_header_value("Content-Type"))) {
    const fs::path path = up.spool.next();
    up.zips.push_back({path, "upload.zip"});
    up.part = Upload::Part::Zip;
    up.out.open(path, std::ios::binary);
    complete = content([&](const char* data, size_t n) { return up.receive(data, n); });
  } else {
    throw ApiError{415, "upload the files as multipart/form-data or as one application/zip"};
  }
  up.end_part();
  if (up.refusal) throw *up.refusal;
  if (!complete) throw ApiError{400, "the upload is incomplete or its multipart body is malformed; nothing was stored"};

  ZipLimits zip_limits;
  zip_limits.max_entries = static_cast<uint64_t>(c.options.max_files_per_batch);
  for (size_t i = 0; i < up.zips.size(); ++i) {
    std::vector<ExtractedFile> entries;
    try {
      entries = extract_zip(up.zips[i].path, up.spool.dir() / ("zip-" + std::to_string(i)), zip_limits);
    } catch (const Error& e) {
      throw ApiError{e.code() == ErrorCode::LimitExceeded ? 413 : 400, up.zips[i].name + ": " + e.what()};
    }
    for (auto& e : entries) up.files.push_back({e.path, e.name});
  }
  if (static_cast<int>(up.files.size()) > c.options.max_files_per_batch)
    throw ApiError{413, "more than " + std::to_string(c.options.max_files_per_batch) + " files in one batch"};
  if (up.files.empty()) throw ApiError{400, "the upload has no files"};

  CaseFile cases;
  if (!up.cases_text.empty()) {
    const auto first = up.cases_text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    const bool json = first != std::string::npos && (up.cases_text[first] == '{' || up.cases_text[first] == '[');
    const fs::path file = up.spool.dir() / (json ? "cases.jsonl" : "cases.csv");
    std::ofstream(file, std::ios::binary) << up.cases_text;
    cases = read_case_file(file);
  }

  auto conn = c.pool.acquire();
  {
    pqxx::read_transaction txn(*conn);
    for (const auto& ref : up.case_refs)
      if (txn.exec_params("SELECT 1 FROM cases WHERE case_ref = $1", ref).empty())
        throw ApiError{404, "no case " + ref + " (name only cases entered before, or send them as 'cases')"};
  }
  const BatchOutcome batch = store_batch(*conn, up.label, c.actor(), up.files, cases.cases);
  link_cases(*conn, batch.batch_id, up.case_refs);
  enqueue_batch(*conn, batch.batch_id);
  {
    pqxx::work txn(*conn);
    txn.exec_params(
        "INSERT INTO audit_log (actor, action, entity, entity_id, after) VALUES ($1, 'batch.upload', 'batch', $2, "
        "$3::jsonb)",
        c.actor(), std::to_string(batch.batch_id),
        nlohmann::json{
            {"label", up.label}, {"files", batch.files.size()}, {"repeated", batch.repeated}, {"cases", up.case_refs}}
            .dump());
    txn.commit();
  }
  c.metrics.uploads++;
  c.metrics.uploaded_files += static_cast<long>(batch.files.size());

  nlohmann::json out{{"batch_id", batch.batch_id}, {"repeated", batch.repeated}};
  out["files"] = nlohmann::json::array();
  for (const auto& f : batch.files) out["files"].push_back(file_json(f));
  out["unreadable"] = nlohmann::json::array();
  for (const auto& u : batch.unreadable) out["unreadable"].push_back({{"name", u.name}, {"reason", u.reason}});
  out["cases"] = {{"new", batch.cases_new}, {"changed", batch.cases_changed}, {"unchanged", batch.cases_unchanged}};
  out["rejected_cases"] = nlohmann::json::array();
  for (const auto& r : cases.rejected) out["rejected_cases"].push_back(describe(r));
  c.reply(batch.repeated ? 200 : 201, out);
}

namespace {

nlohmann::json batch_status(pqxx::connection& conn, long id) {
  pqxx::read_transaction txn(conn);
  const auto b = txn.exec_params(
      "SELECT id, coalesce(label, ''), created_at::text, coalesce(completed_at::text, ''), coalesce(source, '') "
      "FROM batches WHERE id = $1",
      id);
  if (b.empty()) throw ApiError{404, "no batch " + std::to_string(id)};
  nlohmann::json out{{"batch_id", id},
                     {"label", b[0][1].as<std::string>()},
                     {"created_at", b[0][2].as<std::string>()},
                     {"completed_at", b[0][3].as<std::string>()},
                     {"uploaded_by", b[0][4].as<std::string>()}};
  const auto f = txn.exec_params1(
      "SELECT count(*), count(*) FILTER (WHERE status = 'rejected' OR read_status = 'failed'), "
      "coalesce(sum(page_count), 0) FROM source_files WHERE batch_id = $1",
      id);
  out["files"] = {{"total", f[0].as<long>()}, {"with_problems", f[1].as<long>()}, {"pages", f[2].as<long>()}};
  const auto p = txn.exec_params1(
      "SELECT count(*) FILTER (WHERE p.status = 'read'), count(*) FILTER (WHERE p.status = 'failed') FROM pages p "
      "JOIN source_files s ON s.id = p.source_file_id WHERE s.batch_id = $1",
      id);
  out["pages"] = {{"read", p[0].as<long>()}, {"failed", p[1].as<long>()}};
  nlohmann::json jobs{{"queued", 0}, {"running", 0}, {"done", 0}, {"dead", 0}};
  for (const auto& r : txn.exec_params("SELECT state, count(*) FROM jobs WHERE batch_id = $1 GROUP BY state", id))
    jobs[r[0].as<std::string>()] = r[1].as<long>();
  out["jobs"] = jobs;
  out["dead_jobs"] = nlohmann::json::array();
  for (const auto& r :
       txn.exec_params("SELECT j.kind, coalesce(s.file_name, ''), coalesce(j.page_no, 0), j.last_error FROM jobs j "
                       "LEFT JOIN source_files s ON s.id = j.source_file_id WHERE j.batch_id = $1 AND j.state = 'dead' "
                       "ORDER BY j.id LIMIT 100",
                       id))
    out["dead_jobs"].push_back({{"kind", r[0].as<std::string>()},
                                {"file", r[1].as<std::string>()},
                                {"page", r[2].as<int>()},
                                {"error", r[3].as<std::string>()}});
  out["problems"] = nlohmann::json::array();
  for (const auto& r :
       txn.exec_params("SELECT file_name, coalesce(problem, read_problem) FROM source_files WHERE batch_id = $1 AND "
                       "(status = 'rejected' OR read_status = 'failed') ORDER BY id LIMIT 100",
                       id))
    out["problems"].push_back({{"file", r[0].as<std::string>()}, {"reason", r[1].as<std::string>()}});
  out["state"] = !b[0][3].as<std::string>().empty()                                ? "complete"
                 : jobs["running"].get<long>() > 0 || jobs["done"].get<long>() > 0 ? "processing"
                                                                                   : "queued";
  return out;
}

void list_batches(ApiContext& c) {
  auto conn = c.pool.acquire();
  nlohmann::json out = nlohmann::json::array();
  pqxx::read_transaction txn(*conn);
  for (const auto& r : txn.exec(
           "SELECT b.id, coalesce(b.label, ''), b.created_at::text, b.completed_at IS NOT NULL, "
           "(SELECT count(*) FROM source_files s WHERE s.batch_id = b.id) FROM batches b ORDER BY b.id DESC LIMIT 200"))
    out.push_back({{"batch_id", r[0].as<long>()},
                   {"label", r[1].as<std::string>()},
                   {"created_at", r[2].as<std::string>()},
                   {"complete", r[3].as<bool>()},
                   {"files", r[4].as<long>()}});
  c.reply(200, {{"batches", out}});
}

}  // namespace

void add_batch_routes(std::vector<ApiRoute>& routes) {
  routes.push_back({"GET", "/api/batches", {"scanner", "verifier", "admin"}, list_batches});
  routes.push_back({"GET", R"(/api/batches/([^/]+))", {"scanner", "verifier", "admin"}, [](ApiContext& c) {
                      auto conn = c.pool.acquire();
                      c.reply(200, batch_status(*conn, c.id_param(0)));
                    }});
}

}  // namespace berkas
