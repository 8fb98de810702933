#include "queue/job_queue.hpp"

#include <algorithm>
#include <pqxx/pqxx>

namespace berkas {
namespace {

// Serialises the "was this the batch's last page?" question between workers.
constexpr int kBatchLockClass = 7301;

std::string seconds_interval(std::chrono::seconds s) { return std::to_string(s.count()) + " seconds"; }

Job job_from(const pqxx::row& r) {
  Job j;
  j.id = r["id"].as<long>();
  j.kind = r["kind"].as<std::string>();
  j.batch_id = r["batch_id"].as<long>();
  j.source_file_id = r["source_file_id"].is_null() ? 0 : r["source_file_id"].as<long>();
  j.page_no = r["page_no"].is_null() ? 0 : r["page_no"].as<int>();
  j.attempts = r["attempts"].as<int>();
  return j;
}

void queue_settle_if_read(pqxx::work& txn, long batch_id, int max_attempts) {
  txn.exec_params("SELECT pg_advisory_xact_lock($1, $2::int)", kBatchLockClass, batch_id);
  const long pending = txn.exec_params1(
                              "SELECT count(*) FROM jobs WHERE batch_id = $1 AND kind <> 'settle_batch' AND "
                              "state IN ('queued', 'running')",
                              batch_id)[0]
                           .as<long>();
  if (pending == 0)
    txn.exec_params(
        "INSERT INTO jobs (kind, batch_id, max_attempts) VALUES ('settle_batch', $1, $2) "
        "ON CONFLICT DO NOTHING",
        batch_id, max_attempts);
}

}  // namespace

void enqueue_batch(pqxx::connection& conn, long batch_id, const QueueSettings& settings) {
  pqxx::work txn(conn);
  txn.exec_params(
      "INSERT INTO jobs (kind, batch_id, source_file_id, max_attempts) "
      "SELECT 'split_file', batch_id, id, $2 FROM source_files "
      "WHERE batch_id = $1 AND status = 'stored' AND read_status = 'unread' ORDER BY id "
      "ON CONFLICT DO NOTHING",
      batch_id, settings.max_attempts);
  queue_settle_if_read(txn, batch_id, settings.max_attempts);
  txn.commit();
}

int requeue_expired(pqxx::connection& conn) {
  pqxx::work txn(conn);
  const auto r = txn.exec(
      "UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END, "
      "last_error = 'the lease of worker ' || worker || ' ran out (the worker stopped or hung)', "
      "run_after = now(), lease_until = NULL, worker = CASE WHEN attempts >= max_attempts THEN worker END "
      "WHERE state = 'running' AND lease_until < now()");
  txn.commit();
  return static_cast<int>(r.affected_rows());
}

std::vector<Job> claim_jobs(pqxx::connection& conn, const std::string& worker, int n, const QueueSettings& settings) {
  std::vector<Job> jobs;
  pqxx::work txn(conn);
  for (const auto& r : txn.exec_params(
           "UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = $1, "
           "lease_until = now() + $3::interval, started_at = now() "
           "WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' AND run_after <= now() "
           "             ORDER BY kind = 'read_page', id LIMIT $2 FOR UPDATE SKIP LOCKED) "
           "RETURNING id, kind, batch_id, source_file_id, page_no, attempts",
           worker, n, seconds_interval(settings.lease)))
    jobs.push_back(job_from(r));
  txn.commit();
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.id < b.id; });
  return jobs;
}

void renew_leases(pqxx::connection& conn, const std::string& worker, const std::vector<long>& job_ids,
                  const QueueSettings& settings) {
  if (job_ids.empty()) return;
  std::string ids = "{";
  for (long id : job_ids) ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
  ids += "}";
  pqxx::work txn(conn);
  txn.exec_params(
      "UPDATE jobs SET lease_until = now() + $3::interval WHERE id = ANY($2::bigint[]) AND worker = $1 AND "
      "state = 'running'",
      worker, ids, seconds_interval(settings.lease));
  txn.commit();
}

bool complete_job(pqxx::work& txn, const Job& job, const std::string& worker) {
  const auto r = txn.exec_params(
      "UPDATE jobs SET state = 'done', finished_at = now(), lease_until = NULL, last_error = NULL "
      "WHERE id = $1 AND worker = $2 AND state = 'running' RETURNING max_attempts",
      job.id, worker);
  if (r.empty()) return false;
  if (job.kind != "settle_batch") queue_settle_if_read(txn, job.batch_id, r[0][0].as<int>());
  return true;
}

void fail_job(pqxx::connection& conn, const Job& job, const std::string& worker, const std::string& error,
              const QueueSettings& settings) {
  const long base = settings.backoff_base.count();
  const long wait = std::min<long>(600, base << std::min(job.attempts - 1, 20));
  pqxx::work txn(conn);
  const auto r = txn.exec_params(
      "UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END, "
      "last_error = $3, lease_until = NULL, run_after = now() + $4::interval, "
      "finished_at = CASE WHEN attempts >= max_attempts THEN now() END "
      "WHERE id = $1 AND worker = $2 AND state = 'running' RETURNING state",
      job.id, worker, error, std::to_string(wait) + " seconds");
  // A dead page must not hold its batch back: the batch is settled without it
  // (the page stays listed as dead with its error).
  if (!r.empty() && r[0][0].as<std::string>() == "dead" && job.kind != "settle_batch")
    queue_settle_if_read(txn, job.batch_id, settings.max_attempts);
  txn.commit();
}

QueueCounts queue_counts(pqxx::connection& conn, long batch_id) {
  QueueCounts c;
  pqxx::read_transaction txn(conn);
  for (const auto& r : txn.exec_params(
           "SELECT state, count(*) FROM jobs WHERE ($1::bigint = 0 OR batch_id = $1::bigint) GROUP BY state",
           batch_id)) {
    const std::string s = r[0].as<std::string>();
    const long n = r[1].as<long>();
    if (s == "queued") c.queued = n;
    if (s == "running") c.running = n;
    if (s == "done") c.done = n;
    if (s == "dead") c.dead = n;
  }
  return c;
}

}  // namespace berkas
