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

// A photographed line of small text binarizes into letters that touch along
// their middle, or fill in entirely: long horizontal ink, but no rule.
TEST(RuleRemoval, ALineOfTouchingLettersIsNoRuleAndASlightlyTiltedRuleIsOne) {
  cv::Mat page = white_page();
  // Letters 24 px tall joined by an 8 px bar along their middle.
  for (int x = 40; x < 400; x += 30) cv::rectangle(page, {x, 300}, {x + 20, 324}, 0, cv::FILLED);
  cv::rectangle(page, {40, 308}, {400, 316}, 0, cv::FILLED);
  // A word filled into one solid block, 20 px tall.
  cv::rectangle(page, {450, 300}, {700, 320}, 0, cv::FILLED);
  // A rule that climbs 4 px over 800 (0.3 degrees): no straight run is long.
  cv::line(page, {40, 450}, {840, 446}, 0, 2);
  const cv::Rect block(450, 300, 251, 21);
  const int filled = black(page, block);
  const cv::Mat out = remove_rules(page, 300);
  // The bar between two letters may go, and with it a pixel of each
  // letter's edge; the letters stay.
  for (int x = 40; x < 400; x += 30)
    EXPECT_GE(black(out, {x, 300, 21, 25}), 0.9 * 21 * 25) << "the letter at x " << x << " stays";
  EXPECT_EQ(black(out, block), filled) << "the filled word stays";
  EXPECT_EQ(black(out, {40, 440, 800, 15}), 0) << "the tilted rule is gone";
}

TEST(RuleRemoval, OnlyInsideTheTablesGiven) {
  cv::Mat page = white_page();
  cv::line(page, {20, 100}, {880, 100}, 0, 3);        // a rule above the table: a letterhead's
  cv::rectangle(page, {100, 300}, {800, 500}, 0, 3);  // the table
  cv::line(page, {100, 400}, {800, 400}, 0, 3);
  const cv::Mat out = remove_rules_in(page, {cv::Rect(100, 300, 701, 201)}, 300);
  EXPECT_EQ(black(out, {20, 95, 860, 10}), black(page, {20, 95, 860, 10})) << "outside the table nothing changes";
  EXPECT_EQ(black(out, {90, 290, 720, 220}), 0) << "the table's rules are gone";
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
