// Hospital-bill extraction on hand-made words (no OCR): labels with values
// right of them or below them, OCR damage, totals, items tables, and a
// layout no template knows.
#include "extract/invoice_extractor.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "core/paths.hpp"

namespace berkas {
namespace {

constexpr int kCharWidth = 18, kHeight = 30;

// Words as Tesseract gives them: each call is one of its text lines (a
// label, a value, a column's cell), each word at x, advancing by its width
// plus a space.
struct Page {
  std::vector<OcrWord> words;
  int lines = 0;

  void line(int y, const std::string& text, int x = 100, float confidence = 0.9f) {
    std::istringstream in(text);
    std::string word;
    ++lines;
    while (in >> word) {
      const int w = static_cast<int>(word.size()) * kCharWidth;
      words.push_back({word, {x, y, w, kHeight}, confidence, lines, 1, lines});
      x += w + kCharWidth;
    }
  }
  std::vector<TextRow> rows() const { return arrange_rows(words); }
};

InvoiceTemplates no_layouts() {
  InvoiceTemplates t = load_invoice_templates(templates_dir() / "invoices");
  t.layouts.clear();
  return t;
}

std::string value(const Extraction& e, const std::string& field) {
  auto it = e.fields.find(field);
  return it == e.fields.end() ? "<absent>" : it->second.value;
}

TEST(InvoiceTemplates, ShippedFilesLoadAndOneIsGeneric) {
  const auto t = load_invoice_templates(templates_dir() / "invoices");
  EXPECT_TRUE(t.generic.generic);
  EXPECT_GE(t.layouts.size(), 3u);
  for (const auto& l : t.layouts) {
    EXPECT_FALSE(l.name.empty());
    EXPECT_FALSE(l.fields.empty()) << l.name;
  }
}

TEST(InvoiceTemplates, MalformedTemplateIsRejected) {
  EXPECT_ANY_THROW(parse_invoice_template(R"({"name": "x", "fields": {"bogus": {"labels": ["A"]}}})"));
  EXPECT_ANY_THROW(parse_invoice_template(R"({"name": "x", "fields": {"patient_name": {"value": "left"}}})"));
  EXPECT_ANY_THROW(parse_invoice_template("{not json"));
}

TEST(InvoiceExtractor, ValueRightOfLabelWithColon) {
  Page p;
  p.line(100, "RSUD SUNGAI LIAT");
  p.line(300, "No. Tagihan");
  p.line(300, ": INV/2026/02/0001", 500);
  p.line(300, "Tgl. Masuk", 1300);
  p.line(300, ": 01-02-2026", 1600);
  p.line(360, "Nama Pasien");
  p.line(360, ": Siti Aminah", 500);
  p.line(360, "Tgl. Keluar", 1300);
  p.line(360, ": 05-02-2026", 1600);
  p.line(420, "No. RM");
  p.line(420, ": 00-12-34", 500);
  const auto e = extract_invoice(p.rows(), 2026, no_layouts());
  EXPECT_EQ(value(e, "invoice_number"), "INV/2026/02/0001");
  EXPECT_EQ(value(e, "patient_name"), "SITI AMINAH");
  EXPECT_EQ(value(e, "medical_record_number"), "00-12-34");
  EXPECT_EQ(value(e, "admission_date"), "2026-02-01");
  EXPECT_EQ(value(e, "discharge_date"), "2026-02-05");
  EXPECT_EQ(value(e, "hospital"), "RSUD SUNGAI LIAT");
  const auto& name = e.fields.at("patient_name");
  EXPECT_GT(name.confidence, 0.5);
  EXPECT_LT(name.confidence, 0.95);             // raw text counts less than a parsed value
  EXPECT_EQ(name.box.x, 500 + 2 * kCharWidth);  // the value's words, not the label or colon
}

TEST(InvoiceExtractor, ValueBelowColumnHeader) {
  Page p;
  p.line(100, "RS HARAPAN KITA");
  p.line(300, "NO. INVOICE");
  p.line(300, "NO. REKAM MEDIS", 800);
  p.line(300, "CARA BAYAR", 1500);
  p.line(350, "TAG202608009680");
  p.line(350, "859742", 800);
  p.line(350, "JAMINAN DAERAH", 1500);
  p.line(500, "NAMA PASIEN");
  p.line(500, "TANGGAL MASUK", 800);
  p.line(500, "TANGGAL KELUAR", 1500);
  p.line(550, "SITI RAHMAWATI SYAHPUTRA");
  p.line(550, "25/08/2026", 800);
  p.line(550, "29/08/2026", 1500);
  const auto e = extract_invoice(p.rows(), 2026, no_layouts());
  EXPECT_EQ(value(e, "invoice_number"), "TAG202608009680");
  EXPECT_EQ(value(e, "medical_record_number"), "859742");
  EXPECT_EQ(value(e, "patient_name"), "SITI RAHMAWATI SYAHPUTRA");
  EXPECT_EQ(value(e, "admission_date"), "2026-08-25");
  EXPECT_EQ(value(e, "discharge_date"), "2026-08-29");
}

TEST(InvoiceExtractor, LostColonAndDamagedLabels) {
  Page p;
  p.line(300, "NO. TAGIHAN 1 RB-202609-09561");  // colon read as "1"
  p.line(300, "TGI. MASUK 09-09-2026", 1300);    // TGI for TGL, colon lost
  p.line(360, "NAMA PASEN NURMAIDA");            // PASIEN damaged, colon lost
  p.line(360, "TGL. KELUAR ; 14-09-2026", 1300);
  p.line(420, "NO. RM 1 700061");
  const auto e = extract_invoice(p.rows(), 2026, no_layouts());
  EXPECT_EQ(value(e, "invoice_number"), "RB-202609-09561");
  EXPECT_EQ(value(e, "patient_name"), "NURMAIDA");
  EXPECT_EQ(value(e, "medical_record_number"), "700061");
  EXPECT_EQ(value(e, "admission_date"), "2026-09-09");
  EXPECT_EQ(value(e, "discharge_date"), "2026-09-14");
}

// A colon read as "1", or a real one, before a day that is itself 1: the
// day stays.
TEST(InvoiceExtractor, AColonReadAsOneBeforeTheFirstOfTheMonth) {
  Page p;
  p.line(300, "NOMOR KWITANSI : KW.2026.10.07345");
  p.line(360, "TANGGAL MASUK 1 1 OKTOBER 2026");
  p.line(420, "TANGGAL KELUAR 1 2 OKTOBER 2026");
  const auto e = extract_invoice(p.rows(), 2026, no_layouts());
  EXPECT_EQ(value(e, "admission_date"), "2026-10-01");
  EXPECT_EQ(value(e, "discharge_date"), "2026-10-02");

  Page q;
  q.line(360, "TANGGAL MASUK : 1 NOVEMBER 2026");
  q.line(420, "TANGGAL KELUAR 11 NOVEMBER 2026");  // colon lost
  const auto f = extract_invoice(q.rows(), 2026, no_layouts());
  EXPECT_EQ(value(f, "admission_date"), "2026-11-01");
  EXPECT_EQ(value(f, "discharge_date"), "2026-11-11");
}

TEST(InvoiceExtractor, TotalAmountForms) {
  struct Case {
    std::string line, want;
  };
  const std::vector<Case> cases{{"TOTAL : Rp 4.350.000,-", "4350000"},
                                {"Grand Total Rp4.350.000,00", "4350000"},
                                {"JUMLAH TAGIHAN Rp 18.605.000,00", "18605000"},
                                {"Total Bayar Rp. 13.300.000", "13300000"},
                                {"JUMLAH YANG HARUS DIBAYAR IDR 1,250,000.00", "1250000"},
                                {"TOTAL BIAYA RP.16:745:000,-", "16745000"},
                                {"T0TAL Rp 2.065 OOO", "2065000"}};
  for (const auto& c : cases) {
    Page p;
    p.line(900, c.line, 1000);
    const auto e = extract_invoice(p.rows(), 2026, no_layouts());
    EXPECT_EQ(value(e, "total_amount"), c.want) << c.line;
    // Parsed amounts keep the words' confidence (0.9); a damaged label
    // (T0TAL) costs a little.
    if (e.fields.count("total_amount")) {
      EXPECT_GT(e.fields.at("total_amount").confidence, 0.75) << c.line;
      EXPECT_LE(e.fields.at("total_amount").confidence, 0.9 + 1e-6) << c.line;
    }
  }
}

TEST(InvoiceExtractor, ItemsTableWithHeader) {
  Page p;
  p.line(500, "KODE");
  p.line(500, "LAYANAN", 300);
  p.line(500, "OTY", 1100);  // QTY damaged
  p.line(500, "TARIF", 1300);
  p.line(500, "SUBTOTAL", 1600);
  p.line(560, "L100");
  p.line(560, "KAMAR RAWAT INAP KELAS III (4 HARI)", 300);
  p.line(560, "4", 1100);
  p.line(560, "150.000", 1300);
  p.line(560, "600.000", 1600);
  p.line(620, "L107");
  p.line(620, "PEMERIKSAAN USG", 300);
  p.line(620, "1", 1100);
  p.line(620, "1.440.000", 1300);
  p.line(620, "1.440.000", 1600);
  p.line(680, "L114");
  p.line(680, "OBAT-OBATAN DAN BHP", 300);
  p.line(680, "3", 1100);
  p.line(680, "940 OOO|", 1300);  // OCR split the amount and read the rule
  p.line(680, "2.820 OOO|", 1600);
  p.line(800, "JUMLAH TAGIHAN", 1000);
  p.line(800, "Rp 4.860.000,00", 1600);
  const auto e = extract_invoice(p.rows(), 2026, no_layouts());
  ASSERT_EQ(e.tables.count("items"), 1u);
  const auto& items = e.tables.at("items");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("description").value, "KAMAR RAWAT INAP KELAS III (4 HARI)");
  EXPECT_EQ(items[0].at("amount").value, "600000");
  EXPECT_EQ(items[1].at("description").value, "PEMERIKSAAN USG");
  EXPECT_EQ(items[1].at("amount").value, "1440000");
  EXPECT_EQ(items[2].at("description").value, "OBAT-OBATAN DAN BHP");
  EXPECT_EQ(items[2].at("amount").value, "2820000");
  EXPECT_EQ(value(e, "total_amount"), "4860000");
}

TEST(InvoiceExtractor, ItemsWithDottedLeadersAfterStartLabel) {
  Page p;
  p.line(100, "RS MUHAMMADIYAH PALEMBANG");
  p.line(200, "KWITANSI / TAGIHAN PASIEN", 600);
  p.line(300, "Telah terima dari");
  p.line(300, ": BUDI SANTOSO", 700);
  p.line(360, "Tanggal Masuk");
  p.line(360, ": 3 Maret 2026", 700);
  p.line(500, "Rincian Pelayanan:");
  p.line(560, "Visite Dokter ..............", 140);
  p.line(560, "Rp", 1300);
  p.line(560, "450.000,00", 1500);
  p.line(620, "Obat-obatan dan BHP .........", 140);
  p.line(620, "Rp", 1300);
  p.line(620, "1.200.000,00", 1500);
  p.line(760, "Grand Total", 900);
  p.line(760, "Rp1.650.000,00", 1500);
  const auto e = extract_invoice(p.rows(), 2026, load_invoice_templates(templates_dir() / "invoices"));
  EXPECT_EQ(value(e, "hospital"), "RS MUHAMMADIYAH PALEMBANG");
  EXPECT_EQ(value(e, "patient_name"), "BUDI SANTOSO");
  EXPECT_EQ(value(e, "admission_date"), "2026-03-03");
  EXPECT_EQ(value(e, "total_amount"), "1650000");
  ASSERT_EQ(e.tables.count("items"), 1u);
  const auto& items = e.tables.at("items");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("description").value, "VISITE DOKTER");
  EXPECT_EQ(items[0].at("amount").value, "450000");
  EXPECT_EQ(items[1].at("description").value, "OBAT-OBATAN DAN BHP");
  EXPECT_EQ(items[1].at("amount").value, "1200000");
}

