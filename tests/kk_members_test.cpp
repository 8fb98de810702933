// KK member tables from hand-built OCR words: ruled grids drawn with
// cv::line, columns by header text and by order, rows to cells, the second
// table joined by row number, and the fallback without rulings.
#include "extract/kk_members.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "extract/ruled_grid.hpp"
#include "region/nik.hpp"

namespace berkas {
namespace {

constexpr int kCharWidth = 17, kTextHeight = 28, kHeaderHeight = 90, kRowHeight = 52;

struct Page {
  cv::Mat image = cv::Mat(2480, 3508, CV_8UC1, cv::Scalar(255));
  std::vector<OcrWord> words;

  int lines = 0;

  // Words of `text` from x, vertically centred on cy: one Tesseract line.
  void put(const std::string& text, int x, int cy) {
    std::istringstream in(text);
    std::string w;
    ++lines;
    while (in >> w) {
      const int width = kCharWidth * static_cast<int>(w.size());
      words.push_back({w, {x, cy - kTextHeight / 2, width, kTextHeight}, 0.9f, 1, 1, lines});
      x += width + 10;
    }
  }
  void put_centred(const std::string& text, int cx, int cy) {
    put(text, cx - kCharWidth * static_cast<int>(text.size()) / 2, cy);
  }
};

struct Table {
  int x, y;
  std::vector<int> widths;
  int rows;
  int left(size_t c) const {
    int l = x;
    for (size_t i = 0; i < c; ++i) l += widths[i];
    return l;
  }
  int right() const { return left(widths.size()); }
  int bottom() const { return y + kHeaderHeight + kRowHeight * rows; }
  int row_centre(int r) const { return y + kHeaderHeight + kRowHeight * r + kRowHeight / 2; }
};

void draw(Page& page, const Table& t) {
  const cv::Scalar ink(30);
  cv::line(page.image, {t.x, t.y}, {t.right(), t.y}, ink, 3);
  for (int r = 0; r <= t.rows; ++r) {
    const int y = t.y + kHeaderHeight + kRowHeight * r;
    cv::line(page.image, {t.x, y}, {t.right(), y}, ink, 2);
  }
  for (size_t c = 0; c <= t.widths.size(); ++c) cv::line(page.image, {t.left(c), t.y}, {t.left(c), t.bottom()}, ink, 3);
}

// Header titles; "\n" wraps a title over two lines.
void headers(Page& page, const Table& t, const std::vector<std::string>& titles) {
  for (size_t c = 0; c < titles.size(); ++c) {
    const int cx = t.left(c) + t.widths[c] / 2;
    const auto nl = titles[c].find('\n');
    if (nl == std::string::npos) {
      page.put_centred(titles[c], cx, t.y + kHeaderHeight / 2);
    } else {
      page.put_centred(titles[c].substr(0, nl), cx, t.y + kHeaderHeight / 2 - 18);
      page.put_centred(titles[c].substr(nl + 1), cx, t.y + kHeaderHeight / 2 + 18);
    }
  }
}

void cells(Page& page, const Table& t, int row, const std::vector<std::string>& values) {
  for (size_t c = 0; c < values.size(); ++c)
    if (!values[c].empty()) page.put(values[c], t.left(c) + 10, t.row_centre(row));
}

const Table kTable1{170, 620, {90, 600, 420, 250, 330, 250, 220, 420, 430, 220}, 5};
const Table kTable2{170, 620 + kHeaderHeight + 5 * kRowHeight + 60, {90, 330, 300, 440, 300, 260, 260, 640, 640}, 5};

const std::vector<std::string> kHeaders1{"No",
                                         "Nama Lengkap",
                                         "NIK",
                                         "Jenis\nKelamin",
                                         "Tempat Lahir",
                                         "Tanggal\nLahir",
                                         "Agama",
                                         "Pendidikan",
                                         "Jenis Pekerjaan",
                                         "Golongan\nDarah"};
const std::vector<std::string> kHeaders2{"No",
                                         "Status\nPerkawinan",
                                         "Tanggal\nPerkawinan",
                                         "Status Hubungan\nDalam Keluarga",
                                         "Kewarga-\nnegaraan",
                                         "No. Paspor",
                                         "No. KITAP",
                                         "Nama Ayah",
                                         "Nama Ibu"};

const std::string kNik1 = make_nik("320101", {1980, 5, 17}, 'M', 1);
const std::string kNik2 = make_nik("320101", {1984, 11, 2}, 'F', 2);

// A filled KK: two members; the second has no occupation.
Page two_member_kk(bool rulings, const std::vector<std::string>& headers1 = kHeaders1,
                   const std::vector<std::string>& headers2 = kHeaders2) {
  Page page;
  page.put_centred("KARTU KELUARGA", 1754, 190);
  page.put("Nama Kepala Keluarga : AHMAD SUBARJO", 170, 370);
  if (rulings) draw(page, kTable1), draw(page, kTable2);
  headers(page, kTable1, headers1);
  headers(page, kTable2, headers2);
  cells(
      page, kTable1, 0,
      {"1", "AHMAD SUBARJO", kNik1, "LAKI-LAKI", "BOGOR", "17-05-1980", "ISLAM", "SLTA/SEDERAJAT", "WIRASWASTA", "A"});
  cells(page, kTable1, 1,
        {"2", "SITI AMINAH", kNik2, "PEREMPUAN", "CIANJUR", "02-11-1984", "ISLAM", "DIPLOMA I/II", "", "O"});
  cells(page, kTable2, 0, {"1", "KAWIN", "01-02-2005", "KEPALA KELUARGA", "WNI", "-", "-", "SUPARMAN", "SUMARNI"});
  cells(page, kTable2, 1, {"2", "KAWIN", "01-02-2005", "ISTRI", "WNI", "-", "-", "DADANG", "ENTIN"});
  for (int r = 2; r < 5; ++r) {
    cells(page, kTable1, r, {std::to_string(r + 1)});
    cells(page, kTable2, r, {std::to_string(r + 1)});
  }
  return page;
}

std::string value(const FieldMap& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? "<absent>" : it->second.value;
}

void expect_two_members(const std::vector<FieldMap>& members) {
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(value(members[0], "name"), "AHMAD SUBARJO");
  EXPECT_EQ(value(members[0], "nik"), kNik1);
  EXPECT_EQ(value(members[0], "sex"), "M");
  EXPECT_EQ(value(members[0], "birth_place"), "BOGOR");
  EXPECT_EQ(value(members[0], "birth_date"), "1980-05-17");
  EXPECT_EQ(value(members[0], "religion"), "ISLAM");
  EXPECT_EQ(value(members[0], "education"), "SLTA/SEDERAJAT");
  EXPECT_EQ(value(members[0], "occupation"), "WIRASWASTA");
  EXPECT_EQ(value(members[0], "relationship"), "KEPALA KELUARGA");
  EXPECT_EQ(value(members[1], "name"), "SITI AMINAH");
  EXPECT_EQ(value(members[1], "nik"), kNik2);
  EXPECT_EQ(value(members[1], "sex"), "F");
  EXPECT_EQ(value(members[1], "birth_date"), "1984-11-02");
  EXPECT_EQ(value(members[1], "education"), "DIPLOMA I/II");
  EXPECT_EQ(value(members[1], "relationship"), "ISTRI");
  EXPECT_EQ(value(members[1], "occupation"), "<absent>");  // the empty cell
  // No header text or blood type leaks into the output.
  EXPECT_EQ(members[0].count("blood_type"), 0u);
}

TEST(RuledGrid, FindsBothTablesWithTheirRowsAndColumns) {
  const Page page = two_member_kk(true);
  const auto tables = find_ruled_tables(page.image);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].row_count(), 6u);  // header + 5 rows
  EXPECT_EQ(tables[0].col_count(), 10u);
  EXPECT_EQ(tables[1].col_count(), 9u);
  EXPECT_NEAR(tables[0].cols[2], kTable1.left(2), 3);
  EXPECT_NEAR(tables[1].rows[0], kTable2.y, 3);
  EXPECT_EQ(tables[0].col_at(kTable1.left(3) + 5), 3);
}

