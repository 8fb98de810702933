// Numbered, signed letters against a real PostgreSQL: signatures that pdfsig,
// qpdf and `berkas verify` accept and that one changed byte breaks; refusals
// that consume no number; concurrent issuers; minutes of 500 claims.
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "letters/letter_issuer.hpp"
#include "letters/pdf_signature.hpp"
#include "store/database.hpp"
#include "test_support.hpp"

#ifndef BERKAS_SOURCE_DIR
#error "BERKAS_SOURCE_DIR must be defined by the build"
#endif

namespace berkas {
namespace {

std::string shell(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  char buf[512];
  while (pipe != nullptr && std::fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
  const int s = pipe != nullptr ? pclose(pipe) : -1;
  if (status != nullptr) *status = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
  return out;
}

void write_file(const fs::path& file, const std::string& bytes) { std::ofstream(file, std::ios::binary) << bytes; }

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class LettersTest : public TempHomeTest {
 protected:
  void SetUp() override {
    TempHomeTest::SetUp();
    certs_ = home_ / "certs";
    int status = 0;
    const auto out = shell("'" BERKAS_SOURCE_DIR "/scripts/demo-ca.sh' '" + certs_.string() + "'", &status);
    ASSERT_EQ(status, 0) << out;
    setenv("BERKAS_CERTS", certs_.c_str(), 1);
    conn_ = open_store();
  }
  void TearDown() override {
    conn_.reset();
    unsetenv("BERKAS_CERTS");
    TempHomeTest::TearDown();
  }

  // A claim under Jamsoskes (whose chain is Ketua Tim, then Kepala Dinas).
  void add_case(const std::string& ref, long batch_id = 0) {
    const auto data = nlohmann::json::parse(R"({"program": "jamsoskes", "stage": "claim", "received_date": "2026-03-10",
      "applicant": {"nik": "3201014501900003", "name": "SITI AMINAH", "birth_place": "BOGOR", "birth_date": "1990-01-05",
                    "sex": "F", "address": "JL. MAWAR NO. 5", "kk_number": "3201010101100007"},
      "care": {"hospital": "RSUD SUNGAILIAT", "admission_date": "2026-02-01", "discharge_date": "2026-02-05"},
      "claim": {"invoice_number": "INV/2026/02/0001", "amount": "4350000", "submitted_date": "2026-03-10"}})")
                          .dump();
    auto with_id = nlohmann::json::parse(data);
    with_id["case_id"] = ref;
    pqxx::work txn(*conn_);
    txn.exec_params(
        "INSERT INTO cases (case_ref, program, stage, received_date, data, batch_id, status) "
        "VALUES ($1, 'jamsoskes', 'claim', '2026-03-10', $2::jsonb, NULLIF($3, 0), 'clean')",
        ref, with_id.dump(), batch_id);
    txn.commit();
  }
  void approve_all(const std::string& ref) {
    for (const char* who : {"ketua-tim", "kepala-dinas"}) approve_case(*conn_, {ref, who, "", false, "", "test"});
  }
  IssuedLetter issue(const std::string& ref, const std::string& kind = "persetujuan_pembayaran",
                     const std::string& password = "berkas-demo") {
    return issue_case_letter(*conn_, {ref, kind, Date{2026, 11, 24}, password, "test"});
  }
  long long counter() { return count(*conn_, "SELECT coalesce(sum(last_seq), 0) FROM letter_counters"); }

  fs::path certs_;
  std::unique_ptr<pqxx::connection> conn_;
};

TEST_F(LettersTest, EveryKindIsSignedValidlyAndOneChangedByteBreaksIt) {
  add_case("C-1");
  approve_all("C-1");
  const std::map<std::string, std::string> numbers{{"rekomendasi", "400.7/0001/DINKES/2026"},
                                                   {"persetujuan_perawatan", "400.7/0001/PRW/DINKES/2026"},
                                                   {"persetujuan_pembayaran", "400.7/0001/KLM/DINKES/2026"}};
  // pdfsig checks certificates against an NSS database: one that trusts the demo CA.
  const std::string nss = "sql:" + (home_ / "nssdb").string();
  fs::create_directories(home_ / "nssdb");
  int nss_status = -1;
  const std::string nss_out = shell("certutil -N -d '" + nss + "' --empty-password && certutil -A -d '" + nss +
                                        "' -n berkas-demo-ca -t C,C,C -i '" + (certs_ / "ca.pem").string() + "'",
                                    &nss_status);
  ASSERT_EQ(nss_status, 0) << nss_out;
  for (const auto& [kind, number] : numbers) {
    SCOPED_TRACE(kind);
    const IssuedLetter letter = issue("C-1", kind);
    EXPECT_EQ(letter.number, number);
    const fs::path pdf = home_ / (kind + ".pdf");
    write_file(pdf, letter.pdf);
    const std::string sig = shell("pdfsig -nssdir '" + nss + "' '" + pdf.string() + "'");
    EXPECT_NE(sig.find("Certificate is Trusted"), std::string::npos) << sig;
    EXPECT_NE(sig.find("Signature is Valid"), std::string::npos) << sig;
    EXPECT_NE(sig.find("Total document signed"), std::string::npos) << sig;
    EXPECT_NE(sig.find("ETSI.CAdES.detached"), std::string::npos) << sig;
    int status = -1;
    const std::string qpdf = shell("qpdf --check '" + pdf.string() + "'", &status);
    EXPECT_EQ(status, 0) << qpdf;
    EXPECT_TRUE(verify_pdf_signature(letter.pdf, certs_ / "ca.pem").valid);
    const auto ok = run_cli("verify '" + pdf.string() + "'");
    EXPECT_EQ(ok.status, 0) << ok.output;
    EXPECT_NE(ok.output.find("VALID: "), std::string::npos) << ok.output;
    EXPECT_NE(ok.output.find(letter.number), std::string::npos) << ok.output;

    std::string changed = letter.pdf;
    changed[changed.size() / 3] ^= 0x01;  // inside the page's content
    const fs::path bad = home_ / (kind + "-changed.pdf");
    write_file(bad, changed);
    const SignatureCheck check = verify_pdf_signature(changed, certs_ / "ca.pem");
    EXPECT_FALSE(check.valid);
    EXPECT_NE(check.problem.find("changed after it was signed"), std::string::npos) << check.problem;
    const std::string bad_sig = shell("pdfsig -nocert '" + bad.string() + "'");
    EXPECT_EQ(bad_sig.find("Signature is Valid"), std::string::npos) << bad_sig;
    const auto refused = run_cli("verify '" + bad.string() + "'");
    EXPECT_EQ(refused.status, 1) << refused.output;
    EXPECT_NE(refused.output.find("NOT VALID"), std::string::npos) << refused.output;
  }
  // Another CA's letter is not ours.
  const fs::path other = home_ / "other-ca";
  ASSERT_EQ(std::system(("'" BERKAS_SOURCE_DIR "/scripts/demo-ca.sh' '" + other.string() + "' >/dev/null").c_str()), 0);
  EXPECT_FALSE(verify_pdf_signature(read_file(home_ / "rekomendasi.pdf"), other / "ca.pem").valid);
}

// A PKCS#12 whose certificate expired yesterday.
void write_expired_p12(const fs::path& file) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 7);
  X509_gmtime_adj(X509_getm_notBefore(cert), -30L * 86400);
  X509_gmtime_adj(X509_getm_notAfter(cert), -86400);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("expired"), -1, -1, 0);
  X509_set_issuer_name(cert, X509_get_subject_name(cert));
  X509_set_pubkey(cert, key);
  X509_sign(cert, key, EVP_sha256());
  PKCS12* p12 = PKCS12_create("berkas-demo", "expired", key, cert, nullptr, 0, 0, 0, 0, 0);
  FILE* out = std::fopen(file.c_str(), "wb");
  i2d_PKCS12_fp(out, p12);
  std::fclose(out);
  PKCS12_free(p12);
  X509_free(cert);
  EVP_PKEY_free(key);
}

