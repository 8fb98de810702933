// Letters per second: numbered, rendered, signed and stored, as `berkas
// letter issue` does it, on T threads against the embedded PostgreSQL in a
// throw-away home; plus the single-thread cost of each step, side by side.
//
// Usage: build/bench/letter_benchmark [LETTERS=400] [THREADS=2]
// (after scripts/setup.sh; needs openssl for the demo certificates)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "core/date.hpp"
#include "letters/letter_issuer.hpp"
#include "letters/letter_pdf.hpp"
#include "letters/letter_template.hpp"
#include "letters/letter_values.hpp"
#include "letters/office_config.hpp"
#include "letters/pdf_signature.hpp"
#include "rules/program_rules.hpp"
#include "store/database.hpp"
#include "store/embedded_postgres.hpp"

#ifndef BERKAS_SOURCE_DIR
#error "BERKAS_SOURCE_DIR must be defined by the build"
#endif

namespace fs = std::filesystem;
using namespace berkas;

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

int main(int argc, char** argv) {
  const int letters = argc > 1 ? std::atoi(argv[1]) : 400;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  char pattern[] = "/tmp/bks-letters-XXXXXX";
  const fs::path home = mkdtemp(pattern);
  fs::permissions(home, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                            fs::perms::others_exec);
  setenv("BERKAS_HOME", home.c_str(), 1);
  setenv("BERKAS_CERTS", (home / "certs").c_str(), 1);
  unsetenv("BERKAS_DATABASE_URL");
  int status = 0;
  try {
    if (std::system(
            ("'" BERKAS_SOURCE_DIR "/scripts/demo-ca.sh' '" + (home / "certs").string() + "' >/dev/null").c_str()) != 0)
      throw std::runtime_error("demo-ca.sh failed");
    auto conn = open_store();
    {
      nlohmann::json c = nlohmann::json::parse(R"({"case_id": "B-1", "program": "jamsoskes", "stage": "claim",
        "received_date": "2026-03-10", "applicant": {"nik": "3201014501900003", "name": "SITI AMINAH",
        "birth_place": "BOGOR", "birth_date": "1990-01-05", "sex": "F", "address": "JL. MAWAR NO. 5"},
        "care": {"hospital": "RSUD SUNGAILIAT", "admission_date": "2026-02-01", "discharge_date": "2026-02-05"},
        "claim": {"invoice_number": "INV/2026/02/0001", "amount": "4350000", "submitted_date": "2026-03-10"}})");
      pqxx::work txn(*conn);
      txn.exec_params(
          "INSERT INTO cases (case_ref, program, stage, received_date, data, status) VALUES ('B-1', "
          "'jamsoskes', 'claim', '2026-03-10', $1::jsonb, 'clean')",
          c.dump());
      txn.commit();
      for (const char* who : {"ketua-tim", "kepala-dinas"}) approve_case(*conn, {"B-1", who, "", false, "", "bench"});
    }

    // The steps alone, one thread.
    const int steps = 50;
    const OfficeConfig& office = standard_office();
    LetterContent letter;
    letter.office = &office;
    letter.kind = &letter_template("persetujuan_pembayaran");
    letter.values = case_letter_values(nlohmann::json::parse(R"({"case_id": "B-1", "applicant": {"name": "SITI"},
        "claim": {"amount": "4350000"}})"),
                                       standard_programs().at("jamsoskes"), {2026, 11, 24});
    letter.date = {2026, 11, 24};
    letter.number = "400.7/0001/KLM/DINKES/2026";
    letter.signers.push_back({office.official("kepala-dinas"), "", ""});
    letter.verification_url = office.verify_base_url + "1?h=0";
    auto t = std::chrono::steady_clock::now();
    std::string pdf;
    LetterStamp stamp;
    for (int i = 0; i < steps; ++i) pdf = render_letter_pdf(letter, stamp);
    const double render_ms = seconds_since(t) * 1000 / steps;
    t = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i)
      SigningIdentity::load_pkcs12(home / "certs" / "kepala-dinas.p12", default_p12_password());
    const double p12_ms = seconds_since(t) * 1000 / steps;
    const auto identity = SigningIdentity::load_pkcs12(home / "certs" / "kepala-dinas.p12", default_p12_password());
    t = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i) sign_pdf(pdf, identity, "bench", "Sungailiat");
    const double sign_ms = seconds_since(t) * 1000 / steps;

    // Whole issues, T threads.
    t = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int k = 0; k < threads; ++k)
      pool.emplace_back([&, k] {
        auto c = open_store();
        for (int i = k; i < letters; i += threads)
          issue_case_letter(*c, {"B-1", "persetujuan_pembayaran", Date{2026, 11, 24}, default_p12_password(), "bench"});
      });
    for (auto& th : pool) th.join();
    const double total = seconds_since(t);
    std::printf("letters issued:  %d on %d threads in %.2f s = %.1f letters per second\n", letters, threads, total,
                letters / total);
    std::printf("one thread, per letter: render %.2f ms, open PKCS#12 %.2f ms, sign %.2f ms (PDF %zu bytes)\n",
                render_ms, p12_ms, sign_ms, pdf.size());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "letter_benchmark: %s\n", e.what());
    status = 1;
  }
  try {
    EmbeddedPostgres(home).stop();
  } catch (...) {
  }
  fs::remove_all(home);
  return status;
}
