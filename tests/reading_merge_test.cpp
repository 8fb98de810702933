// Two readings of one document merged field by field (extract/reading_merge).
#include "extract/reading_merge.hpp"

#include <gtest/gtest.h>

namespace berkas {
namespace {

FieldValue value(const std::string& text, double confidence) { return {text, confidence, cv::Rect(10, 20, 30, 40)}; }

TEST(ReadingMerge, AValueBothReadingsAgreeOnIsSurerThanEither) {
  const FieldValue first = value("3201014501900003", 0.70), second = value("3201014501900003", 0.60);
  const FieldValue merged = merge_field(&first, &second);
  EXPECT_EQ(merged.value, "3201014501900003");
  EXPECT_GT(merged.confidence, 0.70);
  EXPECT_LT(merged.confidence, 0.90);  // not independent evidence: half the doubt is taken away
  const FieldValue sure = value("X", 0.98);
  EXPECT_LE(merge_field(&sure, &sure).confidence, 0.99);
}

TEST(ReadingMerge, WhereTheReadingsDifferTheSurerIsKeptLessSure) {
  const FieldValue first = value("2026-10-06", 0.43), second = value("2026-10-08", 0.80);
  const FieldValue merged = merge_field(&first, &second);
  EXPECT_EQ(merged.value, "2026-10-08");
  EXPECT_LT(merged.confidence, 0.80);
  EXPECT_EQ(merge_field(&second, &first).value, "2026-10-08");  // order does not matter
}

TEST(ReadingMerge, AFieldOnlyOneReadingFoundIsKeptAsRead) {
  Extraction first, second;
  first.fields["admission_date"] = value("2026-09-22", 0.63);
  second.fields["discharge_date"] = value("2026-09-29", 0.76);
  const Extraction merged = merge_readings(first, second);
  ASSERT_EQ(merged.fields.size(), 2u);
  EXPECT_EQ(merged.fields.at("admission_date").value, "2026-09-22");
  EXPECT_DOUBLE_EQ(merged.fields.at("admission_date").confidence, 0.63);
  EXPECT_EQ(merged.fields.at("discharge_date").value, "2026-09-29");
  EXPECT_DOUBLE_EQ(merged.fields.at("discharge_date").confidence, 0.76);
}

TEST(ReadingMerge, TablesOfAsManyRowsAreMergedRowByRowElseTheSurerTableIsKept) {
  Extraction first, second;
  first.tables["members"] = {{{"nik", value("1111111111111111", 0.5)}}, {{"nik", value("2222222222222222", 0.9)}}};
  second.tables["members"] = {{{"nik", value("1111111111111111", 0.6)}, {"name", value("SITI", 0.8)}},
                              {{"nik", value("2222222222222228", 0.3)}}};
  Extraction merged = merge_readings(first, second);
  ASSERT_EQ(merged.tables.at("members").size(), 2u);
  EXPECT_GT(merged.tables.at("members")[0].at("nik").confidence, 0.6);
  EXPECT_EQ(merged.tables.at("members")[0].at("name").value, "SITI");
  EXPECT_EQ(merged.tables.at("members")[1].at("nik").value, "2222222222222222");
  EXPECT_LT(merged.tables.at("members")[1].at("nik").confidence, 0.9);

  second.tables["members"].push_back({{"nik", value("3333333333333333", 0.9)}});  // one row more, and surer
  merged = merge_readings(first, second);
  ASSERT_EQ(merged.tables.at("members").size(), 3u);
  EXPECT_EQ(merged.tables.at("members")[1].at("nik").value, "2222222222222228");
}

TEST(ReadingMerge, ADocumentIsReadAgainWhenACheckedFieldIsMissingOrUnsure) {
  Extraction ktp;
  ktp.fields = {{"nik", value("3201014501900003", 0.95)},
                {"name", value("SITI AMINAH", 0.78)},  // names are believed from 0.75 on
                {"birth_date", value("1990-01-05", 0.92)},
                {"sex", value("F", 0.97)},
                {"address", value("JL", 0.2)}};  // not compared with the case
  EXPECT_TRUE(checked_fields_sure("ktp", ktp));
  ktp.fields["name"].confidence = 0.6;
  EXPECT_FALSE(checked_fields_sure("ktp", ktp));
  ktp.fields["name"].confidence = 0.78;
  ktp.fields.erase("birth_date");
  EXPECT_FALSE(checked_fields_sure("ktp", ktp));

  Extraction kk;
  kk.fields = {{"kk_number", value("3201010101100007", 0.95)}, {"head_name", value("AHMAD", 0.8)}};
  EXPECT_FALSE(checked_fields_sure("kk", kk));  // no member rows
  kk.tables["members"] = {{{"nik", value("3201014501900003", 0.95)}}, {{"nik", value("3201010101100001", 0.5)}}};
  EXPECT_FALSE(checked_fields_sure("kk", kk));
  kk.tables["members"][1]["nik"].confidence = 0.85;
  EXPECT_TRUE(checked_fields_sure("kk", kk));

  EXPECT_TRUE(checked_fields_sure("other", Extraction{}));  // nothing a check compares
}

}  // namespace
}  // namespace berkas
