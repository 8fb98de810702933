// The store against a real PostgreSQL server: every test gets its own
// BERKAS_HOME (and so its own cluster), stopped and deleted afterwards.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "queue/job_queue.hpp"
#include "store/archive_search.hpp"
#include "store/database.hpp"
#include "store/embedded_postgres.hpp"
#include "store/migrations.hpp"
#include "store/reading_store.hpp"
#include "store/register_store.hpp"
#include "test_support.hpp"

namespace berkas {
namespace {

namespace fs = std::filesystem;

class StoreTest : public TempHomeTest {};

TEST_F(StoreTest, StartTwiceIsHarmless) {
  EmbeddedPostgres server(home_);
  EXPECT_FALSE(server.status().initialised);
  server.start();
  const PostgresStatus first = server.status();
  EXPECT_TRUE(first.initialised);
  EXPECT_TRUE(first.running);
  EXPECT_GT(first.pid, 0);

  server.start();
  const PostgresStatus second = server.status();
  EXPECT_TRUE(second.running);
  EXPECT_EQ(second.pid, first.pid) << "a second start must reuse the running server";
  EXPECT_EQ(second.url, database_url());

  pqxx::connection conn(second.url);
  EXPECT_EQ(count(conn, "SELECT 1"), 1);
}

TEST_F(StoreTest, MigrationsApplyOnce) {
  auto conn = open_store();
  const auto expected = static_cast<long long>(embedded_migrations().size());
  ASSERT_GT(expected, 0);
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM schema_migrations"), expected);
  EXPECT_EQ(count(*conn,
                  "SELECT count(*) FROM pg_tables WHERE tablename IN "
                  "('batches', 'file_contents', 'source_files', 'cases', 'audit_log')"),
            5);
  const long long stamp = count(*conn,
                                "SELECT sum(extract(epoch FROM applied_at) * 1000000)::bigint "
                                "FROM schema_migrations");

  migrate(*conn);
  migrate(*conn);
  auto again = open_store();
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM schema_migrations"), expected);
  EXPECT_EQ(count(*conn, "SELECT sum(extract(epoch FROM applied_at) * 1000000)::bigint FROM schema_migrations"), stamp);
}

TEST_F(StoreTest, RecoversAfterPostmasterIsKilled) {
  auto conn = open_store();
  {
    pqxx::work tx(*conn);
    tx.exec("INSERT INTO batches (label, source) VALUES ('before the crash', 'store_test')");
    tx.commit();
  }
  EmbeddedPostgres server(home_);
  const PostgresStatus before = server.status();
  ASSERT_TRUE(before.running);
  // conn stays open, so a backend outlives the postmaster for a moment.
  ASSERT_EQ(kill(static_cast<pid_t>(before.pid), SIGKILL), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (server.status().running && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(server.status().running);

  auto reopened = open_store();
  const PostgresStatus after = server.status();
  EXPECT_TRUE(after.running);
  EXPECT_NE(after.pid, before.pid);
  EXPECT_EQ(count(*reopened, "SELECT count(*) FROM batches WHERE label = 'before the crash'"), 1);
  conn.reset();
}

TEST_F(StoreTest, AuditLogIsAppendOnly) {
  auto conn = open_store();
  {
    pqxx::work tx(*conn);
    tx.exec(
        "INSERT INTO audit_log (actor, action, entity, entity_id, after) "
        "VALUES ('tester', 'create', 'batch', '1', '{\"label\": \"x\"}')");
    tx.commit();
  }
  for (const char* statement :
       {"UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log", "TRUNCATE audit_log"}) {
    pqxx::work tx(*conn);
    EXPECT_THROW(tx.exec(statement), pqxx::sql_error) << statement;
  }
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM audit_log WHERE actor = 'tester'"), 1);
}

TEST_F(StoreTest, StopThenStatusSaysNotRunning) {
  EmbeddedPostgres server(home_);
  server.start();
  ASSERT_TRUE(server.status().running);
  server.stop();
  const PostgresStatus status = server.status();
  EXPECT_TRUE(status.initialised);
  EXPECT_FALSE(status.running);
  EXPECT_EQ(status.pid, 0);
  server.stop();  // harmless when stopped
  EXPECT_FALSE(server.status().running);
}

TEST_F(StoreTest, ExternalUrlIsUsedAsIs) {
  setenv("BERKAS_DATABASE_URL", "postgresql://someone@db.example/berkas", 1);
  EXPECT_EQ(database_url(), "postgresql://someone@db.example/berkas");
  unsetenv("BERKAS_DATABASE_URL");
  EXPECT_FALSE(EmbeddedPostgres(home_).status().initialised) << "must not start the embedded server";
}

TEST_F(StoreTest, CliStartTwiceThenStatusAndStop) {
  ASSERT_TRUE(fs::exists(BERKAS_BINARY)) << BERKAS_BINARY << " is not built";
  for (int round = 0; round < 2; ++round) {
    CliResult start = run_cli("db start");
    EXPECT_EQ(start.status, 0) << start.output;
    EXPECT_NE(start.output.find("database running (pid "), std::string::npos) << start.output;
  }
  CliResult status = run_cli("db status");
  EXPECT_EQ(status.status, 0) << status.output;
  EXPECT_NE(status.output.find("running: yes"), std::string::npos) << status.output;

  CliResult stop = run_cli("db stop");
  EXPECT_EQ(stop.status, 0) << stop.output;
  status = run_cli("db status");
  EXPECT_EQ(status.status, 3) << status.output;
  EXPECT_NE(status.output.find("running: no"), std::string::npos) << status.output;
}

TEST_F(StoreTest, ConcurrentCliStartsShareOneServer) {
  ASSERT_TRUE(fs::exists(BERKAS_BINARY)) << BERKAS_BINARY << " is not built";
  std::vector<std::thread> threads;
  std::vector<CliResult> results(3);
  for (auto& result : results) {
    threads.emplace_back([&result] { result = run_cli("db start"); });
  }
  for (auto& thread : threads) thread.join();
  const long pid = EmbeddedPostgres(home_).status().pid;
  ASSERT_GT(pid, 0);
  for (const auto& result : results) {
    EXPECT_EQ(result.status, 0) << result.output;
    EXPECT_NE(result.output.find("(pid " + std::to_string(pid) + ")"), std::string::npos) << result.output;
  }
}

TEST(StorePaths, TooLongSocketPathIsRefused) {
  EmbeddedPostgres server("/tmp/" + std::string(100, 'x'));
  try {
    server.start();
    FAIL() << "start accepted a socket path over the limit";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::LimitExceeded);
    EXPECT_NE(std::string(e.what()).find("107-byte limit"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists("/tmp/" + std::string(100, 'x')));
}

TEST(StorePaths, UrlEncodesTheSocketDirectory) {
  EXPECT_EQ(EmbeddedPostgres("/tmp/a b&c").url(),
            "postgresql:///berkas?host=/tmp/a%20b%26c/pg/run&port=5432&user=berkas");
}

TEST(StoreUrls, PasswordsAreRedacted) {
  EXPECT_EQ(redact_database_url("postgresql://kim:s3cret@db/berkas"), "postgresql://kim:***@db/berkas");
  EXPECT_EQ(redact_database_url("postgresql://db/berkas?user=kim&password=s3cret&sslmode=require"),
            "postgresql://db/berkas?user=kim&password=***&sslmode=require");
  EXPECT_EQ(redact_database_url("host=db password='a b' user=kim"), "host=db password=*** user=kim");
  EXPECT_EQ(redact_database_url("postgresql:///berkas?host=/run"), "postgresql:///berkas?host=/run");
}

}  // namespace
}  // namespace berkas

namespace berkas {
namespace {

// As root, a state folder the postgres user cannot enter (a checkout under
// /root) still gets a working database: its cluster moves to /var/lib/berkas.
TEST(StoreRelocation, RootCheckoutThePostgresUserCannotEnterStillWorks) {
  char pattern[] = "/tmp/bkr-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);  // mode 0700: closed to postgres
  const fs::path locked = pattern, home = locked / "var";
  EmbeddedPostgres server(home);
  server.start();
  const PostgresStatus status = server.status();
  EXPECT_TRUE(status.running);
  if (geteuid() == 0) {
    EXPECT_EQ(server.data_dir().string().rfind("/var/lib/berkas/pg-", 0), 0u) << server.data_dir();
    EXPECT_TRUE(fs::exists(home / "pg-location"));
  } else {
    EXPECT_EQ(server.data_dir(), home / "pg" / "data");
  }
  const fs::path root = server.data_dir().parent_path();
  server.stop();
  EXPECT_FALSE(server.status().running);
  std::error_code ec;
  if (root.string().rfind("/var/lib/berkas/", 0) == 0) fs::remove_all(root, ec);
  fs::remove_all(locked, ec);
}

}  // namespace
}  // namespace berkas

namespace berkas {
namespace {

// A batch with one stored file, straight in SQL: the queue needs no scan.
long batch_with_one_file(pqxx::connection& conn) {
  pqxx::work txn(conn);
  const long batch = txn.exec1("INSERT INTO batches (label) VALUES ('queue') RETURNING id")[0].as<long>();
  txn.exec("INSERT INTO file_contents (sha256, size_bytes, content) VALUES (repeat('a', 64), 1, '\\x00'::bytea)");
  txn.exec_params(
      "INSERT INTO source_files (batch_id, file_name, sha256, media_type) VALUES ($1, 'a.jpg', repeat('a', 64), "
      "'jpeg')",
      batch);
  txn.commit();
  return batch;
}

TEST_F(StoreTest, AFailingJobIsRetriedWithBackoffThenDeadWithItsError) {
  auto conn = open_store();
  const long batch = batch_with_one_file(*conn);
  QueueSettings settings;
  settings.max_attempts = 3;
  settings.backoff_base = std::chrono::seconds(0);  // retry at once, so the test need not wait
  enqueue_batch(*conn, batch, settings);
  enqueue_batch(*conn, batch, settings);  // idempotent
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM jobs"), 1);
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const auto jobs = claim_jobs(*conn, "w1", 5, settings);
    ASSERT_EQ(jobs.size(), 1u) << "attempt " << attempt;
    EXPECT_EQ(jobs[0].kind, "split_file");
    EXPECT_EQ(jobs[0].attempts, attempt);
    EXPECT_TRUE(claim_jobs(*conn, "w2", 5, settings).empty()) << "a running job is nobody else's";
    fail_job(*conn, jobs[0], "w1", "boom " + std::to_string(attempt), settings);
  }
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM jobs WHERE state = 'dead' AND last_error = 'boom 3'"), 1);
  // A dead job does not hold its batch back: the batch is settled without it,
  // and the dead job is never claimed again.
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM jobs WHERE kind = 'settle_batch' AND state = 'queued'"), 1);
  const auto left = claim_jobs(*conn, "w1", 5, settings);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].kind, "settle_batch");

  // Backoff: with a base of 2 s the next try waits.
  {
    pqxx::work txn(*conn);
    txn.exec("UPDATE jobs SET state = 'queued', attempts = 0, last_error = NULL WHERE kind = 'split_file'");
    txn.exec("DELETE FROM jobs WHERE kind = 'settle_batch'");
    txn.commit();
  }
  settings.backoff_base = std::chrono::seconds(2);
  auto jobs = claim_jobs(*conn, "w1", 1, settings);
  ASSERT_EQ(jobs.size(), 1u);
  fail_job(*conn, jobs[0], "w1", "again", settings);
  EXPECT_TRUE(claim_jobs(*conn, "w1", 1, settings).empty()) << "retried before its backoff";
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  EXPECT_EQ(claim_jobs(*conn, "w1", 1, settings).size(), 1u);
}

TEST_F(StoreTest, AnExpiredLeaseReturnsTheJobAndTheOldWorkerCannotCompleteIt) {
  auto conn = open_store();
  const long batch = batch_with_one_file(*conn);
  QueueSettings settings;
  settings.lease = std::chrono::seconds(1);
  enqueue_batch(*conn, batch, settings);
  const auto held = claim_jobs(*conn, "dead-worker", 1, settings);
  ASSERT_EQ(held.size(), 1u);
  renew_leases(*conn, "dead-worker", {held[0].id}, settings);
  EXPECT_EQ(requeue_expired(*conn), 0) << "a renewed lease is not expired";
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  EXPECT_EQ(requeue_expired(*conn), 1);
  const auto taken = claim_jobs(*conn, "live-worker", 1, settings);
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].id, held[0].id);
  EXPECT_EQ(taken[0].attempts, 2);
  pqxx::work late(*conn);
  EXPECT_FALSE(complete_job(late, held[0], "dead-worker")) << "the job is no longer the old worker's";
  EXPECT_TRUE(complete_job(late, taken[0], "live-worker"));
  late.commit();
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM jobs WHERE kind = 'split_file' AND state = 'done'"), 1);
}

}  // namespace
}  // namespace berkas

