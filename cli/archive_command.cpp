// `berkas archive FOLDER...`: scanned pages of paper registers into rows.
// Every file is kept in the store first (as intake keeps scans); each page
// is read in parallel; rows and cells go to the store with their boxes, one
// CSV per register to --out, and rows are linked to the cases and letters
// they mention. Cells a person must look at are stored marked for review.
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for_each.h>
#include <oneapi/tbb/task_arena.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <pqxx/pqxx>

#include "archive/register_reader.hpp"
#include "cli/commands.hpp"
#include "core/csv.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "image/scan_reader.hpp"
#include "store/batch_store.hpp"
#include "store/database.hpp"
#include "store/register_store.hpp"

namespace berkas::cli {
namespace {

struct PageTask {
  long source_file_id = 0;
  std::filesystem::path path;
  std::string name;
  int page = 0;  // 1-based; 0 until the file was opened
};

struct PageResult {
  PageTask task;
  RegisterPageReading reading;
};

void write_csvs(const std::filesystem::path& out, const std::vector<PageResult>& results) {
  std::filesystem::create_directories(out);
  const auto& registers = standard_registers();
  std::map<std::string, std::ofstream> files;
  for (const auto& r : results) {
    if (r.reading.register_name.empty()) continue;
    const RegisterTemplate& t = registers.at(r.reading.register_name);
    auto it = files.find(t.name);
    if (it == files.end()) {
      it = files.emplace(t.name, std::ofstream(out / (t.name + ".csv"))).first;
      std::vector<std::string> header{"file", "page", "row"};
      for (const auto& c : t.columns) header.push_back(c.name);
      header.push_back("to_review");
      it->second << csv_line(header) << "\n";
    }
    for (const auto& row : r.reading.rows) {
      std::vector<std::string> line{r.task.name, std::to_string(r.task.page), std::to_string(row.row)};
      std::string review;
      for (const auto& c : t.columns) {
        const auto& cell = row.cells.at(c.name);
        line.push_back(cell.value);
        if (cell.review) review += (review.empty() ? "" : "; ") + c.name + ": " + cell.reason;
      }
      line.push_back(review);
      it->second << csv_line(line) << "\n";
    }
    if (!it->second) throw Error(ErrorCode::Io, "cannot write " + (out / (t.name + ".csv")).string());
  }
}

}  // namespace

void add_archive_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("archive", "Read scanned pages of paper registers into rows (store and CSV)");
  struct Args {
    std::vector<std::string> inputs;
    std::string out, label, register_name;
    int threads = 0;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("inputs", args->inputs, "Register scans: files or folders")->required();
  cmd->add_option("--out,-o", args->out, "Write one CSV per register here (<register>.csv)");
  cmd->add_option("--label", args->label, "The batch's label in the store (default: the first input)");
  cmd->add_option("--register", args->register_name,
                  "Read every page as this register (templates/registers) instead of matching its columns");
  cmd->add_option("--threads", args->threads, "Worker threads (default: every core)");
  cmd->callback([args] {
    bool failed = false;
    std::vector<std::filesystem::path> paths(args->inputs.begin(), args->inputs.end());
    std::vector<InputProblem> problems;
    const auto files = collect_input_files(paths, problems);
    for (const auto& p : problems) {
      std::fprintf(stderr, "berkas archive: %s: %s\n", p.path.c_str(), p.reason.c_str());
      failed = true;
    }
    if (!args->register_name.empty() && !standard_registers().count(args->register_name))
      throw Error(ErrorCode::InvalidArgument, "no register template '" + args->register_name + "'");
    auto store = open_store();
    const BatchOutcome batch =
        store_batch(*store, args->label.empty() ? "archive: " + args->inputs.front() : args->label,
                    "archive:" + os_user(), files, {});
    for (const auto& u : batch.unreadable) {
      std::fprintf(stderr, "berkas archive: %s: %s\n", u.name.c_str(), u.reason.c_str());
      failed = true;
    }
    // The stored files and their ids, those that are scans.
    std::vector<PageTask> tasks;
    {
      pqxx::read_transaction txn(*store);
      for (const auto& f : batch.files) {
        if (!f.problem.empty()) {
          std::fprintf(stderr, "berkas archive: %s: %s (kept in the store, not read)\n", f.name.c_str(),
                       f.problem.c_str());
          failed = true;
          continue;
        }
        const long id = txn.exec_params1("SELECT id FROM source_files WHERE batch_id = $1 AND sha256 = $2",
                                         batch.batch_id, f.sha256)[0]
                            .as<long>();
        tasks.push_back({id, f.path, f.name, 0});
      }
    }
    std::vector<long> ids;
    for (const auto& t : tasks) ids.push_back(t.source_file_id);
    const auto done = stored_register_pages(*store, ids);

    // Each file's pages, read in parallel, one reader (and OCR engine) per thread.
    std::vector<PageResult> results;
    std::mutex lock;
    const int year = today().year;
    tbb::enumerable_thread_specific<std::unique_ptr<RegisterReader>> readers;
    tbb::task_arena arena(args->threads > 0 ? args->threads : tbb::task_arena::automatic);
    arena.execute([&] {
      tbb::parallel_for_each(tasks.begin(), tasks.end(), [&](const PageTask& file) {
        auto& reader = readers.local();
        if (!reader) reader = std::make_unique<RegisterReader>(standard_registers());
        std::unique_ptr<ScanReader> scan;
        try {
          scan = ScanReader::open(file.path);
        } catch (const Error& e) {
          std::lock_guard guard(lock);
          std::fprintf(stderr, "berkas archive: %s: %s\n", file.name.c_str(), e.what());
          failed = true;
          return;
        }
        for (int p = 0; p < scan->page_count(); ++p) {
          PageResult result{file, {}};
          result.task.page = p + 1;
          if (done.count({file.source_file_id, p + 1})) continue;  // read before
          try {
            const DecodedPage page = scan->read_page(p);
            result.reading = reader->read(page.image, page.dpi, year, args->register_name);
          } catch (const Error& e) {
            result.reading.problem = e.what();
          }
          std::lock_guard guard(lock);
          results.push_back(std::move(result));
        }
      });
    });
    std::sort(results.begin(), results.end(), [](const PageResult& a, const PageResult& b) {
      return std::tie(a.task.name, a.task.page) < std::tie(b.task.name, b.task.page);
    });
    int rows = 0, cells_to_review = 0, pages_failed = 0;
    {
      pqxx::work txn(*store);
      for (const auto& r : results) {
        store_register_page(txn, r.task.source_file_id, r.task.page, r.reading);
        if (!r.reading.problem.empty()) {
          std::fprintf(stderr, "berkas archive: %s: page %d: %s\n", r.task.name.c_str(), r.task.page,
                       r.reading.problem.c_str());
          ++pages_failed;
          failed = true;
        }
        rows += static_cast<int>(r.reading.rows.size());
        for (const auto& row : r.reading.rows)
          for (const auto& [_, cell] : row.cells) cells_to_review += cell.review ? 1 : 0;
      }
      txn.commit();
    }
    const RegisterLinks links = link_register_rows(*store);
    if (!args->out.empty()) write_csvs(args->out, results);
    std::printf("batch %ld: %zu pages read (%d without rows, %zu read before), %d rows, %d cells to review\n",
                batch.batch_id, results.size(), pages_failed, done.size(), rows, cells_to_review);
    std::printf("rows linked: %d to cases, %d to letters\n", links.to_cases, links.to_letters);
    if (!args->out.empty()) std::printf("CSV: %s/<register>.csv\n", args->out.c_str());
    if (failed) throw QuietFailure{1};
  });
}

}  // namespace berkas::cli
