// The cleanup steps on generated images with a known transform: each must
// recover the geometry, and boxes on the cleaned image must map back onto
// the original page.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "clean/deskew.hpp"
#include "clean/document_finder.hpp"
#include "clean/document_image.hpp"
#include "clean/enhance.hpp"
#include "clean/orientation.hpp"
#include "clean/rectify.hpp"
#include "documents.hpp"
#include "person.hpp"

namespace berkas {
namespace {

using samples::Rng;

// A generated e-KTP and the box of its NIK, in card pixels.
struct Card {
  cv::Mat image;
  cv::Rect nik;
};

Card make_card(uint64_t seed) {
  samples::PopulationGenerator people(Rng(seed), RegionTable::standard(), Date{2026, 11, 24});
  const auto household = people.household();
  Rng rng(seed);
  auto doc = samples::render_ktp(rng, household.members[0], household.residence, Date{2020, 5, 1});
  const auto& box = doc.fields.at("nik").box;
  return {doc.image, cv::Rect(cv::Point(box.tl()), cv::Point(box.br()))};
}

double iou(const cv::Rect& a, const cv::Rect& b) { return (a & b).area() / static_cast<double>((a | b).area()); }

TEST(Cleanup, QuarterTurnsMapBoxesBackToThePage) {
  DocumentImage doc{cv::Mat(100, 200, CV_8U, cv::Scalar(255)), cv::Matx33d::eye(), 300};
  const cv::Rect on_page(10, 20, 30, 40);
  for (int q = 1; q < 4; ++q) {
    DocumentImage turned = rotate_quarters_ccw(doc, q);
    // Where the box landed on the turned image, found by drawing it.
    cv::Mat mark(doc.image.size(), CV_8U, cv::Scalar(0));
    mark(on_page).setTo(255);
    DocumentImage marked = rotate_quarters_ccw({mark, cv::Matx33d::eye(), 300}, q);
    const cv::Rect in_turned = cv::boundingRect(marked.image);
    const cv::Rect back = map_to_page(turned, in_turned);
    EXPECT_LE(std::abs(back.x - on_page.x) + std::abs(back.y - on_page.y), 2) << q << ": " << back;
    EXPECT_LE(std::abs(back.width - on_page.width) + std::abs(back.height - on_page.height), 2) << q;
    // The image turned counter-clockwise, so the page's content now runs
    // clockwise in it: its "up" is turned (360 - 90q) degrees on the page.
    EXPECT_NEAR(rotation_on_page(turned.to_page), (360 - 90 * q) % 360, 0.01);
  }
}

TEST(Cleanup, SmallRotationMapsBoxesBack) {
  const Card card = make_card(11);
  DocumentImage doc{card.image, cv::Matx33d::eye(), 300};
  DocumentImage turned = rotate_small(doc, 7.0, cv::Scalar(255, 255, 255));
  EXPECT_NEAR(rotation_on_page(turned.to_page), 360 - 7.0, 0.01);
  // The NIK's centre, carried through the rotation and back.
  const cv::Point2d c(card.nik.x + card.nik.width / 2.0, card.nik.y + card.nik.height / 2.0);
  const cv::Vec3d in_turned = turned.to_page.inv() * cv::Vec3d(c.x, c.y, 1);
  const cv::Rect back =
      map_to_page(turned, cv::Rect(static_cast<int>(in_turned[0]) - 1, static_cast<int>(in_turned[1]) - 1, 2, 2));
  EXPECT_NEAR(back.x + back.width / 2.0, c.x, 2.0);
  EXPECT_NEAR(back.y + back.height / 2.0, c.y, 2.0);
}

TEST(Cleanup, DeskewRecoversAKnownAngle) {
  const Card card = make_card(12);
  const cv::Mat gray = to_gray(card.image);
  for (double angle : {-12.0, -3.5, 0.0, 2.0, 9.0, 18.0}) {
    DocumentImage doc = rotate_small({gray, cv::Matx33d::eye(), 300}, angle, cv::Scalar(255));
    EXPECT_NEAR(estimate_skew(doc.image), angle, 0.35) << angle;
  }
}

TEST(Cleanup, RectifyUndoesAKnownPerspectiveAndMapsTheNikBack) {
  const Card card = make_card(13);
  // Put the card on a grey table at a known slant.
  cv::Mat page(1400, 1800, CV_8UC3, cv::Scalar(90, 100, 110));
  const std::vector<cv::Point2f> src{{0, 0}, {1010, 0}, {1010, 637}, {0, 637}};
  const std::vector<cv::Point2f> dst{{300, 250}, {1350, 330}, {1300, 1010}, {260, 920}};
  const cv::Mat h = cv::getPerspectiveTransform(src, dst);
  cv::warpPerspective(card.image, page, h, page.size(), cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
  FoundDocument found{{dst[0], dst[1], dst[2], dst[3]}, DocumentShape::Card, false};
  const DocumentImage flat = rectify(page, found, 0);
  // The card's corners land on an upright rectangle of the card's
  // proportions, inside the flattened image (which keeps a margin of page).
  std::vector<cv::Point2f> corners;
  cv::perspectiveTransform(dst, corners, cv::Mat(flat.to_page.inv()));
  const cv::Rect2f card_in_flat = cv::boundingRect(corners);
  EXPECT_NEAR(card_in_flat.width / card_in_flat.height, 1011.0 / 638, 0.08);
  EXPECT_NEAR(corners[0].x, corners[3].x, 2.0);
  EXPECT_NEAR(corners[0].y, corners[1].y, 2.0);
  EXPECT_GE(corners[0].x, 0.0f);
  EXPECT_GE(corners[0].y, 0.0f);
  EXPECT_LE(corners[2].x, flat.image.cols);
  EXPECT_LE(corners[2].y, flat.image.rows);
  // The NIK box on the flattened card lands where the NIK is on the page.
  const double sx = card_in_flat.width / 1011.0, sy = card_in_flat.height / 638.0;
  const cv::Rect in_flat(static_cast<int>(card_in_flat.x + card.nik.x * sx),
                         static_cast<int>(card_in_flat.y + card.nik.y * sy), static_cast<int>(card.nik.width * sx),
                         static_cast<int>(card.nik.height * sy));
  DocumentImage truth{card.image, cv::Matx33d(h), 300};
  EXPECT_GT(iou(map_to_page(flat, in_flat), map_to_page(truth, card.nik)), 0.8);
}

TEST(Cleanup, FindsACardLaidOnAWhiteSheet) {
  const Card card = make_card(14);
  cv::Mat sheet(3508, 2480, CV_8UC3, cv::Scalar(245, 245, 245));
  card.image.copyTo(sheet(cv::Rect(700, 1900, card.image.cols, card.image.rows)));
  const auto found = find_documents(sheet);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].shape, DocumentShape::Card);
  EXPECT_GT(iou(bounding_box(found[0].corners), cv::Rect(700, 1900, card.image.cols, card.image.rows)), 0.9);
}

TEST(Cleanup, FindsALargeCardPhotographedOnAStripedTable) {
  // A phone photo close up: the card fills most of the frame, on a grey
  // table with soft bright and dark stripes, some as bright as the card.
  const Card card = make_card(15);
  cv::Mat page(1200, 1600, CV_8UC3);
  for (int x = 0; x < page.cols; ++x) page.col(x).setTo(cv::Scalar::all(185 + 40 * std::sin(x / 45.0)));
  const std::vector<cv::Point2f> src{{0, 0},
                                     {static_cast<float>(card.image.cols), 0},
                                     {static_cast<float>(card.image.cols), static_cast<float>(card.image.rows)},
                                     {0, static_cast<float>(card.image.rows)}};
  const std::vector<cv::Point2f> dst{{70, 260}, {1390, 230}, {1420, 1010}, {100, 1040}};
  cv::warpPerspective(card.image, page, cv::getPerspectiveTransform(src, dst), page.size(), cv::INTER_LINEAR,
                      cv::BORDER_TRANSPARENT);
  cv::GaussianBlur(page, page, {0, 0}, 1.5);
  const auto found = find_documents(page);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].whole_page);
  EXPECT_EQ(found[0].shape, DocumentShape::Card);
  EXPECT_GT(iou(bounding_box(found[0].corners), cv::boundingRect(dst)), 0.9);
}

