// `berkas work`: a worker process on the shared job queue. A oneTBB
// pipeline claims jobs one at a time (at most `threads` in flight) and runs
// them in parallel, each thread with its own Tesseract engines and its own
// database connection; a heartbeat thread renews the leases of the jobs in
// flight and returns expired ones (of killed workers) to the queue. Any
// number of workers on any number of machines may share one database.
// When the database goes away the worker waits and reconnects; the jobs it
// had in flight are run again once their leases run out.
#pragma once

#include <atomic>
#include <chrono>
#include <ostream>
#include <string>

#include "queue/job_queue.hpp"
#include "workers/intake_job.hpp"

namespace berkas {

struct WorkerOptions {
  int threads = 0;  // 0: every core
  QueueSettings queue;
  std::chrono::milliseconds poll{500};  // how often an idle worker looks for jobs
  bool until_idle = false;              // return once nothing is queued or running
  std::string name;                     // worker id in the queue; default host:pid
  IntakeOptions intake;                 // checks, decode limits, actor for the audit log
};

struct WorkerTotals {
  long jobs_done = 0, jobs_failed = 0, pages_read = 0;
};

// Runs until `stop` becomes true (or, with until_idle, the queue is empty).
// One line per failure to `log`; never a NIK.
WorkerTotals run_worker(const WorkerOptions& options, const std::atomic<bool>& stop, std::ostream& log);

}  // namespace berkas