TEST(RuledGrid, NothingOnABlankPageOrAPageBorder) {
  cv::Mat blank(1200, 1700, CV_8UC1, cv::Scalar(255));
  EXPECT_TRUE(find_ruled_tables(blank).empty());
  cv::rectangle(blank, {30, 30, 1640, 1140}, cv::Scalar(40), 4);
  EXPECT_TRUE(find_ruled_tables(blank).empty());
}

TEST(KkMembers, ColumnsByHeaderRowsToCellsAndTablesJoinedByNumber) {
  const Page page = two_member_kk(true);
  const auto members = extract_kk_members(arrange_rows(page.words), page.image, 2026);
  expect_two_members(members);
  // Validated values are confident; boxes are the words' boxes.
  EXPECT_GT(members[0].at("nik").confidence, 0.85);
  EXPECT_GT(members[0].at("religion").confidence, 0.85);
  const cv::Rect nik_box = members[0].at("nik").box;
  EXPECT_EQ(nik_box.x, kTable1.left(2) + 10);
  EXPECT_EQ(nik_box.width, kCharWidth * 16);
}

TEST(KkMembers, OcrDamagedHeadersFallBackToTheGridsColumnOrder) {
  // The header rows as Tesseract read them on a generated KK.
  const std::vector<std::string> h1{
      "NO",         "NAMA LENGKAP",    "NIK",     "PLN", "TEMPAT LAHIR", "TANGGAI", "AGAMA",
      "PENDIDIKAN", "JENIS PEKERJAAN", "GOLONGAN"};
  const std::vector<std::string> h2{"NO",         "PERAS AN",  "PNANGGAL",  "MA KAN",  "ON AYA",
                                    "NO. PASPOR", "NO. KITAP", "NAMA AYAH", "NAMA IBU"};
  const Page page = two_member_kk(true, h1, h2);
  expect_two_members(extract_kk_members(arrange_rows(page.words), page.image, 2026));
  // Without rulings the readable titles place the columns, the values the rest.
  const Page plain = two_member_kk(false, h1, h2);
  expect_two_members(extract_kk_members(arrange_rows(plain.words), plain.image, 2026));
}

