// The black-and-white cleanup before a page is read as running text: ruled
// lines go and letters stay; isolated specks go and the dot beside a letter
// stays.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "clean/enhance.hpp"
#include "clean/rule_removal.hpp"

namespace berkas {
namespace {

cv::Mat white_page() { return cv::Mat(600, 900, CV_8UC1, cv::Scalar(255)); }

int black(const cv::Mat& m, const cv::Rect& r) { return cv::countNonZero(m(r) == 0); }

TEST(RuleRemoval, TableRulesGoAndTheWordsBetweenThemStay) {
  cv::Mat page = white_page();
  cv::line(page, {20, 100}, {880, 100}, 0, 3);  // a row rule
  cv::line(page, {20, 200}, {880, 200}, 0, 3);
  cv::line(page, {300, 60}, {300, 560}, 0, 3);  // a column rule
  cv::putText(page, "NIK 1234", {40, 170}, cv::FONT_HERSHEY_SIMPLEX, 1.6, 0, 4);
  cv::putText(page, "l|I", {400, 170}, cv::FONT_HERSHEY_SIMPLEX, 1.6, 0, 4);  // tall thin letters
  const cv::Rect words(30, 120, 250, 70), thin(390, 120, 100, 70);
  const int letters = black(page, words), tall = black(page, thin);
  const cv::Mat out = remove_rules(page, 300);
  EXPECT_EQ(black(out, {310, 95, 570, 10}), 0) << "the row rule is gone";
  EXPECT_EQ(black(out, {295, 210, 10, 340}), 0) << "the column rule is gone";
  EXPECT_EQ(black(out, words), letters) << "the words are untouched";
  EXPECT_EQ(black(out, thin), tall) << "a letter is not a rule";
}

TEST(BinarySpecks, IsolatedSpecksGoAndADotBesideALetterStays) {
  cv::Mat page = white_page();
  cv::putText(page, "M", {100, 200}, cv::FONT_HERSHEY_SIMPLEX, 1.6, 0, 4);
  cv::rectangle(page, {150, 192}, {155, 197}, 0, cv::FILLED);  // a full stop right after the letter
  cv::rectangle(page, {500, 400}, {502, 402}, 0, cv::FILLED);  // toner specks far from any ink
  cv::rectangle(page, {700, 100}, {703, 103}, 0, cv::FILLED);
  const cv::Mat out = remove_binary_specks(page, 300);
  EXPECT_EQ(black(out, {495, 395, 15, 15}), 0);
  EXPECT_EQ(black(out, {695, 95, 15, 15}), 0);
  EXPECT_EQ(black(out, {150, 192, 6, 6}), 36) << "the full stop stays";
  EXPECT_EQ(black(out, {90, 150, 60, 60}), black(page, {90, 150, 60, 60})) << "the letter stays";
}

}  // namespace
}  // namespace berkas