namespace berkas {
namespace {

// Archive search by NIK: the case, the KTP read with it, the register row
// that mentions it (linked to the case and to the letter by its number) and
// the letter are all found; read text is found by its words.
TEST_F(StoreTest, ANikFindsEveryRegisterRowDocumentAndLetterThatCarriesIt) {
  auto conn = open_store();
  const long batch = batch_with_one_file(*conn);
  const std::string nik = "3201014501900003", other = "3201014501900011";
  long file = 0, case_id = 0;
  {
    pqxx::work txn(*conn);
    file = txn.exec1("SELECT id FROM source_files").front().as<long>();
    case_id = txn.exec_params1(
                     "INSERT INTO cases (case_ref, program, stage, received_date, data) VALUES ('C-9', "
                     "'jampersal', 'application', '2026-11-20', $1::jsonb) RETURNING id",
                     nlohmann::json{{"applicant", {{"nik", nik}, {"name", "SITI AMINAH"}}}}.dump())[0]
                  .as<long>();
    txn.exec("INSERT INTO letter_counters (kind, year, last_seq) VALUES ('rekomendasi', 2026, 7)");
    txn.exec_params(
        "INSERT INTO letters (kind, year, seq, number, case_id, signer, content_sha256, pdf_sha256, pdf) "
        "VALUES ('rekomendasi', 2026, 7, '440/7/REK/DINKES/2026', $1, 'kepala-dinas', repeat('b', 64), "
        "repeat('c', 64), '\\x25'::bytea)",
        case_id);
    txn.commit();
  }
  // A KTP read from the batch's file, page 1.
  nlohmann::json ktp{{"doc_type", "ktp"},
                     {"confidence", 0.9},
                     {"bbox", {0, 0, 100, 60}},
                     {"fields", {{"nik", {{"value", nik}, {"confidence", 0.95}, {"bbox", {10, 10, 50, 8}}}}}}};
  // And a letter on the same page whose body is read as lines, no field of it matching.
  nlohmann::json letter{
      {"doc_type", "other"},
      {"confidence", 0.8},
      {"bbox", {0, 100, 100, 60}},
      {"fields", {{"title", {{"value", "SURAT RUJUKAN"}, {"confidence", 0.9}, {"bbox", {0, 100, 50, 8}}}}}},
      {"text", {"SURAT RUJUKAN", "Mohon pemeriksaan lanjutan dan perawatan pasien", "di RSUP M. Hoesin"}}};
  store_page(*conn, file, 1, "", 1000, 700, 10, {ktp, letter});
  // Page 2 of the same file is a register page with two rows; one carries the NIK and the letter number.
  RegisterPageReading reading;
  reading.register_name = "rekomendasi";
  auto row = [](int n, const std::string& nik_value, const std::string& letter) {
    RegisterRowReading r;
    r.row = n;
    r.box = {0, 100 * n, 900, 90};
    for (const auto& c : standard_registers().at("rekomendasi").columns) r.cells[c.name] = {};
    r.cells["nik"] = {nik_value, nik_value, 0.9f, false, "", {300, 100 * n, 200, 40}};
    r.cells["nomor_surat"] = {letter, letter, 0.9f, false, "", {600, 100 * n, 200, 40}};
    return r;
  };
  reading.rows = {row(1, nik, "440/7/REK/DINKES/2026"), row(2, other, "")};
  reading.rows[1].cells["keterangan"] = {"PERMOHONAN REKOMENDASI RUJUKAN ULANG", "", 0.9f, false, "", {}};
  {
    pqxx::work txn(*conn);
    store_register_page(txn, file, 2, reading);
    store_register_page(txn, file, 2, reading);  // again: kept once
    txn.commit();
  }
  const RegisterLinks links = link_register_rows(*conn);
  EXPECT_EQ(links.to_cases, 1);
  EXPECT_EQ(links.to_letters, 1);

  const auto found = search_archive(*conn, nik);
  ASSERT_EQ(found["cases"].size(), 1u) << found.dump();
  EXPECT_EQ(found["cases"][0]["case_id"], "C-9");
  ASSERT_EQ(found["documents"].size(), 1u) << found.dump();
  EXPECT_EQ(found["documents"][0]["doc_type"], "ktp");
  ASSERT_EQ(found["register_rows"].size(), 1u) << found.dump();
  EXPECT_EQ(found["register_rows"][0]["page"], 2);
  EXPECT_EQ(found["register_rows"][0]["row"], 1);
  EXPECT_EQ(found["register_rows"][0]["case_id"], "C-9");
  EXPECT_EQ(found["register_rows"][0]["letter"], "440/7/REK/DINKES/2026");
  ASSERT_EQ(found["letters"].size(), 1u) << found.dump();
  EXPECT_EQ(found["letters"][0]["number"], "440/7/REK/DINKES/2026");
  // The other row's NIK finds that row only.
  const auto second = search_archive(*conn, other);
  EXPECT_EQ(second["register_rows"].size(), 1u);
  EXPECT_TRUE(second["cases"].empty());
  // Words of read text, stemmed and in any order (PostgreSQL's Indonesian configuration).
  const auto words = search_archive(*conn, "rujukan dimohon");
  ASSERT_EQ(words["register_rows"].size(), 1u) << words.dump();
  EXPECT_EQ(words["register_rows"][0]["row"], 2);
  EXPECT_TRUE(search_archive(*conn, "rujukan darurat")["register_rows"].empty());
  // Words of a document's body, stemmed: "diperiksa lanjut" finds "pemeriksaan lanjutan".
  const auto body = search_archive(*conn, "diperiksa lanjut");
  ASSERT_EQ(body["documents"].size(), 1u) << body.dump();
  EXPECT_EQ(body["documents"][0]["doc_type"], "other");
  EXPECT_EQ(body["documents"][0]["field"], "text");
  EXPECT_NE(body["documents"][0]["value"].get<std::string>().find("pemeriksaan lanjutan"), std::string::npos)
      << body.dump();
  EXPECT_TRUE(search_archive(*conn, "diperiksa bayi")["documents"].empty());
  (void)batch;
}

}  // namespace
}  // namespace berkas