// Tesseract ran the two words of a name together ("SITIAMINAH"); the
// paper shows the space, and the symbols' boxes say which letters it parts.
TEST(KkMembers, ASpaceTesseractDroppedFromANameIsPutBackWhereThePaperShowsIt) {
  Page page = two_member_kk(true);
  auto at = [&](const std::string& text) {
    return std::find_if(page.words.begin(), page.words.end(), [&](const OcrWord& w) { return w.text == text; });
  };
  const auto first = at("SITI");
  ASSERT_NE(first, page.words.end());
  OcrWord merged = *first;
  merged.text = "SITIAMINAH";
  // Letters 20 px wide standing 4 px apart, a 14 px space after "SITI".
  int x = first->box.x;
  for (size_t i = 0; i < merged.text.size(); ++i) {
    if (i == 4) x += 10;
    cv::rectangle(page.image, cv::Rect(x, first->box.y, 20, kTextHeight), cv::Scalar(30), cv::FILLED);
    merged.glyphs.push_back({x, x + 20});
    x += 24;
  }
  merged.box.width = x - 4 - merged.box.x;
  page.words.erase(at("AMINAH"));
  page.words.erase(at("SITI"));
  page.words.push_back(merged);
  const auto members = extract_kk_members(arrange_rows(page.words), page.image, 2026);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(value(members[1], "name"), "SITI AMINAH");
  EXPECT_EQ(value(members[0], "name"), "AHMAD SUBARJO");  // read apart already: unchanged
}

TEST(KkMembers, UnreadableHeadersStillReadByOrderInAGrid) {
  const std::vector<std::string> h1(10, "");
  const Page page = two_member_kk(true, h1);
  expect_two_members(extract_kk_members(arrange_rows(page.words), page.image, 2026));
}

TEST(KkMembers, WithoutRulingsHeaderPositionsAndTextRows) {
  const Page page = two_member_kk(false);
  ASSERT_TRUE(find_ruled_tables(page.image).empty());
  expect_two_members(extract_kk_members(arrange_rows(page.words), page.image, 2026));
  expect_two_members(extract_kk_members(arrange_rows(page.words), cv::Mat(), 2026));
}

TEST(KkMembers, SecondTableJoinedByRowNumberNotPosition) {
  // Only member No. 2 is filled in table 1; table 2 lists No. 1 and 2.
  Page page;
  headers(page, kTable1, kHeaders1);
  headers(page, kTable2, kHeaders2);
  cells(page, kTable1, 0, {"1"});
  cells(page, kTable1, 1,
        {"2", "SITI AMINAH", kNik2, "PEREMPUAN", "CIANJUR", "02-11-1984", "ISLAM", "DIPLOMA I/II", "", "O"});
  cells(page, kTable2, 0, {"1", "KAWIN", "01-02-2005", "KEPALA KELUARGA", "WNI", "-", "-", "SUPARMAN", "SUMARNI"});
  cells(page, kTable2, 1, {"2", "KAWIN", "01-02-2005", "ISTRI", "WNI", "-", "-", "DADANG", "ENTIN"});
  const auto members = extract_kk_members(arrange_rows(page.words), cv::Mat(), 2026);
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(value(members[0], "name"), "SITI AMINAH");
  EXPECT_EQ(value(members[0], "relationship"), "ISTRI");
}

TEST(KkMembers, NikDisagreeingWithPrintedBirthDateIsLessConfident) {
  Page good = two_member_kk(true);
  const auto a = extract_kk_members(arrange_rows(good.words), good.image, 2026);
  Page bad = two_member_kk(true);
  for (auto& w : bad.words)
    if (w.text == "17-05-1980") w.text = "18-05-1980";
  const auto b = extract_kk_members(arrange_rows(bad.words), bad.image, 2026);
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(value(b[0], "nik"), kNik1);
  EXPECT_LT(b[0].at("nik").confidence, a[0].at("nik").confidence - 0.1);
}

TEST(KkMembers, NoTableNoMembers) {
  Page page;
  page.put("SURAT KETERANGAN TIDAK MAMPU", 300, 200);
  page.put("Nama : SITI AMINAH", 300, 300);
  EXPECT_TRUE(extract_kk_members(arrange_rows(page.words), page.image, 2026).empty());
}

TEST(KkMembersLayout, StandardLayoutIsData) {
  const auto& layout = standard_kk_members_layout();
  ASSERT_EQ(layout.tables.size(), 2u);
  EXPECT_EQ(layout.members_from, "individuals");
  EXPECT_EQ(layout.tables[0].columns.size(), 10u);
  EXPECT_EQ(layout.tables[0].columns[2].field, "nik");
  EXPECT_EQ(layout.tables[1].columns[3].field, "relationship");
}

}  // namespace
}  // namespace berkas
