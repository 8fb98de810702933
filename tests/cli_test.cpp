// The berkas binary as a user meets it: bad input to every command gives one
// clear line and a non-zero exit; the OpenMP guard is in force; intake keeps
// every file, rejects bad cases by name and is idempotent.
#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/csv.hpp"
#include "eval/pdf_text_eval.hpp"
#include "hostile_files.hpp"
#include "store/database.hpp"
#include "test_support.hpp"

namespace berkas {
namespace {

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

class CliTest : public TempHomeTest {};

TEST(Cli, UnknownOptionsAndCommandsAreOneLineAndExitTwo) {
  for (const char* args :
       {"--bogus", "nosuch", "generate --out /tmp/x --bogus", "intake a --cases b --bogus", "db start --bogus",
        "db frobnicate", "doctor --bogus", "extract --json --skip bogus a.png", "eval fields . --skip bogus"}) {
    const auto r = run_cli(args);
    EXPECT_EQ(r.status, 2) << args << ": " << r.output;
    EXPECT_EQ(lines(r.output), 1) << args << ": " << r.output;
    EXPECT_EQ(r.output.rfind("berkas", 0), 0u) << r.output;
  }
}

TEST(Cli, EveryCommandHasHelp) {
  for (const char* args : {"--help", "db --help", "db start --help", "db status --help", "doctor --help",
                           "generate --help", "intake --help", "separator --help"}) {
    const auto r = run_cli(args);
    EXPECT_EQ(r.status, 0) << args;
    EXPECT_NE(r.output.find("Usage"), std::string::npos) << args;
  }
}

TEST(Cli, TesseractRunsSingleThreadedEvenWithoutTheVariable) {
  // The process itself must end up with OMP_THREAD_LIMIT=1 in force.
  for (const char* env : {"env -u OMP_THREAD_LIMIT", "env OMP_THREAD_LIMIT=8"}) {
    std::string command = std::string(env) + " '" + BERKAS_BINARY + "' doctor --json 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char buffer[4096];
    std::string out;
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    ASSERT_EQ(pclose(pipe), 0) << out;
    EXPECT_NE(out.find("\"omp_thread_limit\":1,"), std::string::npos) << env << ": " << out;
  }
}

TEST(Cli, GenerateRefusesBadSeedsAndUnwritableFolders) {
  const auto bad_seed = run_cli("generate --out /tmp/berkas-never --seed -3");
  EXPECT_EQ(bad_seed.status, 2);
  EXPECT_NE(bad_seed.output.find("--seed"), std::string::npos);
  EXPECT_EQ(lines(bad_seed.output), 1);
  const auto word_seed = run_cli("generate --out /tmp/berkas-never --seed twelve");
  EXPECT_EQ(word_seed.status, 2);
  EXPECT_FALSE(fs::exists("/tmp/berkas-never"));

  const auto unwritable = run_cli("generate --out /proc/berkas-cannot --cases 1");
  EXPECT_EQ(unwritable.status, 1);
  EXPECT_NE(unwritable.output.find("/proc/berkas-cannot"), std::string::npos) << unwritable.output;
  EXPECT_EQ(lines(unwritable.output), 1) << unwritable.output;

  const auto file_as_dir = run_cli("generate --out /etc/hostname/sub --cases 1");
  EXPECT_EQ(file_as_dir.status, 1);
  EXPECT_EQ(lines(file_as_dir.output), 1) << file_as_dir.output;

  const auto bad_capture = run_cli("generate --out /tmp/berkas-never --captures blurry");
  EXPECT_EQ(bad_capture.status, 2);
  EXPECT_NE(bad_capture.output.find("blurry"), std::string::npos);
}

TEST_F(CliTest, IntakeKeepsEveryFileRejectsBadCasesByNameAndIsIdempotent) {
  const fs::path scans = home_ / "scans";
  fs::create_directories(scans / "sub");
  const auto gen =
      run_cli("generate --out '" + (home_ / "set").string() + "' --cases 2 --formats jpeg --captures photo");
  ASSERT_EQ(gen.status, 0) << gen.output;
  for (const auto& e : fs::recursive_directory_iterator(home_ / "set" / "scans"))
    if (e.is_regular_file()) fs::copy_file(e.path(), scans / e.path().filename());
  std::ofstream(scans / "sub" / "note.jpg") << "this is text, not a JPEG";
  std::ofstream(scans / "empty.png");
  // Two good cases from the set plus one with an impossible date and one without a NIK.
  auto cases = nlohmann::json::parse(std::ifstream(home_ / "set" / "cases.json"));
  auto bad_date = cases[0];
  bad_date["case_id"] = "C-BAD-DATE";
  bad_date["applicant"]["birth_date"] = "1990-02-31";
  auto no_nik = cases[0];
  no_nik["case_id"] = "C-NO-NIK";
  no_nik["applicant"].erase("nik");
  cases.push_back(bad_date);
  cases.push_back(no_nik);
  std::ofstream(home_ / "cases.json") << cases.dump();

  const std::string command = "intake '" + scans.string() + "' '" + (home_ / "missing.pdf").string() + "' --cases '" +
                              (home_ / "cases.json").string() + "'";
  const auto first = run_cli(command);
  EXPECT_EQ(first.status, 1) << first.output;
  EXPECT_NE(first.output.find("C-BAD-DATE rejected: applicant.birth_date"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("C-NO-NIK rejected: applicant.nik is missing"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("missing.pdf: no such file"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("sub/note.jpg: not a scan"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("empty.png: empty file"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("2 read (2 new"), std::string::npos) << first.output;

  auto conn = open_store();
  const auto files = count(*conn, "SELECT count(*) FROM source_files");
  const auto rejected = count(*conn, "SELECT count(*) FROM source_files WHERE status = 'rejected'");
  const auto blobs = count(*conn, "SELECT count(*) FROM file_contents");
  const auto stored_cases = count(*conn, "SELECT count(*) FROM cases");
  const auto audit = count(*conn, "SELECT count(*) FROM audit_log");
  const auto created = count(*conn, "SELECT count(*) FROM audit_log WHERE action = 'case.create'");
  size_t on_disk = 0;
  for (const auto& e : fs::recursive_directory_iterator(scans)) on_disk += e.is_regular_file();
  EXPECT_EQ(files, static_cast<long long>(on_disk)) << "every file a station sent is kept";
  EXPECT_EQ(rejected, 2);
  EXPECT_EQ(stored_cases, 2);
  EXPECT_EQ(created, 2);
  // The bytes come back exactly as they went in.
  {
    pqxx::work tx(*conn);
    auto row = tx.exec(
        "SELECT c.content FROM source_files f JOIN file_contents c USING (sha256) "
        "WHERE f.file_name = 'sub/note.jpg'");
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(pqxx::binarystring(row[0][0]).str(), "this is text, not a JPEG");
  }

  const auto second = run_cli(command);
  EXPECT_EQ(second.status, 1);
  EXPECT_NE(second.output.find("nothing changed"), std::string::npos) << second.output;
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM source_files"), files);
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM file_contents"), blobs);
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM cases"), stored_cases);
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM audit_log"), audit);
  EXPECT_EQ(count(*conn, "SELECT count(*) FROM batches"), 1);
}

// Every table intake writes, for "running it again changes nothing".
std::string row_counts(pqxx::connection& conn) {
  std::string out;
  for (const char* table : {"batches", "file_contents", "source_files", "cases", "pages", "documents", "fields",
                            "flags", "claims", "audit_log"})
    out += std::string(table) + "=" + std::to_string(count(conn, std::string("SELECT count(*) FROM ") + table)) + " ";
  return out;
}

std::vector<nlohmann::json> json_lines(const fs::path& file) {
  std::vector<nlohmann::json> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

TEST_F(CliTest, TheSameBillClaimedInASecondBatchIsADuplicateAndRepeatingABatchChangesNothing) {
  const fs::path demo = BERKAS_DEMO_SET;
  const auto cases = nlohmann::json::parse(std::ifstream(demo / "cases.json"));
  nlohmann::json claim;
  for (const auto& c : cases)
    if (c["stage"] == "claim") claim = c;
  ASSERT_FALSE(claim.is_null()) << "the demo set has a claim";
  const std::string id = claim["case_id"];
  std::ofstream(home_ / "first.json") << claim.dump();
  const auto first =
      run_cli("intake -q '" + (demo / "scans" / id).string() + "' --cases '" + (home_ / "first.json").string() +
              "' --results '" + (home_ / "first.jsonl").string() + "'");
  ASSERT_EQ(first.status, 0) << first.output;
  auto results = json_lines(home_ / "first.jsonl");
  ASSERT_EQ(results.size(), 1u);
  for (const auto& f : results[0]["flags"]) EXPECT_NE(f["code"], "DUPLICATE_CLAIM") << f.dump();

  // The same bill, photocopied again, under another case in a later batch.
  fs::copy(demo / "scans" / id, home_ / "again");
  claim["case_id"] = "C-AGAIN";
  std::ofstream(home_ / "second.json") << claim.dump();
  const std::string second_command = "intake -q '" + (home_ / "again").string() + "' --cases '" +
                                     (home_ / "second.json").string() + "' --results '" +
                                     (home_ / "second.jsonl").string() + "'";
  const auto second = run_cli(second_command);
  ASSERT_EQ(second.status, 0) << second.output;
  results = json_lines(home_ / "second.jsonl");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0]["decision"], "review");
  bool duplicate = false;
  for (const auto& f : results[0]["flags"])
    if (f["code"] == "DUPLICATE_CLAIM") {
      duplicate = true;
      EXPECT_EQ(f["severity"], "error");
      EXPECT_NE(f["found"].get<std::string>().find(id), std::string::npos) << f.dump();
    }
  EXPECT_TRUE(duplicate) << results[0].dump();

  auto conn = open_store();
  const std::string before = row_counts(*conn);
  const auto again = run_cli(second_command);
  EXPECT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("nothing changed"), std::string::npos) << again.output;
  EXPECT_EQ(row_counts(*conn), before);
  EXPECT_EQ(json_lines(home_ / "second.jsonl"), results);
}

TEST_F(CliTest, CheckPrintsTheContractsObjectWithTheSeededMismatch) {
  const fs::path demo = BERKAS_DEMO_SET;
  nlohmann::json expected;
  for (const auto& e : json_lines(demo / "expected.jsonl"))
    if (e["problem"] == "NIK_MISMATCH") expected = e;
  ASSERT_FALSE(expected.is_null());
  const std::string id = expected["case_id"];
  const auto c = nlohmann::json::parse(std::ifstream(demo / "cases" / (id + ".json")));
  const auto r = run_cli(
      "check -q --case '" + (demo / "cases" / (id + ".json")).string() + "' '" + (demo / "scans" / id).string() + "'",
      false);
  ASSERT_EQ(r.status, 0) << r.output;
  const auto out = nlohmann::json::parse(r.output);
  EXPECT_EQ(out["case_id"], id);
  EXPECT_EQ(out["decision"], "review");
  EXPECT_GE(out["documents"].size(), 3u);
  bool mismatch = false;
  for (const auto& f : out["flags"])
    if (f["code"] == "NIK_MISMATCH" && f["severity"] == "error") {
      mismatch = true;
      EXPECT_EQ(f["expected"], c["applicant"]["nik"]);
      EXPECT_EQ(f["found"].get<std::string>().size(), 16u);
      EXPECT_TRUE(f.contains("source") && f.contains("page") && f.contains("field")) << f.dump();
    }
  EXPECT_TRUE(mismatch) << out.dump(1);

  auto bad = c;
  bad["program"] = "nosuch";
  std::ofstream(home_ / "bad.json") << bad.dump();
  const auto rejected =
      run_cli("check -q --case '" + (home_ / "bad.json").string() + "' '" + (demo / "scans" / id).string() + "'");
  EXPECT_EQ(rejected.status, 1);
  EXPECT_NE(rejected.output.find("case " + id + " rejected: program unknown programme 'nosuch'"), std::string::npos)
      << rejected.output;
}

TEST_F(CliTest, AnUnreachableExternalDatabaseIsOneLine) {
  std::ofstream(home_ / "case.json") << R"({"case_id": "C-1", "program": "pbi", "stage": "application",
    "received_date": "2026-03-10", "applicant": {"nik": "3201014501900003", "name": "SITI AMINAH"}})";
  setenv("BERKAS_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/x", 1);
  const auto external = run_cli("intake /etc/hostname --cases '" + (home_ / "case.json").string() + "'");
  unsetenv("BERKAS_DATABASE_URL");
  EXPECT_EQ(external.status, 1) << external.output;
  EXPECT_EQ(lines(external.output), 1) << external.output;
  EXPECT_NE(external.output.find("cannot connect"), std::string::npos) << external.output;
}

TEST_F(CliTest, ExtractReportsEachBadFileOnItsOwnLineAndReadsTheRest) {
  const auto gen =
      run_cli("generate --out '" + (home_ / "set").string() + "' --cases 1 --formats jpeg --captures clean");
  ASSERT_EQ(gen.status, 0) << gen.output;
  const fs::path good = home_ / "set" / "scans" / "C-0001" / "C-0001-01.jpg";
  ASSERT_TRUE(fs::exists(good));
  std::ofstream(home_ / "note.jpg") << "this is text, not a JPEG";
  std::ofstream(home_ / "empty.png");
  {
    std::ifstream in(good, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(home_ / "truncated.jpg", std::ios::binary) << bytes.substr(0, bytes.size() / 3);
  }
  const std::string out = (home_ / "out.jsonl").string(), err = (home_ / "err.txt").string();
  const auto r = run_cli("extract --json --threads 2 '" + (home_ / "note.jpg").string() + "' '" + good.string() +
                             "' '" + (home_ / "empty.png").string() + "' '" + (home_ / "truncated.jpg").string() +
                             "' '" + (home_ / "missing.pdf").string() + "' >'" + out + "' 2>'" + err + "'",
                         false);
  EXPECT_EQ(r.status, 1);
  std::ifstream errors(err);
  std::vector<std::string> lines;
  for (std::string l; std::getline(errors, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 4u) << r.output;
  for (const char* name :
       {"note.jpg: not a scan", "empty.png: empty file", "truncated.jpg:", "missing.pdf: no such file"})
    EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
      return l.find(name) != std::string::npos;
    })) << name;
  std::ifstream results(out);
  int documents = 0;
  for (std::string l; std::getline(results, l); ++documents) {
    const auto j = nlohmann::json::parse(l);
    EXPECT_EQ(j["source"], good.string());
    EXPECT_EQ(j["page"], 1);
    EXPECT_EQ(j["doc_type"], "ktp");  // a clean flatbed scan of the applicant's KTP
    EXPECT_TRUE(j["fields"].is_object());
  }
  EXPECT_EQ(documents, 1);
}

// The contract's output for one clean KTP: values in normal form, equal to
// what was printed, and each field's bbox on the page as stored (near the
// box where the generator drew the value).
TEST_F(CliTest, ExtractPrintsTheKtpFieldsInNormalFormWithPageBoxes) {
  const auto gen =
      run_cli("generate --out '" + (home_ / "set").string() + "' --cases 1 --seed 77 --formats png --captures clean");
  ASSERT_EQ(gen.status, 0) << gen.output;
  nlohmann::json truth;
  std::ifstream truth_lines(home_ / "set" / "truth.jsonl");
  for (std::string l; std::getline(truth_lines, l);)
    if (auto j = nlohmann::json::parse(l); j["doc_type"] == "ktp") truth = j;
  ASSERT_FALSE(truth.is_null());
  const fs::path scan = home_ / "set" / truth["source"].get<std::string>();
  const fs::path stats_file = home_ / "stats.json";
  const auto r = run_cli("extract --json --quiet --stats '" + stats_file.string() + "' '" + scan.string() + "'", false);
  ASSERT_EQ(r.status, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output.substr(0, r.output.find('\n')));
  ASSERT_EQ(j["doc_type"], "ktp");
  // --stats says where the time went, step by step.
  std::ifstream stats_in(stats_file);
  const auto stats = nlohmann::json::parse(stats_in);
  EXPECT_EQ(stats["pages"], 1);
  for (const char* step : {"find", "rectify", "orientation", "ocr", "classify", "extract"})
    EXPECT_GT(stats["step_ms"].value(step, 0.0), 0.0) << step;
  EXPECT_LE(stats["step_ms"]["ocr"].get<double>(), 1000 * stats["seconds"].get<double>());
  // Validated fields must equal what was printed; free text (the name) is
  // measured by the accuracy tests, here only its place on the page.
  for (const char* field : {"nik", "name", "birth_date", "sex", "rt_rw"}) {
    ASSERT_TRUE(j["fields"].contains(field)) << field;
    const auto& got = j["fields"][field];
    const auto& want = truth["fields"][field];
    if (std::string(field) != "name") {
      EXPECT_EQ(got["value"], want["value"]) << field;
    }
    EXPECT_GT(got["confidence"].get<double>(), 0.5) << field;
    const auto& b = got["bbox"];
    const auto& t = want["bbox"];
    const cv::Rect gb(b[0], b[1], b[2], b[3]), tb(t[0], t[1], t[2], t[3]);
    EXPECT_GT((gb & tb).area(), 0.3 * tb.area()) << field << " box " << b << " vs " << t;
  }
  EXPECT_EQ(j["fields"]["nik"]["value"].get<std::string>().size(), 16u);
  for (const auto& [name, f] : j["fields"].items()) EXPECT_FALSE(f["value"].get<std::string>().empty()) << name;
}

TEST_F(CliTest, ExtractRefusesBombsHugePdfsAndEncryptedFilesAndGoesOn) {
  const auto gen =
      run_cli("generate --out '" + (home_ / "set").string() + "' --cases 1 --formats jpeg --captures clean");
  ASSERT_EQ(gen.status, 0) << gen.output;
  const fs::path good = home_ / "set" / "scans" / "C-0001" / "C-0001-01.jpg";
  std::ofstream(home_ / "bomb.png", std::ios::binary) << png_claiming(60000, 60000);
  std::ofstream(home_ / "many.pdf", std::ios::binary) << pdf_with_pages(10000);
  std::ofstream(home_ / "plain.pdf", std::ios::binary) << pdf_with_pages(1);
  const std::string encrypt = "qpdf --encrypt user owner 256 -- '" + (home_ / "plain.pdf").string() + "' '" +
                              (home_ / "locked.pdf").string() + "'";
  ASSERT_EQ(std::system(encrypt.c_str()), 0);
  const std::string out = (home_ / "out.jsonl").string(), err = (home_ / "err.txt").string();
  const auto r =
      run_cli("extract --json '" + (home_ / "bomb.png").string() + "' '" + (home_ / "many.pdf").string() + "' '" +
                  good.string() + "' '" + (home_ / "locked.pdf").string() + "' >'" + out + "' 2>'" + err + "'",
              false);
  EXPECT_EQ(r.status, 1);
  std::ifstream errors(err);
  std::vector<std::string> lines;
  for (std::string l; std::getline(errors, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("bomb.png: page 1: 60000 x 60000 pixels exceeds the limit"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("many.pdf: too many pages (10000"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("locked.pdf: encrypted PDF"), std::string::npos) << lines[2];
  std::ifstream results(out);
  std::string line;
  ASSERT_TRUE(std::getline(results, line));
  EXPECT_EQ(nlohmann::json::parse(line)["source"], good.string());
}

TEST_F(CliTest, GeneratePagesWritesTheMixAsOnePdfAndLooseFiles) {
  const auto r = run_cli("generate --out '" + (home_ / "pages").string() + "' --pages 5 --mix ktp=3,kk=2 --seed 9");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(fs::exists(home_ / "pages" / "pages.pdf"));
  std::ifstream truth(home_ / "pages" / "truth.jsonl");
  std::map<std::string, int> types;
  int lines_read = 0;
  for (std::string l; std::getline(truth, l); ++lines_read) {
    const auto j = nlohmann::json::parse(l);
    ++types[j["doc_type"].get<std::string>()];
    EXPECT_TRUE(fs::exists(home_ / "pages" / j["file"].get<std::string>()));
  }
  EXPECT_EQ(lines_read, 5);
  EXPECT_EQ(types["ktp"], 3);
  EXPECT_EQ(types["kk"], 2);
  const auto bad = run_cli("generate --out '" + (home_ / "bad").string() + "' --pages 5 --mix passport=3");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(lines(bad.output), 1) << bad.output;
}

// A printed separator sheet, read back by extract, is a separator for its case;
// a bad id is a usage error (exit 2) naming the id, and nothing is written.
TEST_F(CliTest, SeparatorWritesASheetThatExtractReadsAsTheCasesSeparator) {
  const fs::path pdf = home_ / "X.pdf";
  const auto made = run_cli("separator --case KASUS-7 -o '" + pdf.string() + "'", false);
  ASSERT_EQ(made.status, 0) << made.output;
  EXPECT_EQ(made.output, pdf.string() + "\n");
  ASSERT_TRUE(fs::exists(pdf));
  const auto r = run_cli("extract --json --quiet '" + pdf.string() + "'", false);
  ASSERT_EQ(r.status, 0) << r.output;
  ASSERT_EQ(lines(r.output), 1) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["page"], 1);
  EXPECT_EQ(j["doc_type"], "separator") << r.output;
  ASSERT_TRUE(j["fields"].contains("case_id")) << r.output;
  EXPECT_EQ(j["fields"]["case_id"]["value"], "KASUS-7") << r.output;

  // Without -o: separator-<first id>.pdf in the current folder, one page per case.
  const std::string in_home = "cd '" + home_.string() + "' && '" + BERKAS_BINARY +
                              "' separator --case C/0001 --case C-0002 >'" + (home_ / "out.txt").string() + "'";
  ASSERT_EQ(std::system(in_home.c_str()), 0);
  EXPECT_TRUE(fs::exists(home_ / "separator-C-0001.pdf"));
  std::ifstream said(home_ / "out.txt");
  std::string said_line;
  std::getline(said, said_line);
  EXPECT_EQ(said_line, "separator-C-0001.pdf");

  const auto bad = run_cli("separator --case 'KASUS 7' -o '" + (home_ / "bad.pdf").string() + "'");
  EXPECT_EQ(bad.status, 2) << bad.output;
  EXPECT_EQ(lines(bad.output), 1) << bad.output;
  EXPECT_NE(bad.output.find("'KASUS 7'"), std::string::npos) << bad.output;
  EXPECT_FALSE(fs::exists(home_ / "bad.pdf"));
}

TEST_F(CliTest, IntakeOfAMissingCaseFileIsOneLine) {
  const auto r = run_cli("intake /tmp --cases '" + (home_ / "nope.json").string() + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(lines(r.output), 1) << r.output;
  EXPECT_NE(r.output.find("nope.json"), std::string::npos);
}

}  // namespace
}  // namespace berkas

namespace berkas {
namespace {

// `berkas archive`: register scans into rows (store and CSV); a file that is
// no scan is named and kept, the rest goes on; a second run reads nothing
// again; `berkas search` finds a row by the NIK it carries.
TEST_F(CliTest, ArchiveReadsRegisterPagesIntoRowsAndSearchFindsThem) {
  const auto gen = run_cli("generate --registers 3 --captures clean --formats jpeg --seed 6820 --out '" +
                           (home_ / "set").string() + "'");
  ASSERT_EQ(gen.status, 0) << gen.output;
  std::ofstream(home_ / "set" / "scans" / "torn.jpg") << "not a scan";
  const std::string command =
      "archive '" + (home_ / "set" / "scans").string() + "' --out '" + (home_ / "rows").string() + "'";
  const auto first = run_cli(command);
  EXPECT_EQ(first.status, 1) << first.output;
  EXPECT_NE(first.output.find("torn.jpg"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("3 pages read (0 without rows"), std::string::npos) << first.output;

  // Every true row is a CSV row of its register, in order; most NIKs are read exactly.
  std::ifstream truth(home_ / "set" / "truth.jsonl");
  std::map<std::string, std::vector<std::vector<std::string>>> csv;
  int rows = 0, niks_right = 0;
  std::string a_nik;
  for (std::string line; std::getline(truth, line);) {
    const auto page = nlohmann::json::parse(line);
    const std::string reg = page["register"];
    if (!csv.count(reg)) {
      std::ifstream in(home_ / "rows" / (reg + ".csv"));
      ASSERT_TRUE(in) << reg;
      for (std::string l; std::getline(in, l);) csv[reg].push_back(split_csv_line(l));
    }
    const auto& header = csv[reg].front();
    const size_t nik_col = std::find(header.begin(), header.end(), "nik") - header.begin();
    const std::string file = fs::path(page["source"].get<std::string>()).filename();
    std::vector<std::vector<std::string>> read;
    for (const auto& r : csv[reg])
      if (r[0] == file) read.push_back(r);
    ASSERT_EQ(read.size(), page["tables"]["rows"].size()) << file;
    for (size_t i = 0; i < read.size(); ++i) {
      ++rows;
      const auto& want = page["tables"]["rows"][i];
      if (nik_col < header.size() && want.contains("nik") && read[i][nik_col] == want["nik"]["value"]) {
        ++niks_right;
        a_nik = read[i][nik_col];
      }
    }
  }
  EXPECT_GE(rows, 42);
  ASSERT_FALSE(a_nik.empty());

  const auto second = run_cli(command);
  EXPECT_NE(second.output.find("0 pages read (0 without rows, 3 read before)"), std::string::npos) << second.output;
  const auto found = run_cli("search " + a_nik, false);
  ASSERT_EQ(found.status, 0) << found.output;
  const auto result = nlohmann::json::parse(found.output);
  ASSERT_EQ(result["register_rows"].size(), 1u) << found.output;
  EXPECT_EQ(result["register_rows"][0]["cells"]["nik"], a_nik);
}

// `berkas pdf`: one searchable PDF per scan, the printed words in its text
// layer; a file that is no scan is named, and the others are still written.
TEST_F(CliTest, PdfWritesASearchablePdfPerScanAndNamesAFileThatIsNoScan) {
  const auto gen = run_cli("generate --registers 2 --captures clean --formats png,jpeg --seed 6853 --out '" +
                           (home_ / "set").string() + "'");
  ASSERT_EQ(gen.status, 0) << gen.output;
  std::ofstream(home_ / "set" / "scans" / "torn.jpg") << "not a scan";
  const auto made =
      run_cli("pdf '" + (home_ / "set" / "scans").string() + "' --out '" + (home_ / "pdf").string() + "'");
  EXPECT_EQ(made.status, 1) << made.output;
  EXPECT_NE(made.output.find("torn.jpg: not a scan"), std::string::npos) << made.output;
  EXPECT_NE(made.output.find("searchable PDFs: 2 written"), std::string::npos) << made.output;
  EXPECT_FALSE(fs::exists(home_ / "pdf" / "torn.pdf"));
  std::ifstream truth(home_ / "set" / "truth.jsonl");
  for (std::string line; std::getline(truth, line);) {
    const auto page = nlohmann::json::parse(line);
    const fs::path pdf =
        home_ / "pdf" / fs::path(page["source"].get<std::string>()).filename().replace_extension(".pdf");
    ASSERT_TRUE(fs::exists(pdf)) << pdf;
    std::string text;
    const auto pages = pdf_words(pdf, {cv::Size(100, 100)});
    ASSERT_EQ(pages.size(), 1u);
    for (const auto& w : pages[0]) text += w.text + " ";
    // Every NIK printed on the page is in its text layer.
    int niks = 0, found = 0;
    for (const auto& row : page["tables"]["rows"])
      if (row.contains("nik") && !row["nik"].value("handwritten", false)) {
        ++niks;
        found += text.find(row["nik"]["value"].get<std::string>()) != std::string::npos;
      }
    EXPECT_GE(found, niks * 9 / 10) << pdf;
  }
}

// `berkas pdf` on a scanned PDF whose second page's image is cut short: that
// page is named and left out, the first is still made searchable.
TEST_F(CliTest, PdfLeavesOutAPageThatCannotBeReadAndKeepsTheRest) {
  const auto gen = run_cli("generate --registers 1 --captures clean --formats jpeg --seed 6855 --out '" +
                           (home_ / "set").string() + "'");
  ASSERT_EQ(gen.status, 0) << gen.output;
  std::ifstream in(home_ / "set" / "scans" / "register-0001.jpg", std::ios::binary);
  const std::string jpeg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const cv::Mat image = cv::imdecode(std::vector<uchar>(jpeg.begin(), jpeg.end()), cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(image.empty());
  const std::string size = "/Width " + std::to_string(image.cols) + " /Height " + std::to_string(image.rows);
  const std::string space = image.channels() == 1 ? "/DeviceGray" : "/DeviceRGB";
  // Page 1 draws the whole JPEG; page 2 the same image with its data cut in half.
  const std::string draw = "q " + std::to_string(image.cols * 72 / 300) + " 0 0 " +
                           std::to_string(image.rows * 72 / 300) + " 0 0 cm /Im0 Do Q";
  const std::string media =
      "[0 0 " + std::to_string(image.cols * 72 / 300) + " " + std::to_string(image.rows * 72 / 300) + "]";
  const std::string pdf = make_pdf({
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox " + media +
          " /Resources << /XObject << /Im0 5 0 R >> >> /Contents 7 0 R >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox " + media +
          " /Resources << /XObject << /Im0 6 0 R >> >> /Contents 7 0 R >>",
      stream("/Type /XObject /Subtype /Image " + size + " /ColorSpace " + space +
                 " /BitsPerComponent 8 /Filter /DCTDecode",
             jpeg),
      stream("/Type /XObject /Subtype /Image " + size + " /ColorSpace " + space +
                 " /BitsPerComponent 8 /Filter /DCTDecode",
             jpeg.substr(0, jpeg.size() / 2)),
      stream("", draw),
  });
  fs::create_directories(home_ / "in");
  std::ofstream(home_ / "in" / "bound.pdf", std::ios::binary) << pdf;
  const auto made = run_cli("pdf '" + (home_ / "in").string() + "' --out '" + (home_ / "out").string() + "'");
  EXPECT_EQ(made.status, 1) << made.output;
  EXPECT_NE(made.output.find("bound.pdf: page 2:"), std::string::npos) << made.output;
  EXPECT_NE(made.output.find("(left out of the PDF)"), std::string::npos) << made.output;
  EXPECT_NE(made.output.find("searchable PDFs: 1 written"), std::string::npos) << made.output;
  const auto pages = pdf_words(home_ / "out" / "bound.pdf", {image.size()});
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_GT(pages[0].size(), 50u) << "the good page carries its words";
}

}  // namespace
}  // namespace berkas
