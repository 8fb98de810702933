// `berkas pdf FILE|FOLDER... --out DIR`: a searchable PDF of every scan
// (registers and berkas alike): each page's image as stored, with the words
// read from it as an invisible text layer. Pages are read in parallel, one
// reader per thread; a file's PDF is written when its last page is done.
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for_each.h>
#include <oneapi/tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "image/scan_reader.hpp"
#include "intake/input_files.hpp"
#include "read/document_reader.hpp"
#include "searchable/searchable_page.hpp"

namespace berkas::cli {
namespace {

struct FileJob {
  InputFile input;
  std::filesystem::path output;
  std::vector<std::optional<SearchablePage>> pages;  // filled as pages are done
  std::atomic<int> remaining{0};
};

// out/<name without its extension>.pdf; the whole name + ".pdf" when two
// inputs would share that (a.jpg and a.png).
std::vector<std::filesystem::path> output_paths(const std::vector<InputFile>& files, const std::filesystem::path& out) {
  std::map<std::filesystem::path, int> uses;
  for (const auto& f : files) ++uses[std::filesystem::path(f.name).replace_extension(".pdf")];
  std::vector<std::filesystem::path> paths;
  for (const auto& f : files) {
    std::filesystem::path name = std::filesystem::path(f.name).replace_extension(".pdf");
    if (uses[name] > 1) name = std::filesystem::path(f.name + ".pdf");
    paths.push_back(out / name);
  }
  return paths;
}

}  // namespace

void add_pdf_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("pdf", "Make a searchable PDF of each scan (the image with an invisible text layer)");
  struct Args {
    std::vector<std::string> inputs;
    std::string out;
    int threads = 0;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("inputs", args->inputs, "Scans (PNG, JPEG, TIFF, PDF): files or folders")->required();
  cmd->add_option("--out,-o", args->out, "Folder for the PDFs (<name>.pdf, sub-folders as in the input)")->required();
  cmd->add_option("--threads", args->threads, "Worker threads (default: every core)");
  cmd->callback([args] {
    const auto start = std::chrono::steady_clock::now();
    std::mutex lock;
    bool failed = false;
    const auto report = [&](const std::string& line) {
      std::lock_guard guard(lock);
      std::fprintf(stderr, "berkas pdf: %s\n", line.c_str());
      failed = true;
    };
    std::vector<std::filesystem::path> paths(args->inputs.begin(), args->inputs.end());
    std::vector<InputProblem> problems;
    const auto files = collect_input_files(paths, problems);
    for (const auto& p : problems) report(p.path.string() + ": " + p.reason);
    const auto outputs = output_paths(files, args->out);

    // Open every file once to count its pages; the pages are then read in
    // any order, each by whichever thread is free.
    std::vector<std::unique_ptr<FileJob>> jobs;
    std::vector<std::pair<FileJob*, int>> pages;
    for (size_t i = 0; i < files.size(); ++i) {
      if (std::filesystem::weakly_canonical(outputs[i]) == std::filesystem::weakly_canonical(files[i].path)) {
        report(files[i].name + ": the PDF would replace the scan itself; choose another --out folder");
        continue;
      }
      try {
        const int count = ScanReader::open(files[i].path)->page_count();
        auto job = std::make_unique<FileJob>();
        job->input = files[i];
        job->output = outputs[i];
        job->pages.resize(static_cast<size_t>(count));
        job->remaining = count;
        for (int p = 0; p < count; ++p) pages.emplace_back(job.get(), p);
        jobs.push_back(std::move(job));
      } catch (const Error& e) {
        report(files[i].name + ": " + e.what());
      }
    }

    std::atomic<int> written{0}, pages_done{0};
    const auto finish_file = [&](FileJob& job) {
      SearchablePdf pdf;
      for (size_t p = 0; p < job.pages.size(); ++p)
        if (job.pages[p]) pdf.add_page(*job.pages[p]);
      job.pages.clear();
      if (pdf.page_count() == 0) {
        report(job.input.name + ": no page could be read; no PDF written");
        return;
      }
      std::filesystem::create_directories(job.output.parent_path());
      pdf.write(job.output);
      ++written;
    };
    // Per thread: its reader (Tesseract engines) and the scan file it has
    // open. A thread mostly gets runs of pages of one file, so a long TIFF
    // or PDF is opened once per run, not once per page.
    struct Worker {
      std::unique_ptr<DocumentReader> reader;
      const FileJob* file = nullptr;
      std::unique_ptr<ScanReader> scan;
    };
    tbb::enumerable_thread_specific<Worker> workers;
    tbb::task_arena arena(args->threads > 0 ? args->threads : tbb::task_arena::automatic);
    arena.execute([&] {
      tbb::parallel_for_each(pages.begin(), pages.end(), [&](const std::pair<FileJob*, int>& task) {
        auto& [job, index] = task;
        Worker& worker = workers.local();
        if (!worker.reader) worker.reader = std::make_unique<DocumentReader>();
        try {
          if (worker.file != job) {
            worker.scan.reset();
            worker.file = nullptr;
            worker.scan = ScanReader::open(job->input.path);
            worker.file = job;
          }
          const DecodedPage page = worker.scan->read_page(index);
          job->pages[static_cast<size_t>(index)] = searchable_page(page, *worker.reader);
          ++pages_done;
        } catch (const std::exception& e) {
          // The PDF is still written with the other pages; this one is named.
          report(job->input.name + ": page " + std::to_string(index + 1) + ": " + e.what() + " (left out of the PDF)");
        }
        if (--job->remaining == 0) {
          try {
            finish_file(*job);
          } catch (const std::exception& e) {
            report(job->input.name + ": " + e.what());
          }
        }
      });
    });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("searchable PDFs: %d written to %s, %d pages in %.1f s (%.2f pages per second)\n", written.load(),
                args->out.c_str(), pages_done.load(), seconds, seconds > 0 ? pages_done.load() / seconds : 0.0);
    if (failed) throw QuietFailure{1};
  });
}

}  // namespace berkas::cli
