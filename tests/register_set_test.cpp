// Generated register pages: the same seed gives the same bytes, every row has
// every column of its template, boxes hold ink where they say, and only pages
// written partly by hand have handwritten cells.
#include "register_set.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/sha256.hpp"
#include "region/nik.hpp"
#include "region/region_table.hpp"
#include "rules/register_template.hpp"

namespace berkas::samples {
namespace {

namespace fs = std::filesystem;

std::string file_hash(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return sha256_hex(bytes);
}

TEST(RegisterSet, PagesWithTheTruthOfEveryCell) {
  const fs::path root = fs::temp_directory_path() / ("berkas_register_set_" + std::to_string(getpid()));
  fs::remove_all(root);
  for (const char* name : {"a", "b"}) {
    RegisterSetOptions o;
    o.seed = 6810;
    o.pages = 3;  // printed, partly by hand, typewriter
    o.captures = {Capture::Clean};
    o.formats = {"jpeg"};
    o.out = root / name;
    ASSERT_EQ(generate_register_set(o), 3);
  }
  std::ifstream truth(root / "a" / "truth.jsonl");
  int pages = 0, handwritten = 0;
  for (std::string line; std::getline(truth, line); ++pages) {
    const auto page = nlohmann::json::parse(line);
    EXPECT_EQ(file_hash(root / "a" / page["source"].get<std::string>()),
              file_hash(root / "b" / page["source"].get<std::string>()))
        << "the same seed gives the same bytes";
    const RegisterTemplate& t = standard_registers().at(page["register"].get<std::string>());
    const cv::Mat image = cv::imread((root / "a" / page["source"].get<std::string>()).string(), cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(image.empty());
    const auto& rows = page["tables"]["rows"];
    ASSERT_GE(rows.size(), 14u);
    int previous = -1;
    for (const auto& row : rows) {
      for (const auto& col : t.columns) {
        ASSERT_TRUE(row.contains(col.name) || !col.required) << col.name << " in " << row.dump();
        if (!row.contains(col.name)) continue;
        const auto& cell = row[col.name];
        const std::string value = cell["value"];
        if (cell.value("handwritten", false)) {
          ++handwritten;
          EXPECT_EQ(page["hand"], "mixed");
        }
        if (col.type == CellType::Seq) {
          if (previous >= 0) {
            EXPECT_EQ(std::stoi(value), previous + 1) << "rows are numbered in order";
          }
          previous = std::stoi(value);
        }
        if (col.type == CellType::Nik) {
          EXPECT_TRUE(read_nik(value, RegionTable::standard(), 2026).ok()) << value;
        }
        if (col.type == CellType::Date) {
          EXPECT_EQ(value.size(), 10u) << value;  // ISO
        }
        // Each box holds ink: its darkest pixels are dark.
        const auto& b = cell["bbox"];
        const cv::Rect box(b[0], b[1], b[2], b[3]);
        ASSERT_GT(box.area(), 0) << col.name << " " << value;
        double darkest = 0;
        cv::minMaxLoc(image(box & cv::Rect(0, 0, image.cols, image.rows)), &darkest);
        EXPECT_LT(darkest, 120) << col.name << " " << value;
      }
    }
  }
  EXPECT_EQ(pages, 3);
  EXPECT_GT(handwritten, 0) << "the mixed page has cells written by hand";
  fs::remove_all(root);
}

}  // namespace
}  // namespace berkas::samples
