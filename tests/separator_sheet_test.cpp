// Separator sheets: the PDF berkas prints decodes, through berkas's own scan
// decoder and QR reader, to exactly the case each page was made for, also
// when the scan is skewed, a speckled photocopy or of low resolution; bad
// case ids are refused by name.
#include "letters/separator_sheet.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <opencv2/imgproc.hpp>

#include "core/error.hpp"
#include "image/scan_reader.hpp"
#include "read/separator_code.hpp"

namespace berkas {
namespace {

namespace fs = std::filesystem;

struct TempFile {
  fs::path path;
  explicit TempFile(const std::string& bytes) {
    char pattern[] = "/tmp/berkas-separator-XXXXXX";
    path = fs::path(mkdtemp(pattern)) / "sheet.pdf";
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove_all(path.parent_path(), ec);
  }
};

cv::Mat gray_of(const cv::Mat& image) {
  if (image.channels() == 1) return image;
  cv::Mat gray;
  cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  return gray;
}

cv::Mat rotated(const cv::Mat& gray, double degrees) {
  const cv::Point2f centre(static_cast<float>(gray.cols) / 2, static_cast<float>(gray.rows) / 2);
  cv::Mat out;
  cv::warpAffine(gray, out, cv::getRotationMatrix2D(centre, degrees, 1.0), gray.size(), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, cv::Scalar(255));
  return out;
}

// A worn photocopy: soft edges, grain, and black toner specks everywhere
// (on the code too): at 300 dpi, specks of 0.2 to 0.6 mm, about 0.3 % of the
// page.
cv::Mat photocopy(const cv::Mat& gray, uint64_t seed) {
  cv::RNG rng(seed);
  cv::Mat blurred;
  cv::GaussianBlur(gray, blurred, cv::Size(0, 0), 1.2);
  cv::Mat noisy, noise(gray.size(), CV_16SC1);
  blurred.convertTo(noisy, CV_16SC1);
  rng.fill(noise, cv::RNG::NORMAL, 0, 12);
  noisy += noise;
  cv::Mat out;
  noisy.convertTo(out, CV_8UC1);            // saturates to 0..255
  const double scale = gray.cols / 2480.0;  // the specks' size at 300 dpi
  for (int i = 0; i < 3000; ++i)
    cv::circle(out, cv::Point(rng.uniform(0, out.cols), rng.uniform(0, out.rows)),
               std::max(1, static_cast<int>(rng.uniform(1, 4) * scale)), cv::Scalar(rng.uniform(0, 60)), cv::FILLED);
  return out;
}

cv::Mat at_dpi(const cv::Mat& gray, double from_dpi, double to_dpi) {
  cv::Mat out;
  cv::resize(gray, out, cv::Size(), to_dpi / from_dpi, to_dpi / from_dpi, cv::INTER_AREA);
  return out;
}

// Every page of the sheet, as the read pipeline decodes it.
std::vector<DecodedPage> decoded_pages(const std::string& pdf) {
  TempFile file(pdf);
  auto reader = ScanReader::open(file.path);
  EXPECT_EQ(reader->media_type(), MediaType::Pdf);
  std::vector<DecodedPage> pages;
  for (int i = 0; i < reader->page_count(); ++i) pages.push_back(reader->read_page(i));
  return pages;
}

void expect_decodes_to(const cv::Mat& gray, const std::string& case_id, const std::string& variant) {
  const auto code = read_separator_code(gray);
  ASSERT_TRUE(code.has_value()) << case_id << ", " << variant << ": no separator code found";
  EXPECT_EQ(code->case_id, case_id) << variant;
  EXPECT_GT(code->box.area(), 0) << variant;
}

TEST(SeparatorSheet, EachPageDecodesToItsCaseCleanRotatedAndAt150Dpi) {
  const std::vector<std::string> cases{"KASUS-2024/0017", "C-0002"};
  const auto pages = decoded_pages(separator_sheet_pdf(cases));
  ASSERT_EQ(pages.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    const cv::Mat gray = gray_of(pages[i].image);
    ASSERT_EQ(pages[i].origin, "pdf-render");
    ASSERT_GT(pages[i].dpi, 0);
    const double dpi = pages[i].dpi;
    // A4 portrait at the rendering resolution.
    EXPECT_NEAR(gray.cols, 8.27 * dpi, 0.02 * 8.27 * dpi);
    EXPECT_NEAR(gray.rows, 11.69 * dpi, 0.02 * 11.69 * dpi);
    const std::string& id = cases[i];
    expect_decodes_to(gray, id, "clean");
    expect_decodes_to(rotated(gray, 8), id, "rotated 8 degrees");
    expect_decodes_to(rotated(gray, -8), id, "rotated -8 degrees");
    expect_decodes_to(at_dpi(gray, dpi, 150), id, "150 dpi");
    expect_decodes_to(rotated(at_dpi(gray, dpi, 150), 8), id, "150 dpi, rotated 8 degrees");
  }
}

// The code is printed upright, so it tells how the sheet lies: the reader
// turns an upside-down separator page by it.
TEST(SeparatorSheet, TheCodeTellsWhichWayUpTheSheetLies) {
  const auto pages = decoded_pages(separator_sheet_pdf({"C-0007"}));
  ASSERT_EQ(pages.size(), 1u);
  const cv::Mat gray = at_dpi(gray_of(pages[0].image), pages[0].dpi, 150);
  const std::vector<std::pair<int, int>> turns{
      {-1, 0}, {cv::ROTATE_90_CLOCKWISE, 90}, {cv::ROTATE_180, 180}, {cv::ROTATE_90_COUNTERCLOCKWISE, 270}};
  for (const auto& [rotate, clockwise] : turns) {
    cv::Mat turned;
    if (rotate >= 0)
      cv::rotate(gray, turned, rotate);
    else
      turned = gray;
    const auto code = read_separator_code(turned);
    ASSERT_TRUE(code.has_value()) << clockwise;
    EXPECT_EQ(code->case_id, "C-0007");
    EXPECT_EQ((code->clockwise_degrees + 360) % 360, clockwise);
  }
  const auto slanted = read_separator_code(rotated(gray, 8));  // counter-clockwise
  ASSERT_TRUE(slanted.has_value());
  EXPECT_NEAR(slanted->clockwise_degrees, -8, 2);
}

// Several specks patterns each (one lucky pattern proves little).
TEST(SeparatorSheet, PhotocopiedSheetsDecodeToTheirCase) {
  const std::vector<std::string> cases{"KASUS-2024/0017", "C-0002"};
  const auto pages = decoded_pages(separator_sheet_pdf(cases));
  ASSERT_EQ(pages.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    const cv::Mat gray = gray_of(pages[i].image);
    const double dpi = pages[i].dpi;
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      const std::string which = " (seed " + std::to_string(seed) + ")";
      expect_decodes_to(photocopy(gray, seed), cases[i], "photocopy" + which);
      expect_decodes_to(photocopy(rotated(at_dpi(gray, dpi, 150), 8), seed), cases[i],
                        "photocopy at 150 dpi, rotated 8 degrees" + which);
    }
  }
}

TEST(SeparatorSheet, TheLongestAllowedIdDecodes) {
  const std::string id = "DINKES.KAB/2024/" + std::string(64 - 16 - 4, 'A') + "_0-9";
  ASSERT_EQ(id.size(), kMaxCaseIdLength);
  const auto pages = decoded_pages(separator_sheet_pdf({id}));
  ASSERT_EQ(pages.size(), 1u);
  const cv::Mat gray = gray_of(pages[0].image);
  expect_decodes_to(gray, id, "clean");
  expect_decodes_to(rotated(at_dpi(gray, pages[0].dpi, 150), 8), id, "150 dpi, rotated 8 degrees");
}

TEST(SeparatorSheet, InvalidCaseIdsAreRefusedByName) {
  const auto expect_refused = [](const std::vector<std::string>& ids, const std::string& named) {
    try {
      separator_sheet_pdf(ids);
      ADD_FAILURE() << "accepted " << named;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidArgument) << named;
      EXPECT_NE(std::string(e.what()).find("'" + named + "'"), std::string::npos) << e.what();
    }
  };
  expect_refused({""}, "");
  expect_refused({std::string(65, 'K')}, std::string(65, 'K'));
  expect_refused({"KASUS 7"}, "KASUS 7");
  expect_refused({"KASUS-7;rm"}, "KASUS-7;rm");
  expect_refused({"KASUS-Ü"}, "KASUS-\\xC3\\x9C");
  expect_refused({"KASUS\n7"}, "KASUS\\x0A7");
  expect_refused({"C-0001", "C 0002"}, "C 0002");  // one bad id refuses the whole sheet
  EXPECT_THROW(separator_sheet_pdf({}), Error);
  EXPECT_NO_THROW(validate_case_id("a-Z_0/9.x"));
}

}  // namespace
}  // namespace berkas
