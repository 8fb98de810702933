// Extraction accuracy on the committed demo set (samples/demo, 7 cases in
// JPEG, PDF and TIFF across clean, copy and photo captures): floors a
// little below the product's targets, so that a change that makes reading
// worse fails the suite. The held-back measurement on fresh seeds is
// bench/accuracy.sh (docs/accuracy.md); this set is small, so the floors
// are per document type over all capture levels.
#include <gtest/gtest.h>

#include "eval/field_accuracy_eval.hpp"

namespace berkas {
namespace {

// Floors: what the demo set measured when they were set (in brackets),
// less about one document. The targets of the product are higher (see
// docs/accuracy.md); raise these as reading improves.
constexpr double kClassificationFloor = 0.85;  // (27/29)
constexpr double kKtpKeyFloor = 0.70;          // nik, name, birth_date, sex (6..7 of 8 each)
constexpr double kKtpAllFloor = 0.75;          // (111/136)
constexpr double kKkNumberFloor = 0.40;        // (4/7)
constexpr double kKkRowsFloor = 0.90;          // (23/23)
// Member NIKs: 16/23 before the member tables were read again without their
// rules, 13/23 after (the one photographed KK lost three, while a held-back
// set gained on copies and held on photos: docs/accuracy.md); names went
// from 8/23 to 13/23.
constexpr double kKkMemberNikFloor = 0.52;   // (13/23)
constexpr double kKkMemberNameFloor = 0.52;  // (13/23)
constexpr double kSktmFloor = 0.80;          // (52/60)
constexpr double kInvoiceFloor = 0.85;       // (7/7)
constexpr double kCalibrationFloor = 0.97;   // values at confidence >= 0.9 that are right (186/187)

class ExtractionAccuracy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { accuracy_ = new FieldAccuracy(evaluate_field_accuracy(BERKAS_DEMO_SET, 0, nullptr)); }
  static void TearDownTestSuite() { delete accuracy_; }

  // Share right of `field` on `type` documents over every capture level.
  static Tally field(const std::string& type, const std::string& name) {
    Tally sum;
    for (const auto& [key, t] : accuracy_->fields)
      if (std::get<0>(key) == type && std::get<1>(key) == name) sum.total += t.total, sum.right += t.right;
    return sum;
  }
  static Tally all_fields(const std::string& type) {
    Tally sum;
    for (const auto& [key, t] : accuracy_->fields)
      if (std::get<0>(key) == type && std::get<1>(key).rfind("members.", 0) != 0)
        sum.total += t.total, sum.right += t.right;
    return sum;
  }
  static FieldAccuracy* accuracy_;
};
FieldAccuracy* ExtractionAccuracy::accuracy_ = nullptr;

TEST_F(ExtractionAccuracy, DocumentsAreClassified) {
  Tally sum;
  for (const auto& [capture, t] : accuracy_->classification) sum.total += t.total, sum.right += t.right;
  ASSERT_GT(sum.total, 20);
  EXPECT_GE(sum.share(), kClassificationFloor);
}

TEST_F(ExtractionAccuracy, KtpNikNameAndBirthDate) {
  for (const char* f : {"nik", "name", "birth_date", "sex"}) {
    const Tally t = field("ktp", f);
    ASSERT_GT(t.total, 5) << f;
    EXPECT_GE(t.share(), kKtpKeyFloor) << f << ": " << t.right << "/" << t.total;
  }
  EXPECT_GE(all_fields("ktp").share(), kKtpAllFloor);
}

TEST_F(ExtractionAccuracy, KkNumberAndMembers) {
  EXPECT_GE(field("kk", "kk_number").share(), kKkNumberFloor);
  Tally rows;
  for (const auto& [capture, t] : accuracy_->member_rows) rows.total += t.total, rows.right += t.right;
  ASSERT_GT(rows.total, 5);
  EXPECT_GE(rows.share(), kKkRowsFloor);
  EXPECT_GE(field("kk", "members.nik").share(), kKkMemberNikFloor);
  EXPECT_GE(field("kk", "members.name").share(), kKkMemberNameFloor);
}

TEST_F(ExtractionAccuracy, SktmAndBills) {
  EXPECT_GE(all_fields("sktm").share(), kSktmFloor);
  Tally bills = all_fields("invoice");
  const Tally other_layout = all_fields("invoice-untemplated");
  bills.total += other_layout.total, bills.right += other_layout.right;
  EXPECT_GE(bills.share(), kInvoiceFloor);
}

TEST_F(ExtractionAccuracy, HighConfidenceMeansRight) {
  Tally high;
  for (const auto& b : accuracy_->calibration)
    if (b.low >= 0.9) high.total += b.reads.total, high.right += b.reads.right;
  ASSERT_GT(high.total, 50);
  EXPECT_GE(high.share(), kCalibrationFloor) << high.right << "/" << high.total;
}

}  // namespace
}  // namespace berkas
