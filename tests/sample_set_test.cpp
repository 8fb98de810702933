// A generated set: byte-identical for the same seed, and its ground truth
// agrees with itself (NIK vs printed birth date, sex and region; boxes on
// the page).
#include "sample_set.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/sha256.hpp"
#include "person.hpp"
#include "region/nik.hpp"

namespace berkas::samples {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> hash_tree(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    out[fs::relative(e.path(), root).string()] = sha256_hex(bytes);
  }
  return out;
}

class SampleSetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = fs::temp_directory_path() / ("berkas_sample_set_test_" + std::to_string(getpid()));
    fs::remove_all(root_);
    for (const char* name : {"a", "b"}) {
      SampleSetOptions o;
      o.seed = 424242;
      o.cases = 5;
      o.out = root_ / name;
      generate_sample_set(o);
    }
    SampleSetOptions other;
    other.seed = 424243;
    other.cases = 5;
    other.out = root_ / "c";
    generate_sample_set(other);
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  static std::vector<nlohmann::json> truth(const std::string& set) {
    std::vector<nlohmann::json> out;
    std::ifstream in(root_ / set / "truth.jsonl");
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }

  static fs::path root_;
};
fs::path SampleSetTest::root_;

TEST_F(SampleSetTest, SameSeedGivesIdenticalBytes) {
  const auto a = hash_tree(root_ / "a"), b = hash_tree(root_ / "b");
  ASSERT_GT(a.size(), 10u);
  EXPECT_EQ(a, b);
}

TEST_F(SampleSetTest, AnotherSeedGivesOtherFiles) {
  const auto a = hash_tree(root_ / "a"), c = hash_tree(root_ / "c");
  EXPECT_NE(a.at("truth.jsonl"), c.at("truth.jsonl"));
}

TEST_F(SampleSetTest, TruthNiksAgreeWithWhatIsPrinted) {
  const RegionTable& regions = RegionTable::standard();
  int checked = 0;
  for (const auto& set : {"a", "c"})
    for (const auto& doc : truth(set)) {
      const auto& f = doc["fields"];
      if (doc["doc_type"] == "ktp" || doc["doc_type"] == "sktm") {
        const auto r = read_nik(f["nik"]["value"].get<std::string>(), regions, 2026);
        ASSERT_TRUE(r.ok()) << doc.dump();
        EXPECT_EQ(r.birth_date.iso(), f["birth_date"]["value"]);
        EXPECT_EQ(std::string(1, r.sex), f["sex"]["value"]);
        ++checked;
      }
      if (doc["doc_type"] == "ktp") {
        const auto r = read_nik(f["nik"]["value"].get<std::string>(), regions, 2026);
        const Region* district = regions.find(r.district_code);
        EXPECT_EQ(upper(district->name), f["district"]["value"]);
        EXPECT_EQ(upper(regions.parent(*district)->name), f["regency"]["value"]);
      }
      if (doc["doc_type"] == "kk") {
        EXPECT_TRUE(read_kk_number(f["kk_number"]["value"].get<std::string>(), regions, 2026).ok());
        for (const auto& m : doc["tables"]["members"]) {
          const auto r = read_nik(m["nik"]["value"].get<std::string>(), regions, 2026);
          ASSERT_TRUE(r.ok()) << m.dump();
          EXPECT_EQ(r.birth_date.iso(), m["birth_date"]["value"]);
          EXPECT_EQ(std::string(1, r.sex), m["sex"]["value"]);
          ++checked;
        }
      }
    }
  EXPECT_GT(checked, 20);
}

TEST_F(SampleSetTest, EveryBoxLiesOnItsPage) {
  int checked = 0;
  for (const auto& doc : truth("a")) {
    const std::string source = doc["source"];
    if (source.ends_with(".pdf") || source.ends_with(".tif")) continue;
    const cv::Mat page = cv::imread((root_ / "a" / source).string(), cv::IMREAD_UNCHANGED);
    ASSERT_FALSE(page.empty()) << source;
    const cv::Rect bounds(0, 0, page.cols, page.rows);
    auto check = [&](const nlohmann::json& field) {
      const auto& b = field["bbox"];
      const cv::Rect r(b[0], b[1], b[2], b[3]);
      if (r.area() == 0) return;  // a value without its own box (e.g. an SKTM's issuer)
      EXPECT_EQ(r & bounds, r) << source << " " << field.dump();
      ++checked;
    };
    for (const auto& [key, field] : doc["fields"].items()) check(field);
    if (doc.contains("tables"))
      for (const auto& [name, rows] : doc["tables"].items())
        for (const auto& row : rows)
          for (const auto& [key, field] : row.items()) check(field);
  }
  EXPECT_GT(checked, 50);
}

TEST_F(SampleSetTest, CasesAndExpectationsMatch) {
  std::ifstream cases(root_ / "a" / "cases.json");
  const auto all = nlohmann::json::parse(cases);
  ASSERT_EQ(all.size(), 5u);
  std::ifstream exp(root_ / "a" / "expected.jsonl");
  int n = 0, problems = 0;
  for (std::string line; std::getline(exp, line); ++n) {
    const auto e = nlohmann::json::parse(line);
    EXPECT_EQ(e["case_id"], all[static_cast<size_t>(n)]["case_id"]);
    if (!e["problem"].is_null()) {
      ++problems;
      EXPECT_EQ(e["expected_flags"][0], e["problem"]);
    }
  }
  EXPECT_EQ(n, 5);
  EXPECT_EQ(problems, 3);  // clean share 0.4: two of every five cases are clean
}

}  // namespace
}  // namespace berkas::samples
