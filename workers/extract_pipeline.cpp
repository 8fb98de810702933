#include "workers/extract_pipeline.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "read/document_json.hpp"

namespace berkas {
namespace {

struct PageJob {
  size_t file = 0;
  int page = 0;  // 1-based; 0 for a file-level failure
  DecodedPage decoded;
  std::string error;  // set when the file or the page could not be decoded
  bool file_failed = false;
};

// Hands out the pages of all files in order, opening each file as it comes.
class PageSource {
 public:
  PageSource(const std::vector<InputFile>& files, const DecodeLimits& limits) : files_(files), limits_(limits) {}

  bool next(PageJob& job) {
    while (file_ < files_.size()) {
      if (!reader_) {
        try {
          reader_ = ScanReader::open(files_[file_].path, limits_);
          page_ = 0;
        } catch (const Error& e) {
          job = PageJob{file_++, 0, {}, e.what(), true};
          return true;
        }
      }
      if (page_ < reader_->page_count()) {
        job = PageJob{file_, page_ + 1, {}, "", false};
        try {
          job.decoded = reader_->read_page(page_);
        } catch (const Error& e) {
          job.error = e.what();
        } catch (const std::exception& e) {
          job.error = std::string("cannot decode: ") + e.what();
        }
        ++page_;
        return true;
      }
      reader_.reset();
      ++file_;
    }
    return false;
  }

 private:
  const std::vector<InputFile>& files_;
  const DecodeLimits& limits_;
  size_t file_ = 0;
  int page_ = 0;
  std::unique_ptr<ScanReader> reader_;
};

}  // namespace

ExtractSummary read_scans(const std::vector<InputFile>& files, const ExtractOptions& options,
                          const std::function<void(PageOutcome&&)>& on_page) {
  ExtractSummary summary;
  summary.files = static_cast<int>(files.size());
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  const auto start = std::chrono::steady_clock::now();
  PageSource source(files, options.limits);
  tbb::enumerable_thread_specific<std::unique_ptr<DocumentReader>> readers;
  std::vector<bool> file_failed(files.size(), false);

  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        static_cast<size_t>(threads) * 2,
        tbb::make_filter<void, PageJob>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) {
          PageJob job;
          if (!source.next(job)) fc.stop();
          return job;
        }) & tbb::make_filter<PageJob, PageOutcome>(tbb::filter_mode::parallel, [&](PageJob job) {
          PageOutcome result;
          result.file = job.file;
          result.page = job.page;
          result.file_failed = job.file_failed;
          const auto began = std::chrono::steady_clock::now();
          if (job.error.empty()) {
            result.width = job.decoded.image.cols;
            result.height = job.decoded.image.rows;
            auto& reader = readers.local();
            if (!reader) reader = std::make_unique<DocumentReader>();
            try {
              bool first = true;
              for (const auto& doc : reader->read_page(job.decoded.image, job.decoded.dpi, options.cleanup)) {
                result.documents.push_back(
                    document_json(files[job.file].path.string(), job.page, doc, options.with_text));
                // Finding is done once per page; every document carries its time.
                for (const auto& t : doc.timings)
                  if (first || t.step != "find") result.step_milliseconds[t.step] += t.milliseconds;
                first = false;
              }
            } catch (const std::exception& e) {
              job.error = std::string("cannot read the page: ") + e.what();
            }
          }
          result.error = job.error;
          result.milliseconds =
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
          return result;  // the page image is released here: memory stays flat
        }) & tbb::make_filter<PageOutcome, void>(tbb::filter_mode::serial_in_order, [&](PageOutcome result) {
          if (result.file_failed) {
            file_failed[result.file] = true;
          } else if (!result.error.empty()) {
            ++summary.pages_failed;
            file_failed[result.file] = true;
          } else {
            ++summary.pages;
            summary.page_milliseconds.push_back(result.milliseconds);
            for (const auto& [step, ms] : result.step_milliseconds) summary.step_milliseconds[step] += ms;
          }
          summary.documents += static_cast<int>(result.documents.size());
          on_page(std::move(result));
          if (options.progress) {
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::fprintf(stderr, "\r%d pages read, %.1f pages/s   ", summary.pages, s > 0 ? summary.pages / s : 0);
          }
        }));
  });
  if (options.progress) std::fprintf(stderr, "\n");
  for (bool f : file_failed) summary.files_failed += f ? 1 : 0;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

ExtractSummary run_extract(const std::vector<InputFile>& files, const ExtractOptions& options, std::ostream& out,
                           std::ostream& errors, const std::string& program) {
  return read_scans(files, options, [&](PageOutcome&& page) {
    const std::string name = files[page.file].path.string();
    if (page.file_failed)
      errors << program << ": " << name << ": " << page.error << "\n";
    else if (!page.error.empty())
      errors << program << ": " << name << ": page " << page.page << ": " << page.error << "\n";
    for (const auto& doc : page.documents) out << doc.dump() << "\n";
    out.flush();
  });
}

}  // namespace berkas
