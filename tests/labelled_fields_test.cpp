// Label-and-value reading on hand-built OCR words (no Tesseract): fuzzy and
// damaged labels, a lost colon, a value wrapping onto the next row, two
// label columns on one row, the KTP's fixed row order standing in for a
// label OCR could not read, and the NIK settled against the printed birth
// date and sex.
#include "extract/labelled_fields.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "classify/classifier.hpp"
#include "extract/document_fields.hpp"
#include "extract/layout_template.hpp"
#include "extract/nik_field.hpp"
#include "extract/text_layout.hpp"
#include "region/nik.hpp"
#include "region/region_table.hpp"

namespace berkas {
namespace {

constexpr int kCharWidth = 14, kHeight = 24, kRowPitch = 34;

// Words placed as Tesseract would report them: one line per put().
struct Card {
  std::vector<OcrWord> words;
  int lines = 0;
  void put(const std::string& text, int x, int row, float confidence = 0.92f) {
    std::istringstream in(text);
    std::string w;
    ++lines;
    while (in >> w) {
      const int width = kCharWidth * static_cast<int>(w.size());
      words.push_back({w, {x, 20 + row * kRowPitch, width, kHeight}, confidence, 1, 1, lines});
      x += width + 9;
    }
  }
  // A label in the left column and its value from the value column.
  void label_row(const std::string& label, const std::string& value, int row) {
    put(label, 10, row);
    put(value, 260, row);
  }
};

const int kYear = 2026;

std::string a_nik(const char* district, Date birth, char sex, int serial = 17) {
  return make_nik(district, birth, sex, serial);
}

Card ktp(const std::string& nik) {
  Card c;
  c.put("PROVINSI JAWA BARAT", 300, 0);
  c.put("KABUPATEN BOGOR", 320, 1);
  c.label_row("NIK", ": " + nik, 2);
  c.label_row("Nama", ": SITI AMINAH", 3);
  c.label_row("Tempat/Tgl Lahir", ": BOGOR, 05-01-1990", 4);
  c.label_row("Jenis Kelamin", ": PEREMPUAN", 5);
  c.put("Gol. Darah : O", 560, 5);
  c.label_row("Alamat", ": JL. MAWAR NO. 5 PERUMAHAN GRIYA", 6);
  c.put("INDAH BLOK C", 272, 7);
  c.label_row("RT/RW", ": 003/005", 8);
  c.label_row("Kel/Desa", ": CIBINONG", 9);
  c.label_row("Kecamatan", ": CIBINONG", 10);
  c.label_row("Agama", ": ISLAM", 11);
  c.label_row("Status Perkawinan", ": KAWIN", 12);
  c.label_row("Pekerjaan", ": KARYAWAN SWASTA", 13);
  c.label_row("Kewarganegaraan", ": WNI", 14);
  c.label_row("Berlaku Hingga", ": SEUMUR HIDUP", 15);
  return c;
}

std::string value(const Extraction& e, const std::string& field) {
  auto it = e.fields.find(field);
  return it == e.fields.end() ? "<absent>" : it->second.value;
}

TEST(LabelledFields, ReadsEveryKtpFieldInNormalForm) {
  const std::string nik = a_nik("320101", {1990, 1, 5}, 'F');
  const auto e = extract_document_fields("ktp", ktp(nik).words, {}, kYear);
  EXPECT_EQ(value(e, "nik"), nik);
  EXPECT_EQ(value(e, "name"), "SITI AMINAH");
  EXPECT_EQ(value(e, "birth_place"), "BOGOR");
  EXPECT_EQ(value(e, "birth_date"), "1990-01-05");
  EXPECT_EQ(value(e, "sex"), "F");
  EXPECT_EQ(value(e, "blood_type"), "O");
  EXPECT_EQ(value(e, "address"), "JL. MAWAR NO. 5 PERUMAHAN GRIYA INDAH BLOK C");  // wrapped
  EXPECT_EQ(value(e, "rt_rw"), "003/005");
  EXPECT_EQ(value(e, "religion"), "ISLAM");
  EXPECT_EQ(value(e, "marital_status"), "KAWIN");
  EXPECT_EQ(value(e, "occupation"), "KARYAWAN SWASTA");
  EXPECT_EQ(value(e, "nationality"), "WNI");
  EXPECT_EQ(value(e, "valid_until"), "SEUMUR HIDUP");
  EXPECT_EQ(value(e, "province"), "JAWA BARAT");
  EXPECT_EQ(value(e, "regency"), "KABUPATEN BOGOR");
  EXPECT_EQ(value(e, "district"), "CIBINONG");
  // A valid NIK that agrees with the printed birth date and sex is trusted.
  EXPECT_GE(e.fields.at("nik").confidence, 0.9);
}

TEST(LabelledFields, DamagedLabelsAndLostColonsStillFindTheirValues) {
  Card c;
  c.label_row("NIK", "1 3201014501900017", 0);              // colon read as "1"
  c.label_row("NAMA", "SITI AMINAH", 1);                    // colon lost
  c.label_row("TEMPAT/TGI LAHIR", "BOGOR, 05-01-1990", 2);  // l read as I
  c.label_row("JENIS KELAMN", ": PEREMPUAN", 3);
  c.label_row("AGAMA", "ISLAM", 4);
  c.label_row("Kewarganegaraan:WNI", "", 5);  // label and value glued at the colon
  const auto values = find_labelled_values(split_at_colons(arrange_rows(c.words)), layout_template("ktp"));
  ASSERT_TRUE(values.count("nik"));
  EXPECT_EQ(values.at("nik").text, "3201014501900017");
  EXPECT_EQ(values.at("name").text, "SITI AMINAH");
  EXPECT_EQ(values.at("birth_place").text, "BOGOR, 05-01-1990");
  EXPECT_EQ(values.at("sex").text, "PEREMPUAN");
  EXPECT_EQ(values.at("religion").text, "ISLAM");
  EXPECT_EQ(values.at("nationality").text, "WNI");
}

TEST(LabelledFields, TwoLabelColumnsOnOneRowSplitAtTheLabels) {
  Card c;
  c.put("NAMA KEPALA KELUARGA : AGUS SALIM", 10, 0);
  c.put("KECAMATAN : CIBINONG", 1200, 0);
  const auto values = find_labelled_values(split_at_colons(arrange_rows(c.words)), layout_template("kk"));
  ASSERT_TRUE(values.count("head_name") && values.count("district"));
  EXPECT_EQ(values.at("head_name").text, "AGUS SALIM");
  EXPECT_EQ(values.at("district").text, "CIBINONG");
}

TEST(LabelledFields, AnUnreadableLabelRowTakesTheFieldMissingInTheKtpOrder) {
  Card c = ktp(a_nik("320101", {1990, 1, 5}, 'F'));
  // OCR turned "Agama" into rubbish: the row between KECAMATAN and STATUS
  // PERKAWINAN is still the religion.
  for (auto& w : c.words)
    if (w.text == "Agama") w.text = "Xqzw";
  const auto e = extract_document_fields("ktp", c.words, {}, kYear);
  EXPECT_EQ(value(e, "religion"), "ISLAM");
  EXPECT_LT(e.fields.at("religion").confidence, 0.99);
}

TEST(LabelledFields, SpecksAndLostFullStopsAreCleanedFromFreeText) {
  Card c = ktp(a_nik("320101", {1990, 1, 5}, 'F'));
  for (auto& w : c.words) {
    if (w.text == "JL.") w.text = "JL";        // the full stop lost
    if (w.text == "MAWAR") w.text = "'MAWAR";  // a speck read as a quote
  }
  c.put("\"", 690, 6);  // dirt right after the address on its row
  const auto e = extract_document_fields("ktp", c.words, {}, kYear);
  EXPECT_EQ(value(e, "address"), "JL. MAWAR NO. 5 PERUMAHAN GRIYA INDAH BLOK C");
}

TEST(LabelledFields, LetterNumbersGetTheirRomanMonthAndCodesBack) {
  Card c;
  c.put("SURAT KETERANGAN TIDAK MAMPU", 200, 0);
  c.put("NOMOR : 474/223/D5/1X/Z026", 200, 1);  // DS, IX and 2026 as OCR misread them
  c.label_row("Nama", ": SITI AMINAH", 3);
  const auto e = extract_document_fields("sktm", c.words, {}, kYear);
  EXPECT_EQ(value(e, "letter_number"), "474/223/DS/IX/2026");
  EXPECT_EQ(value(e, "name"), "SITI AMINAH");
}

// "NO." misread, so the KK number is found above the header by its shape;
// a digit OCR added is dropped when only one way leaves a possible number
// of the printed district (the card's issue date unread), and the repair
// costs confidence.
TEST(LabelledFields, AKkNumberWithAnAddedDigitAboveTheHeaderIsRepairedWhenOnlyOneWayFits) {
  auto kk_with_number = [](const std::string& number) {
    Card c;
    c.put("KARTU KELUARGA", 400, 0);
    c.put("WO. " + number, 380, 1);
    c.put("NAMA KEPALA KELUARGA : AGUS SALIM", 10, 2);
    c.put("KECAMATAN : CIBINONG", 1200, 2);
    c.put("KABUPATEN/KOTA : KABUPATEN BOGOR", 1200, 3);
    return c;
  };
  // 3201010501180007 with a 9 added after the region code: dropping the 0
  // after it instead would give day 95, no date; dropping a digit of the
  // region code, another district.
  auto e = extract_document_fields("kk", kk_with_number("32010190501180007").words, {}, kYear);
  EXPECT_EQ(value(e, "kk_number"), "3201010501180007");
  EXPECT_LT(e.fields.at("kk_number").confidence, 0.8);
  // 3201010501180007 with a 9 added inside the date: 05-01-18 or 09-01-18?
  e = extract_document_fields("kk", kk_with_number("32010109501180007").words, {}, kYear);
  EXPECT_EQ(value(e, "kk_number"), "<absent>");
}

TEST(LabelledFields, NoLabelNoValue) {
  Card c;
  c.put("SELAMAT DATANG DI KANTOR DESA", 10, 0);
  EXPECT_TRUE(find_labelled_values(split_at_colons(arrange_rows(c.words)), layout_template("ktp")).empty());
}

LabelledValue raw_nik(const std::string& text) {
  LabelledValue v;
  v.text = text;
  v.ocr_confidence = 0.9;
  v.box = {0, 0, 200, 24};
  return v;
}

NikEvidence printed(Date birth, char sex) { return {birth, sex, kYear, "", ""}; }

TEST(NikField, LetterLookalikesAreRepairedWhenTheResultAgreesWithTheCard) {
  const std::string nik = a_nik("320101", {1990, 1, 5}, 'F', 17);  // 3201014501900017
  std::string read = nik;
  read[13] = 'O';  // 0 read as O
  const auto f = settle_nik_field(raw_nik(read), printed({1990, 1, 5}, 'F'), nullptr, {});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value, nik);
}

TEST(NikField, ADoubledDigitIsDroppedOnlyWhenOneWayFitsTheCard) {
  const std::string nik = a_nik("320101", {1990, 1, 5}, 'F', 17);         // 3201014501900017
  const std::string doubled = nik.substr(0, 7) + nik[6] + nik.substr(7);  // 17 digits: a date digit doubled
  // Dropping the third or the fifth digit instead gives 3210144501900017 or
  // 3201144501900017, also possible NIKs of a woman born 5 January 1990
  // (districts 32.10.14 and 32.01.14): ambiguous, so without more evidence
  // there is no NIK.
  EXPECT_FALSE(settle_nik_field(raw_nik(doubled), printed({1990, 1, 5}, 'F'), nullptr, {}));
  // The regency and district printed on the card settle it.
  NikEvidence card = printed({1990, 1, 5}, 'F');
  card.printed_regency = "KABUPATEN BOGOR";
  card.printed_district = "CIBINONG";
  const auto f = settle_nik_field(raw_nik(doubled), card, nullptr, {});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value, nik);
  const auto clean = settle_nik_field(raw_nik(nik), card, nullptr, {});
  EXPECT_LT(f->confidence, clean->confidence);  // a correction costs confidence
}