// Cards laid on an A4 sheet at small angles and photocopied: grey, with the
// card's pale body faded towards the sheet's white, a drum streak, and
// optionally stored 1-bit. Returns the cards' true corners.
std::vector<std::array<cv::Point2f, 4>> copy_cards(cv::Mat& sheet,
                                                   const std::vector<std::pair<cv::Point2f, double>>& at,
                                                   bool one_bit) {
  cv::Mat page(3508, 2480, CV_8UC3, cv::Scalar(255, 255, 255));
  std::vector<std::array<cv::Point2f, 4>> truth;
  for (size_t i = 0; i < at.size(); ++i) {
    const Card card = make_card(20 + i);
    const cv::Point2f c(card.image.cols / 2.0f, card.image.rows / 2.0f);
    cv::Mat m = cv::getRotationMatrix2D(c, at[i].second, 1.0);
    m.at<double>(0, 2) += at[i].first.x - c.x;
    m.at<double>(1, 2) += at[i].first.y - c.y;
    cv::warpAffine(card.image, page, m, page.size(), cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
    std::array<cv::Point2f, 4> q;
    const cv::Point2f corners[4] = {{0, 0},
                                    {static_cast<float>(card.image.cols), 0},
                                    {static_cast<float>(card.image.cols), static_cast<float>(card.image.rows)},
                                    {0, static_cast<float>(card.image.rows)}};
    for (int k = 0; k < 4; ++k)
      q[k] = cv::Point2f(static_cast<float>(m.at<double>(0, 0) * corners[k].x + m.at<double>(0, 1) * corners[k].y +
                                            m.at<double>(0, 2)),
                         static_cast<float>(m.at<double>(1, 0) * corners[k].x + m.at<double>(1, 1) * corners[k].y +
                                            m.at<double>(1, 2)));
    truth.push_back(q);
  }
  cv::cvtColor(page, sheet, cv::COLOR_BGR2GRAY);
  // A light copy: the card's pale body lands a few grey levels below the
  // sheet's white (light tones squeezed together); print stays dark.
  cv::Mat lut(1, 256, CV_8U);
  for (int v = 0; v < 256; ++v) lut.at<uchar>(v) = cv::saturate_cast<uchar>(248 - (255 - v) * (255 - v) / 255.0);
  cv::LUT(sheet, lut, sheet);
  cv::line(sheet, {1500, 0}, {1510, sheet.rows}, cv::Scalar(190), 4);  // drum streak
  cv::GaussianBlur(sheet, sheet, {0, 0}, 0.8);
  if (one_bit) cv::threshold(sheet, sheet, 160, 255, cv::THRESH_BINARY);
  return truth;
}

// Each true card has a found card whose corners all lie within `tolerance`
// pixels of its own.
void expect_cards(const std::vector<FoundDocument>& found, const std::vector<std::array<cv::Point2f, 4>>& truth,
                  double tolerance) {
  ASSERT_EQ(found.size(), truth.size());
  for (const auto& t : truth) {
    double best = 1e9;
    for (const auto& f : found) {
      EXPECT_EQ(f.shape, DocumentShape::Card);
      // The same corners in the same order, from whichever corner is first.
      for (int shift = 0; shift < 4; ++shift) {
        double worst = 0;
        for (int k = 0; k < 4; ++k) worst = std::max(worst, cv::norm(f.corners[(k + shift) % 4] - t[k]));
        best = std::min(best, worst);
      }
    }
    EXPECT_LT(best, tolerance) << t[0] << " " << t[2];
  }
}

TEST(Cleanup, FindsAFaintCopiedCardByItsEdges) {
  cv::Mat sheet;
  const auto truth = copy_cards(sheet, {{{1400, 900}, 2.5}}, false);
  expect_cards(find_documents(sheet), truth, 20);
}

TEST(Cleanup, FindsBothCardsOnAOneBitCopy) {
  cv::Mat sheet;
  const auto truth = copy_cards(sheet, {{{800, 800}, -3.0}, {{1500, 2600}, 1.5}}, true);
  // Nothing but the print is left: the box comes from the print and a
  // card's size on an A4 sheet.
  const auto found = find_documents(sheet);
  expect_cards(found, truth, 60);
}

TEST(Cleanup, TonerSpecksBesideACardOnAOneBitCopyDoNotMoveItsBox) {
  cv::Mat sheet;
  const auto truth = copy_cards(sheet, {{{1000, 1500}, 0.0}}, true);
  // A large speck just right of the card, close enough to its print to be
  // gathered into the same cluster of ink.
  const float right = std::max(truth[0][1].x, truth[0][2].x);
  cv::circle(sheet, cv::Point(static_cast<int>(right + 80), 1500), 9, cv::Scalar(0), cv::FILLED);
  expect_cards(find_documents(sheet), truth, 60);
}

TEST(Cleanup, AWhiteSheetWithTextIsOneWholePageDocument) {
  cv::Mat sheet(3508, 2480, CV_8UC1, cv::Scalar(250));
  for (int y = 400; y < 3000; y += 70)
    cv::putText(sheet, "SURAT KETERANGAN TIDAK MAMPU NOMOR 474", {250, y}, cv::FONT_HERSHEY_SIMPLEX, 2.0,
                cv::Scalar(20), 4);
  const auto found = find_documents(sheet);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].whole_page);
}

TEST(Cleanup, OrientationTurnsACardUpright) {
  const Card card = make_card(15);
  const cv::Mat gray = to_gray(card.image);
  OrientationDetector osd;
  for (int q = 0; q < 4; ++q) {
    DocumentImage turned = rotate_quarters_ccw({gray, cv::Matx33d::eye(), 300}, q);
    const OrientationResult r = detect_orientation(turned.image, true, osd);
    // Turned q quarters counter-clockwise = (4 - q) quarters clockwise.
    const int expected = (360 - 90 * q) % 360;
    if (r.from_osd)
      EXPECT_EQ(r.clockwise_degrees, expected) << q;
    else
      EXPECT_EQ(r.clockwise_degrees % 180, expected % 180) << q;  // the axis; the reader settles up/down
  }
}

}  // namespace
}  // namespace berkas
