// The places of a page with ink that no recognised word covers: what
// layout analysis left out is found, what was read and ruled lines are not.
#include "read/unread_ink.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace berkas {
namespace {

constexpr int kDpi = 300;

struct Page {
  cv::Mat binary = cv::Mat(1200, 1600, CV_8UC1, cv::Scalar(255));
  std::vector<OcrWord> words;
  // A line of text, and (when `read`) one word of it per word Tesseract would report.
  cv::Rect text(const std::string& line, cv::Point at, bool read) {
    int base = 0;
    const cv::Size size = cv::getTextSize(line, cv::FONT_HERSHEY_SIMPLEX, 1.2, 3, &base);
    cv::putText(binary, line, at, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 3);
    const cv::Rect box(at.x, at.y - size.height, size.width, size.height + base);
    if (read) words.push_back({line, box, 0.9f});
    return box;
  }
};

bool covers(const cv::Rect& block, const cv::Rect& what) { return (block & what) == what; }

TEST(UnreadInk, FindsTheLinesNoWordCoversAndNothingElse) {
  Page p;
  for (int i = 0; i < 6; ++i) p.text("SURAT KETERANGAN TIDAK MAMPU", {100, 100 + 60 * i}, true);
  cv::line(p.binary, {50, 500}, {1550, 500}, cv::Scalar(0), 4);    // a ruled line
  cv::line(p.binary, {1500, 50}, {1500, 1150}, cv::Scalar(0), 4);  // and a border
  const cv::Rect place = p.text("CEMPEDAK, 12 SEPTEMBER 2026", {800, 800}, false);
  const cv::Rect office = p.text("KEPALA DESA", {900, 850}, false);
  cv::circle(p.binary, {1000, 950}, 80, cv::Scalar(0), 5);  // a stamp's ring

  const auto blocks = unread_ink_blocks(p.binary, p.words, kDpi);
  ASSERT_FALSE(blocks.empty());
  // The signature block is one block: place and date, office, stamp.
  EXPECT_TRUE(covers(blocks.front(), place)) << blocks.front();
  EXPECT_TRUE(covers(blocks.front(), office)) << blocks.front();
  for (const auto& b : blocks) {
    for (const auto& w : p.words) EXPECT_EQ((b & w.box).area(), 0) << "a word already read, in " << b;
    EXPECT_LT(b.width, 1000) << "a ruled line taken for text: " << b;
    EXPECT_LT(b.height, 900) << "the border taken for text: " << b;
  }
}

TEST(UnreadInk, APageReadInFullHasNoneAndBlankPictureWordsCoverNothing) {
  Page p;
  for (int i = 0; i < 6; ++i) p.text("ORANG TERSEBUT DI ATAS ADALAH BENAR", {100, 100 + 60 * i}, true);
  EXPECT_TRUE(unread_ink_blocks(p.binary, p.words, kDpi).empty());

  // Tesseract reports a block it took for a picture as a word of blank text.
  const cv::Rect date = p.text("12 SEPTEMBER 2026", {700, 900}, false);
  p.words.push_back({" ", cv::Rect(650, 820, 700, 150), 0.95f});
  const auto blocks = unread_ink_blocks(p.binary, p.words, kDpi);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_TRUE(covers(blocks.front(), date));
}

}  // namespace
}  // namespace berkas
