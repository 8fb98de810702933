// Searchable PDFs of register scans: the image inside is the scan itself
// (the same JPEG bytes; a black-and-white page as G4, pixel for pixel), the
// file stays within 1.2 times the scan, passes qpdf --check, declares
// PDF/A-2b, is shown upright, and pdftotext finds the printed words where
// they are printed.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "eval/pdf_text_eval.hpp"
#include "image/scan_reader.hpp"
#include "read/document_reader.hpp"
#include "register_set.hpp"
#include "searchable/searchable_page.hpp"

namespace berkas {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool contains(const std::vector<uint8_t>& haystack, const std::vector<uint8_t>& needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

bool contains(const std::vector<uint8_t>& haystack, const std::string& needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

class SearchablePdfTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { reader_ = new DocumentReader(); }
  static void TearDownTestSuite() {
    delete reader_;
    reader_ = nullptr;
  }
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("berkas_searchable_pdf_" + std::to_string(getpid()));
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  // One generated register page; its searchable PDF in root/pdf.
  fs::path make(samples::Capture capture, const std::string& format, uint64_t seed) {
    samples::RegisterSetOptions o;
    o.seed = seed;
    o.pages = 1;
    o.captures = {capture};
    o.formats = {format};
    o.out = root_ / "set";
    EXPECT_EQ(samples::generate_register_set(o), 1);
    std::ifstream truth(root_ / "set" / "truth.jsonl");
    std::string line;
    std::getline(truth, line);
    truth_ = nlohmann::json::parse(line);
    scan_ = root_ / "set" / truth_["source"].get<std::string>();
    auto reader = ScanReader::open(scan_);
    SearchablePdf pdf;
    pdf.add_page(searchable_page(reader->read_page(0), *reader_));
    fs::create_directories(root_ / "pdf");
    const fs::path out = root_ / "pdf" / scan_.filename().replace_extension(".pdf");
    pdf.write(out);
    EXPECT_TRUE(pdf.pdfa());
    return out;
  }

  double words_in_place() {
    const auto scores = evaluate_pdf_text(root_ / "set", root_ / "pdf", 8.0, nullptr);
    EXPECT_GE(scores.at("all").in_place.total, 100);
    return scores.at("all").in_place.share();
  }

  static DocumentReader* reader_;
  fs::path root_, scan_;
  nlohmann::json truth_;
};

DocumentReader* SearchablePdfTest::reader_ = nullptr;

TEST_F(SearchablePdfTest, AJpegScanIsEmbeddedAsStoredWithItsWordsInPlace) {
  const fs::path pdf = make(samples::Capture::Clean, "jpeg", 6851);
  const auto scan = bytes_of(scan_), out = bytes_of(pdf);
  EXPECT_TRUE(contains(out, scan)) << "the scan's JPEG data, byte for byte";
  EXPECT_TRUE(contains(out, std::string("/DCTDecode")));
  EXPECT_LE(out.size(), scan.size() * 12 / 10);
  EXPECT_EQ(std::system(("qpdf --check '" + pdf.string() + "' >/dev/null 2>&1").c_str()), 0);
  // PDF/A-2b identification (the XMP packet is stored unfiltered) and an sRGB output intent.
  EXPECT_TRUE(contains(out, std::string("<pdfaid:part>2</pdfaid:part>")));
  EXPECT_TRUE(contains(out, std::string("/GTS_PDFA1")));
  EXPECT_GE(words_in_place(), 0.95);
}

TEST_F(SearchablePdfTest, ABlackAndWhitePageStaysPixelForPixelAndIsShownUpright) {
  // Seed 6852 turns this photocopy a quarter turn: the page must be shown upright.
  const fs::path pdf = make(samples::Capture::Copy, "tiff", 6852);
  const auto scan = bytes_of(scan_), out = bytes_of(pdf);
  EXPECT_TRUE(contains(out, std::string("/CCITTFaxDecode")));
  EXPECT_LE(out.size(), scan.size() * 12 / 10);
  EXPECT_EQ(std::system(("qpdf --check '" + pdf.string() + "' >/dev/null 2>&1").c_str()), 0);
  const cv::Mat original = ScanReader::open(scan_)->read_page(0).image;
  const cv::Mat embedded = ScanReader::open(pdf)->read_page(0).image;
  ASSERT_EQ(original.size(), embedded.size());
  EXPECT_EQ(cv::norm(original, embedded, cv::NORM_INF), 0) << "black stays black, white stays white";

  const double turned = truth_["rotation"].get<double>();
  const int quarter = static_cast<int>(std::lround(turned / 90.0)) % 4 * 90;
  ASSERT_NE(quarter, 0) << "the seed should give a turned page";
  EXPECT_TRUE(contains(out, "/Rotate " + std::to_string(quarter)));
  EXPECT_GE(words_in_place(), 0.75);
}

}  // namespace
}  // namespace berkas
