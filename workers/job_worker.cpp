#include "workers/job_worker.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <random>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "image/scan_reader.hpp"
#include "read/document_json.hpp"
#include "read/document_reader.hpp"
#include "store/database.hpp"
#include "store/reading_store.hpp"
#include "store/spooled_file.hpp"

namespace berkas {
namespace {

std::string default_worker_name() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid());
}

struct ThreadState {
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<DocumentReader> reader;
};

class Worker {
 public:
  Worker(const WorkerOptions& options, const std::atomic<bool>& stop, std::ostream& log)
      : options_(options), stop_(stop), log_(log), name_(options.name.empty() ? default_worker_name() : options.name) {}

  WorkerTotals run() {
    const int threads = options_.threads > 0 ? options_.threads : tbb::info::default_concurrency();
    std::atomic<bool> done{false};
    std::thread heartbeat([&] { heartbeat_loop(done); });
    tbb::task_arena arena(threads);
    arena.execute([&] {
      tbb::parallel_pipeline(
          static_cast<size_t>(threads),
          tbb::make_filter<void, Job>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) {
            Job job;
            if (!next_job(job)) fc.stop();
            return job;
          }) & tbb::make_filter<Job, void>(tbb::filter_mode::parallel, [&](Job job) { run_job(job); }));
    });
    done = true;
    heartbeat.join();
    return {totals_.jobs_done, totals_.jobs_failed, totals_.pages_read};
  }

 private:
  // Blocks until a job is claimed; false when the worker is to stop.
  bool next_job(Job& job) {
    while (!stop_) {
      try {
        if (!claim_conn_) claim_conn_ = open_store();
        if (pending_.empty()) {
          auto claimed = claim_jobs(*claim_conn_, name_, 1, options_.queue);
          for (auto& j : claimed) pending_.push_back(std::move(j));
        }
        if (!pending_.empty()) {
          job = std::move(pending_.front());
          pending_.erase(pending_.begin());
          in_flight_++;
          track(job.id, true);
          return true;
        }
        if (options_.until_idle && in_flight_ == 0) {
          const QueueCounts c = queue_counts(*claim_conn_);
          if (c.queued == 0 && c.running == 0) return false;
        }
      } catch (const std::exception& e) {
        lost_database("claiming jobs", e);
        claim_conn_.reset();
      }
      std::this_thread::sleep_for(options_.poll);
    }
    return false;
  }

  void run_job(const Job& job) {
    auto& state = threads_.local();
    try {
      if (!state.conn) state.conn = open_store();
      if (job.kind == "split_file")
        split_file(*state.conn, job);
      else if (job.kind == "read_page")
        read_page(state, job);
      else
        settle(*state.conn, job);
      ++totals_.jobs_done;
    } catch (const pqxx::broken_connection& e) {
      // Given up: no longer renewed, its lease runs out and it is run again.
      lost_database("job " + std::to_string(job.id), e);
      state.conn.reset();
    } catch (const Error& e) {
      if (e.code() != ErrorCode::Database || state.conn)
        failed(state, job, e);
      else
        lost_database("job " + std::to_string(job.id), e);  // could not even connect
    } catch (const std::exception& e) {
      failed(state, job, e);
    }
    track(job.id, false);
    --in_flight_;
  }

  void failed(ThreadState& state, const Job& job, const std::exception& e) {
    {
      ++totals_.jobs_failed;
      report("job " + std::to_string(job.id) + " (" + job.kind + ") failed on attempt " + std::to_string(job.attempts) +
             ": " + e.what());
      try {
        fail_job(*state.conn, job, name_, e.what(), options_.queue);
      } catch (const std::exception& e2) {
        lost_database("recording a failure", e2);
        state.conn.reset();
      }
    }
  }

  // The jobs whose leases the heartbeat renews.
  void track(long id, bool add) {
    std::lock_guard lock(held_mutex_);
    if (add)
      held_.push_back(id);
    else
      held_.erase(std::remove(held_.begin(), held_.end(), id), held_.end());
  }

  std::vector<long> held() {
    std::lock_guard lock(held_mutex_);
    return held_;
  }

  void split_file(pqxx::connection& conn, const Job& job) {
    std::string name;
    SpooledFile file(conn, job.source_file_id, "work", name);
    std::string problem;
    int pages = 0;
    try {
      pages = ScanReader::open(file.path(), options_.intake.reading.limits)->page_count();
    } catch (const Error& e) {
      problem = e.what();
      report(name + ": " + problem);
    }
    pqxx::work txn(conn);
    if (!problem.empty()) {
      finish_file(txn, job.source_file_id, problem);
    } else {
      txn.exec_params("UPDATE source_files SET page_count = $2 WHERE id = $1", job.source_file_id, pages);
      txn.exec_params(
          "INSERT INTO jobs (kind, batch_id, source_file_id, page_no, max_attempts) "
          "SELECT 'read_page', $1, $2, n, $4 FROM generate_series(1, $3) AS n ON CONFLICT DO NOTHING",
          job.batch_id, job.source_file_id, pages, options_.queue.max_attempts);
      if (pages == 0) finish_file(txn, job.source_file_id, "");
    }
    if (complete_job(txn, job, name_)) txn.commit();
  }

  void read_page(ThreadState& state, const Job& job) {
    std::string name;
    SpooledFile file(*state.conn, job.source_file_id, "work", name);
    std::string problem;
    std::vector<nlohmann::json> documents;
    int width = 0, height = 0;
    const auto began = std::chrono::steady_clock::now();
    try {
      auto scan = ScanReader::open(file.path(), options_.intake.reading.limits);
      DecodedPage page = scan->read_page(job.page_no - 1);
      width = page.image.cols;
      height = page.image.rows;
      if (!state.reader) state.reader = std::make_unique<DocumentReader>();
      for (const auto& doc : state.reader->read_page(page.image, page.dpi, options_.intake.reading.cleanup)) {
        documents.push_back(document_json(name, job.page_no, doc, true));  // lines kept for full-text search
        documents.back()["source"] = name;
      }
    } catch (const Error& e) {
      problem = e.what();
    } catch (const cv::Exception& e) {
      problem = std::string("cannot read the page: ") + e.what();
    }
    if (!problem.empty()) report(name + ": page " + std::to_string(job.page_no) + ": " + problem);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
    pqxx::work txn(*state.conn);
    store_page(txn, job.source_file_id, job.page_no, problem, width, height, ms, documents);
    // The file is read once every one of its pages is stored.
    const auto left = txn.exec_params1(
        "SELECT s.page_count - (SELECT count(*) FROM pages p WHERE p.source_file_id = s.id), "
        "(SELECT count(*) FROM pages p WHERE p.source_file_id = s.id AND p.status = 'failed') "
        "FROM source_files s WHERE s.id = $1",
        job.source_file_id);
    if (left[0].as<long>() == 0)
      finish_file(txn, job.source_file_id,
                  left[1].as<long>() > 0 ? std::to_string(left[1].as<long>()) + " page(s) could not be read" : "");
    if (complete_job(txn, job, name_)) {
      txn.commit();
      ++totals_.pages_read;
    }
  }

  void settle(pqxx::connection& conn, const Job& job) {
    IntakeResult result;
    std::ostringstream errors;
    settle_batch(conn, job.batch_id, batch_cases(conn, job.batch_id), options_.intake, result, errors);
    if (!errors.str().empty()) report(errors.str());
    pqxx::work txn(conn);
    if (complete_job(txn, job, name_)) txn.commit();
  }

  void heartbeat_loop(const std::atomic<bool>& done) {
    std::unique_ptr<pqxx::connection> conn;
    const auto every = std::max<std::chrono::milliseconds>(std::chrono::milliseconds(200), options_.queue.lease / 3);
    auto next = std::chrono::steady_clock::now();
    while (!done) {
      if (std::chrono::steady_clock::now() >= next) {
        next = std::chrono::steady_clock::now() + every;
        try {
          if (!conn) conn = open_store();
          renew_leases(*conn, name_, held(), options_.queue);
          const int requeued = requeue_expired(*conn);
          if (requeued > 0) report(std::to_string(requeued) + " job(s) of a stopped worker returned to the queue");
        } catch (const std::exception& e) {
          lost_database("renewing leases", e);
          conn.reset();
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  void lost_database(const std::string& doing, const std::exception& e) {
    report("database unavailable while " + doing + " (" + std::string(e.what()).substr(0, 200) + "); retrying");
  }

  void report(const std::string& line) {
    std::lock_guard lock(log_mutex_);
    std::string text = line;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    log_ << "berkas work: " << text << "\n";
    log_.flush();
  }

  const WorkerOptions& options_;
  const std::atomic<bool>& stop_;
  std::ostream& log_;
  std::string name_;
  std::mutex log_mutex_;
  std::unique_ptr<pqxx::connection> claim_conn_;  // the input filter's (serial)
  std::vector<Job> pending_;
  std::atomic<int> in_flight_{0};
  std::mutex held_mutex_;
  std::vector<long> held_;
  tbb::enumerable_thread_specific<ThreadState> threads_;
  struct {
    std::atomic<long> jobs_done{0}, jobs_failed{0}, pages_read{0};
  } totals_;
};

}  // namespace

WorkerTotals run_worker(const WorkerOptions& options, const std::atomic<bool>& stop, std::ostream& log) {
  Worker worker(options, stop, log);
  return worker.run();
}

}  // namespace berkas