// A clinic bill no template knows: unusual labels, the stay as one period,
// items between dashed rules without a header, "Total Bayar".
TEST(InvoiceExtractor, UnknownLayoutGoesThroughGenericFallback) {
  Page p;
  p.line(100, "KLINIK PRATAMA MEKAR SARI", 700);
  p.line(160, "Jl. Merdeka No. 8", 800);
  p.line(220, "------------------------------", 300);
  p.line(300, "Bill No.");
  p.line(300, ": SB/2026/09/7228", 500);
  p.line(360, "Pasien");
  p.line(360, ": PUJI NINGSIH", 500);
  p.line(420, "MR");
  p.line(420, ": 865905", 500);
  p.line(480, "Periode Rawat");
  p.line(480, ": 14/09/2026 s.d. 16/09/2026", 500);
  p.line(540, "------------------------------", 300);
  p.line(600, "Kamar Rawat Inap Kelas III (2 hari)");
  p.line(600, "300.000", 1800);
  p.line(660, "Persalinan Normal");
  p.line(660, "1.855.000", 1800);
  p.line(720, "CCO..U.C.CEOCOC.OC.OOC", 300);
  p.line(800, "Total Bayar");
  p.line(800, "Rp. 2.155.000", 1700);
  const auto rows = p.rows();
  EXPECT_EQ(match_invoice_template(rows, load_invoice_templates(templates_dir() / "invoices")), nullptr);
  const auto e = extract_invoice(rows, 2026, load_invoice_templates(templates_dir() / "invoices"));
  EXPECT_EQ(value(e, "hospital"), "KLINIK PRATAMA MEKAR SARI");
  EXPECT_EQ(value(e, "invoice_number"), "SB/2026/09/7228");
  EXPECT_EQ(value(e, "patient_name"), "PUJI NINGSIH");
  EXPECT_EQ(value(e, "medical_record_number"), "865905");
  EXPECT_EQ(value(e, "admission_date"), "2026-09-14");
  EXPECT_EQ(value(e, "discharge_date"), "2026-09-16");
  EXPECT_EQ(value(e, "total_amount"), "2155000");
  ASSERT_EQ(e.tables.count("items"), 1u);
  const auto& items = e.tables.at("items");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("description").value, "KAMAR RAWAT INAP KELAS III (2 HARI)");
  EXPECT_EQ(items[0].at("amount").value, "300000");
  EXPECT_EQ(items[1].at("amount").value, "1855000");
}

TEST(InvoiceExtractor, TemplateRecognisedByHospitalName) {
  Page p;
  p.line(100, "RSUD KAYUAGUNG", 900);
  p.line(300, "NO. TAGIHAN : RB-202611-02792");
  const auto t = load_invoice_templates(templates_dir() / "invoices");
  const auto* layout = match_invoice_template(p.rows(), t);
  ASSERT_NE(layout, nullptr);
  EXPECT_EQ(layout->name, "rsud-rincian");
  const auto e = extract_invoice(p.rows(), 2026, t);
  EXPECT_EQ(value(e, "hospital"), "RSUD KAYUAGUNG");
  EXPECT_EQ(value(e, "invoice_number"), "RB-202611-02792");
}

TEST(InvoiceExtractor, NothingFoundMeansAbsentFields) {
  Page p;
  p.line(100, "SURAT KETERANGAN");
  p.line(200, "Yang bertanda tangan di bawah ini");
  const auto e = extract_invoice(p.rows(), 2026, no_layouts());
  EXPECT_TRUE(e.fields.empty());
  EXPECT_TRUE(e.tables.empty());
}

}  // namespace
}  // namespace berkas