// A timestamp authority on 127.0.0.1 for the test: its own key and a
// certificate for time stamping, answering RFC 3161 requests over HTTP.
class LocalTimestampAuthority {
 public:
  LocalTimestampAuthority() {
    key_ = EVP_RSA_gen(2048);
    cert_ = X509_new();
    X509_set_version(cert_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert_), 42);
    X509_gmtime_adj(X509_getm_notBefore(cert_), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert_), 86400);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(cert_), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("berkas test TSA"), -1, -1, 0);
    X509_set_issuer_name(cert_, X509_get_subject_name(cert_));
    X509_set_pubkey(cert_, key_);
    X509_EXTENSION* eku = X509V3_EXT_conf_nid(nullptr, nullptr, NID_ext_key_usage, "critical,timeStamping");
    X509_add_ext(cert_, eku, -1);
    X509_EXTENSION_free(eku);
    X509_sign(cert_, key_, EVP_sha256());
    server_.Post("/tsa", [this](const httplib::Request& req, httplib::Response& res) {
      ++requests;
      TS_RESP_CTX* ctx = TS_RESP_CTX_new();
      TS_RESP_CTX_set_signer_cert(ctx, cert_);
      TS_RESP_CTX_set_signer_key(ctx, key_);
      ASN1_OBJECT* policy = OBJ_txt2obj("1.2.3.4.1", 1);
      TS_RESP_CTX_set_def_policy(ctx, policy);
      ASN1_OBJECT_free(policy);
      TS_RESP_CTX_add_md(ctx, EVP_sha256());
      TS_RESP_CTX_set_signer_digest(ctx, EVP_sha256());
      BIO* in = BIO_new_mem_buf(req.body.data(), static_cast<int>(req.body.size()));
      TS_RESP* resp = TS_RESP_create_response(ctx, in);
      unsigned char* der = nullptr;
      const int n = resp != nullptr ? i2d_TS_RESP(resp, &der) : 0;
      res.set_content(std::string(reinterpret_cast<char*>(der), static_cast<size_t>(std::max(n, 0))),
                      "application/timestamp-reply");
      OPENSSL_free(der);
      TS_RESP_free(resp);
      BIO_free(in);
      TS_RESP_CTX_free(ctx);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~LocalTimestampAuthority() {
    server_.stop();
    thread_.join();
    X509_free(cert_);
    EVP_PKEY_free(key_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/tsa"; }
  std::atomic<int> requests{0};

 private:
  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

TEST_F(LettersTest, WithATimestampAuthorityConfiguredSignaturesAreTimestamped) {
  add_case("C-T");
  approve_all("C-T");
  LocalTimestampAuthority tsa;
  setenv("BERKAS_TSA_URL", tsa.url().c_str(), 1);
  const IssuedLetter letter = issue("C-T");
  unsetenv("BERKAS_TSA_URL");
  EXPECT_EQ(tsa.requests.load(), 1);
  const SignatureCheck check = verify_pdf_signature(letter.pdf, certs_ / "ca.pem");
  EXPECT_TRUE(check.valid) << check.problem;
  EXPECT_EQ(check.timestamp.size(), 19u) << "'" << check.timestamp << "'";
  const fs::path pdf = home_ / "timestamped.pdf";
  write_file(pdf, letter.pdf);
  const std::string sig = shell("pdfsig -nocert '" + pdf.string() + "'");
  EXPECT_NE(sig.find("Signature is Valid"), std::string::npos) << sig;
  const auto verified = run_cli("verify '" + pdf.string() + "'");
  EXPECT_NE(verified.output.find("timestamp: "), std::string::npos) << verified.output;

  // An authority that does not answer stops the issue, and no number is used.
  setenv("BERKAS_TSA_URL", "http://127.0.0.1:1/tsa", 1);
  EXPECT_THROW(issue("C-T"), Error);
  unsetenv("BERKAS_TSA_URL");
  EXPECT_EQ(count(*conn_, "SELECT max(seq) FROM letters"), 1);
}

TEST_F(LettersTest, RefusalsAreClearAndConsumeNoNumber) {
  add_case("C-2");
  auto refused = [&](const std::function<void()>& f, const std::string& words) {
    try {
      f();
      ADD_FAILURE() << "not refused: expected '" << words << "'";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  refused([&] { issue("C-2"); }, "is not approved yet: step 1 of 2 (Ketua Tim Pengelola Jamsoskes) is waiting");
  refused([&] { issue("C-404"); }, "case C-404 is not in the store");
  refused(
      [&] {
        approve_case(*conn_, {"C-2", "kepala-dinas", "", false, "", "test"});
      },
      "is for the Ketua Tim Pengelola Jamsoskes");
  approve_all("C-2");
  refused([&] { issue("C-2", "persetujuan_pembayaran", "wrong"); }, "wrong password");
  refused([&] { issue("C-2", "surat_sakti"); }, "unknown letter kind");
  fs::rename(certs_ / "kepala-dinas.p12", certs_ / "moved.p12");
  refused([&] { issue("C-2"); }, "kepala-dinas.p12: the signer's certificate (PKCS#12) is missing");
  write_expired_p12(certs_ / "kepala-dinas.p12");
  refused([&] { issue("C-2"); }, "the certificate has expired");
  // Another CA's certificate under the official's name is the wrong one.
  ASSERT_EQ(std::system(
                ("'" BERKAS_SOURCE_DIR "/scripts/demo-ca.sh' '" + (home_ / "rogue").string() + "' >/dev/null").c_str()),
            0);
  fs::copy_file(home_ / "rogue" / "kepala-dinas.p12", certs_ / "kepala-dinas.p12",
                fs::copy_options::overwrite_existing);
  refused([&] { issue("C-2"); }, "is not one the office's CA issued for signing");
  EXPECT_EQ(counter(), 0) << "a refused issue must not use a number";
  EXPECT_EQ(count(*conn_, "SELECT count(*) FROM letters"), 0);

  fs::rename(certs_ / "moved.p12", certs_ / "kepala-dinas.p12");
  EXPECT_EQ(issue("C-2").number, "400.7/0001/KLM/DINKES/2026");
  // A rejected case gets no letter.
  add_case("C-3");
  approve_case(*conn_, {"C-3", "ketua-tim", "", true, "berkas tidak lengkap", "test"});
  refused([&] { issue("C-3"); }, "was rejected at step 1");
}

TEST_F(LettersTest, TheMainJobIssuesTheLetterOnceTheApprovalsAreComplete) {
  const fs::path demo = BERKAS_SOURCE_DIR "/samples/demo";
  nlohmann::json claim;
  for (const auto& c : nlohmann::json::parse(std::ifstream(demo / "cases.json")))
    if (c["stage"] == "claim") claim = c;
  ASSERT_FALSE(claim.is_null());
  const std::string id = claim["case_id"];
  std::ofstream(home_ / "case.json") << claim.dump();
  const std::string intake =
      "intake -q '" + (demo / "scans" / id).string() + "' --cases '" + (home_ / "case.json").string() + "'";
  const auto first = run_cli(intake);
  ASSERT_EQ(first.status, 0) << first.output;
  EXPECT_EQ(first.output.find("letters:"), std::string::npos) << first.output;
  for (const char* who : {"kepala-seksi", "kepala-bidang", "kepala-dinas"}) {
    const auto r = run_cli("approve --case " + id + " --approver " + who);
    ASSERT_EQ(r.status, 0) << r.output;
  }
  const auto second = run_cli(intake);
  EXPECT_EQ(second.status, 0) << second.output;
  EXPECT_NE(second.output.find("letters:   1 issued for approved cases: 400.7/0001/KLM/DINKES/2026 (" + id + ")"),
            std::string::npos)
      << second.output;
  EXPECT_EQ(count(*conn_, "SELECT count(*) FROM letters"), 1);
  const auto third = run_cli(intake);
  EXPECT_NE(third.output.find("nothing changed"), std::string::npos) << third.output;
  EXPECT_EQ(count(*conn_, "SELECT count(*) FROM letters"), 1) << "a letter is issued once";
}

TEST_F(LettersTest, EightConcurrentIssuersGetDistinctConsecutiveNumbers) {
  add_case("C-9");
  approve_all("C-9");
  std::mutex mutex;
  std::vector<std::string> numbers;
  std::vector<std::thread> issuers;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t)
    issuers.emplace_back([&] {
      try {
        auto conn = open_store();
        for (int i = 0; i < 100; ++i) {
          const IssuedLetter l =
              issue_case_letter(*conn, {"C-9", "rekomendasi", Date{2026, 11, 24}, "berkas-demo", "t"});
          std::lock_guard lock(mutex);
          numbers.push_back(l.number);
        }
      } catch (const std::exception& e) {
        ++failures;
        std::lock_guard lock(mutex);
        ADD_FAILURE() << e.what();
      }
    });
  for (auto& t : issuers) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::set<std::string> distinct(numbers.begin(), numbers.end());
  EXPECT_EQ(distinct.size(), 800u);
  for (int seq = 1; seq <= 800; ++seq) {
    char expected[64];
    std::snprintf(expected, sizeof expected, "400.7/%04d/DINKES/2026", seq);
    EXPECT_TRUE(distinct.count(expected)) << expected << " missing: numbers must be consecutive";
  }
  EXPECT_EQ(count(*conn_, "SELECT max(seq) FROM letters WHERE kind = 'rekomendasi'"), 800);
}

TEST_F(LettersTest, MinutesOfFiveHundredClaimsPaginateWithTheHeaderOnEveryPage) {
  {
    pqxx::work txn(*conn_);
    txn.exec("INSERT INTO batches (label, source) VALUES ('test', 'test')");
    txn.commit();
  }
  const long batch = count(*conn_, "SELECT max(id) FROM batches");
  for (int i = 1; i <= 500; ++i) {
    char ref[16];
    std::snprintf(ref, sizeof ref, "K-%04d", i);
    add_case(ref, batch);
  }
  const IssuedLetter minutes = issue_minutes(*conn_, {batch, Date{2026, 11, 24}, "berkas-demo", "test"});
  EXPECT_EQ(minutes.number, "400.7/0001/BA-DINKES/2026");
  EXPECT_TRUE(verify_pdf_signature(minutes.pdf, certs_ / "ca.pem").valid);
  const fs::path pdf = home_ / "minutes.pdf";
  write_file(pdf, minutes.pdf);
  const std::string info = shell("pdfinfo '" + pdf.string() + "'");
  const auto at = info.find("Pages:");
  ASSERT_NE(at, std::string::npos) << info;
  const int pages = std::stoi(info.substr(at + 6));
  EXPECT_GT(pages, 10);
  std::printf("minutes of 500 claims: %d pages\n", pages);
  std::map<std::string, int> seen;
  for (int p = 1; p <= pages; ++p) {
    const std::string text =
        shell("pdftotext -layout -f " + std::to_string(p) + " -l " + std::to_string(p) + " '" + pdf.string() + "' -");
    if (text.find("K-") != std::string::npos) {  // a page with claims carries the table's header
      EXPECT_NE(text.find("Nomor Tagihan"), std::string::npos) << "page " << p << " lacks the table header";
    }
    EXPECT_NE(text.find("Halaman " + std::to_string(p) + " dari " + std::to_string(pages)), std::string::npos)
        << "page " << p;
    for (size_t k = text.find("K-"); k != std::string::npos; k = text.find("K-", k + 1)) ++seen[text.substr(k, 6)];
  }
  EXPECT_EQ(seen.size(), 500u);
  for (const auto& [ref, n] : seen) EXPECT_EQ(n, 1) << ref << " printed " << n << " times";
}

}  // namespace
}  // namespace berkas