TEST(NikField, ANikThatDisagreesWithTheCardIsKeptButNotTrusted) {
  const std::string nik = a_nik("320101", {1990, 1, 5}, 'F', 17);
  // Printed: born 1991, a man. The number stays as read (a check must see
  // the mismatch), with low confidence; nothing is "repaired" to fit.
  const auto f = settle_nik_field(raw_nik(nik), printed({1991, 1, 5}, 'M'), nullptr, {});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value, nik);
  EXPECT_LT(f->confidence, 0.6);
}

TEST(NikField, ShortOrRubbishReadingsGiveNoNik) {
  EXPECT_FALSE(settle_nik_field(raw_nik("32010145019"), printed({1990, 1, 5}, 'F'), nullptr, {}));
  EXPECT_FALSE(settle_nik_field(raw_nik("NOMOR INDUK"), printed({1990, 1, 5}, 'F'), nullptr, {}));
}

TEST(Classifier, ApproximatePhrasesCountButShortWordsMustBeExact) {
  EXPECT_EQ(approximate_find("XXKARTUKELUAKGAXX", "KARTUKELUARGA"), 1u);
  EXPECT_EQ(approximate_find("TERIMAKASIH", "KASIR"), 1u);  // one edit: must not count for a 5-letter word
  std::vector<OcrWord> words;
  int line = 0;
  for (const char* text :
       {"SURAT KETERANGAN RAWAT INAP", "Diagnosa kerja observasi", "terima kasih", "Dokter Pemeriksa"}) {
    ++line;
    int x = 0;
    std::istringstream in(text);
    std::string w;
    while (in >> w) words.push_back({w, {x += 100, line * 40, 90, 30}, 0.9f, 1, 1, line});
  }
  EXPECT_EQ(classify(words).doc_type, "other");
  Card c = ktp(a_nik("320101", {1990, 1, 5}, 'F'));
  EXPECT_EQ(classify(c.words, {true, true}).doc_type, "ktp");
}

}  // namespace
}  // namespace berkas
