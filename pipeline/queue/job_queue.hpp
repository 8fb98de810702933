// The durable job queue the workers share, in PostgreSQL (no broker): jobs
// are claimed with FOR UPDATE SKIP LOCKED under a lease the worker renews
// by heartbeat; a job whose lease runs out (its worker was killed) goes
// back to the queue, a failing job is retried with exponential backoff and
// after max_attempts becomes `dead`, keeping its last error. Work is at
// page granularity so a big batch spreads over every worker.
//
// Exactly-once results: the lease only decides who works on a job; what a
// job stores is idempotent (a page is stored once, keyed by file and page),
// so a job done twice after a lease expired stores nothing twice.
#pragma once

#include <chrono>
#include <pqxx/connection>
#include <pqxx/transaction>
#include <string>
#include <vector>

namespace berkas {

struct Job {
  long id = 0;
  std::string kind;  // split_file, read_page, settle_batch
  long batch_id = 0;
  long source_file_id = 0;  // 0 for settle_batch
  int page_no = 0;          // read_page only
  int attempts = 0;         // including this one
};

struct QueueSettings {
  std::chrono::seconds lease{30};
  int max_attempts = 5;
  std::chrono::seconds backoff_base{2};  // retry n waits base * 2^(n-1), at most 10 minutes
};

// Queues a split_file job for every stored file of the batch not read yet
// (idempotent), or the settle_batch job when there is nothing to read.
void enqueue_batch(pqxx::connection& conn, long batch_id, const QueueSettings& settings = {});

// Running jobs whose lease ran out go back to the queue, or to `dead` when
// they have used their attempts. Returns how many were moved.
int requeue_expired(pqxx::connection& conn);

// Claims up to `n` ready jobs for `worker`, each leased for
// settings.lease: splitting files and settling read batches first (they
// are short, and a settled batch is a finished one), then pages, oldest
// first, so batches finish in the order they came.
std::vector<Job> claim_jobs(pqxx::connection& conn, const std::string& worker, int n,
                            const QueueSettings& settings = {});

// Renews the leases of these jobs while `worker` still holds them. A job a
// worker gave up on (its connection broke mid-job) is left out, so its
// lease runs out and the job returns to the queue.
void renew_leases(pqxx::connection& conn, const std::string& worker, const std::vector<long>& job_ids,
                  const QueueSettings& settings = {});

// Marks the job done inside the caller's transaction (so its results and
// its completion commit together) and queues the batch's settle_batch job
// when this was its last page. False when the job is no longer this
// worker's (its lease ran out and another took it): the caller rolls back.
bool complete_job(pqxx::work& txn, const Job& job, const std::string& worker);

// Records a failure: back to the queue after a backoff, or dead.
void fail_job(pqxx::connection& conn, const Job& job, const std::string& worker, const std::string& error,
              const QueueSettings& settings = {});

struct QueueCounts {
  long queued = 0, running = 0, done = 0, dead = 0;
};
// Over every job, or the jobs of one batch (batch_id > 0).
QueueCounts queue_counts(pqxx::connection& conn, long batch_id = 0);

}  // namespace berkas
