// Hospital bills in four layouts: each hospital prints its own.
#include <opencv2/imgproc.hpp>

#include "documents.hpp"
#include "page_layout.hpp"

namespace berkas::samples {
namespace {

// "Label : value" where value's truth differs from its printed text.
void field_row(RenderedDocument& doc, Painter& paint, const LabelColumns& cols, int y, std::string_view label,
               const std::string& key, const std::string& printed, const std::string& truth, const FontFamily& font,
               int h) {
  doc.fields[key] = {truth, label_row(paint, cols, y, label, printed, font, h)};
}

void items_truth(RenderedDocument& doc, const HospitalBill& bill, const TableBoxes& t, size_t desc_col,
                 size_t amount_col) {
  auto& items = doc.tables["items"];
  for (size_t i = 0; i < bill.items.size(); ++i)
    items.push_back({{"description", {bill.items[i].description, t.cells[i][desc_col]}},
                     {"amount", {std::to_string(bill.items[i].amount), t.cells[i][amount_col]}}});
}

// RSUD style: centred letterhead, "RINCIAN BIAYA", two info columns, ruled
// items table, "TOTAL : Rp 4.350.000,-".
void layout_rsud(RenderedDocument& doc, Painter& paint, Rng& rng, const HospitalBill& bill) {
  const FontFamily& font = sans_family(rng.uniform(0, 3));
  int y = letterhead(paint, rng, {"PEMERINTAH DAERAH", bill.hospital}, bill.hospital_address, font, 160);
  y += 140;
  paint.text_centered("RINCIAN BIAYA PERAWATAN PASIEN RAWAT INAP", kA4Width / 2, y, font, Style::Bold, 50);
  const int h = 38;
  const LabelColumns left{220, 640, 670}, right{1400, 1750, 1780};
  y += 120;
  field_row(doc, paint, left, y, "No. Tagihan", "invoice_number", bill.invoice_number, bill.invoice_number, font, h);
  field_row(doc, paint, right, y, "Tgl. Masuk", "admission_date", dd_mm_yyyy(bill.admission), bill.admission.iso(),
            font, h);
  y += 62;
  field_row(doc, paint, left, y, "Nama Pasien", "patient_name", bill.patient_name, bill.patient_name, font, h);
  field_row(doc, paint, right, y, "Tgl. Keluar", "discharge_date", dd_mm_yyyy(bill.discharge), bill.discharge.iso(),
            font, h);
  y += 62;
  field_row(doc, paint, left, y, "No. RM", "medical_record_number", bill.medical_record_number,
            bill.medical_record_number, font, h);
  label_row(paint, right, y, "Kelas", "III", font, h);
  y += 90;
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < bill.items.size(); ++i)
    rows.push_back({std::to_string(i + 1), bill.items[i].description, rupiah(bill.items[i].amount)});
  auto t = ruled_table(paint, 220, y, {120, 1380, 540}, {"No", "Uraian", "Jumlah (Rp)"}, rows, font, 36, 70, 80,
                       {false, false, true});
  items_truth(doc, bill, t, 1, 2);
  y = t.bottom + 90;
  paint.text("TOTAL", {1200, y}, font, Style::Bold, 44);
  doc.fields["total_amount"] = {std::to_string(bill.total()),
                                paint.text_right("Rp " + rupiah(bill.total()) + ",-", 2250, y, font, Style::Bold, 44)};
  doc.fields["hospital"] = {bill.hospital, {}};
  signature_block(paint, rng, 1800, y + 200, {long_date(bill.discharge), "Petugas Kasir"}, "NURHAYATI", "", font, h,
                  "");
}

// Private hospital "KWITANSI": name left with a logo, dotted leaders for
// items, long Indonesian dates, "Grand Total Rp4.350.000,00".
void layout_kwitansi(RenderedDocument& doc, Painter& paint, Rng& rng, const HospitalBill& bill) {
  const FontFamily& font = serif_family(rng.uniform(0, 2));
  cv::circle(paint.image(), {300, 300}, 110, cv::Scalar(60, 140, 40), -1, cv::LINE_AA);
  cv::rectangle(paint.image(), {280, 220, 40, 160}, cv::Scalar(255, 255, 255), -1);
  cv::rectangle(paint.image(), {220, 280, 160, 40}, cv::Scalar(255, 255, 255), -1);
  doc.fields["hospital"] = {bill.hospital, paint.text(bill.hospital, {470, 290}, font, Style::Bold, 70)};
  paint.text(bill.hospital_address, {470, 360}, font, Style::Regular, 34);
  paint.rule({200, 450}, {2280, 450}, 5);
  int y = 590;
  paint.text_centered("KWITANSI / TAGIHAN PASIEN", kA4Width / 2, y, font, Style::Bold, 56);
  const int h = 40;
  const LabelColumns cols{260, 800, 840};
  y += 130;
  field_row(doc, paint, cols, y, "Nomor Kwitansi", "invoice_number", bill.invoice_number, bill.invoice_number, font, h);
  y += 66;
  field_row(doc, paint, cols, y, "Telah terima dari", "patient_name", bill.patient_name, bill.patient_name, font, h);
  y += 66;
  field_row(doc, paint, cols, y, "No. Rekam Medis", "medical_record_number", bill.medical_record_number,
            bill.medical_record_number, font, h);
  y += 66;
  field_row(doc, paint, cols, y, "Tanggal Masuk", "admission_date", long_date(bill.admission), bill.admission.iso(),
            font, h);
  y += 66;
  field_row(doc, paint, cols, y, "Tanggal Keluar", "discharge_date", long_date(bill.discharge), bill.discharge.iso(),
            font, h);
  y += 120;
  paint.text("Rincian Pelayanan:", {260, y}, font, Style::Bold, h);
  auto& items = doc.tables["items"];
  for (const auto& item : bill.items) {
    y += 66;
    cv::Rect2f d = paint.text(item.description, {300, y}, font, Style::Regular, h);
    std::string dots;
    const int dot_w = std::max(1, paint.width(".", font, Style::Regular, h));
    for (int x = static_cast<int>(d.x + d.width) + 20; x < 1700; x += dot_w) dots += '.';
    paint.text(dots, {static_cast<int>(d.x + d.width) + 20, y}, font, Style::Regular, h);
    paint.text("Rp", {1730, y}, font, Style::Regular, h);
    cv::Rect2f a = paint.text_right(rupiah(item.amount) + ",00", 2200, y, font, Style::Regular, h);
    items.push_back({{"description", {item.description, d}}, {"amount", {std::to_string(item.amount), a}}});
  }
  y += 40;
  paint.rule({1700, y}, {2220, y}, 3);
  y += 80;
  paint.text("Grand Total", {1200, y}, font, Style::Bold, 46);
  doc.fields["total_amount"] = {std::to_string(bill.total()),
                                paint.text_right("Rp" + rupiah(bill.total()) + ",00", 2200, y, font, Style::Bold, 46)};
  signature_block(paint, rng, 1750, y + 220, {"Bagian Keuangan"}, "RINA MARLINA, S.E.", "", font, h, bill.hospital);
}

// Central hospital: boxed grid of small labels above values, items with
// code/qty/tariff/subtotal, "JUMLAH TAGIHAN".
void layout_grid(RenderedDocument& doc, Painter& paint, Rng& rng, const HospitalBill& bill) {
  const FontFamily& font = sans_family(rng.uniform(0, 3));
  doc.fields["hospital"] = {bill.hospital, paint.text(bill.hospital, {200, 260}, font, Style::Bold, 62)};
  paint.text(bill.hospital_address, {200, 330}, font, Style::Regular, 32);
  paint.text_right("TAGIHAN PASIEN", 2280, 260, font, Style::Bold, 62, cv::Scalar(120, 60, 20));
  paint.rule({200, 380}, {2280, 380}, 6, cv::Scalar(120, 60, 20));
  const int x0 = 200, cw = 693, ch = 150, y0 = 470;
  struct Cell {
    std::string label, key, printed, truth;
  };
  const std::vector<Cell> cells{
      {"NO. INVOICE", "invoice_number", bill.invoice_number, bill.invoice_number},
      {"NO. REKAM MEDIS", "medical_record_number", bill.medical_record_number, bill.medical_record_number},
      {"CARA BAYAR", "", "JAMINAN DAERAH", ""},
      {"NAMA PASIEN", "patient_name", bill.patient_name, bill.patient_name},
      {"TANGGAL MASUK", "admission_date", dd_mm_yyyy(bill.admission, '/'), bill.admission.iso()},
      {"TANGGAL KELUAR", "discharge_date", dd_mm_yyyy(bill.discharge, '/'), bill.discharge.iso()}};
  for (size_t i = 0; i < cells.size(); ++i) {
    const int cx = x0 + static_cast<int>(i % 3) * cw, cy = y0 + static_cast<int>(i / 3) * ch;
    cv::rectangle(paint.image(), {cx, cy, cw, ch}, cv::Scalar(60, 60, 60), 3);
    paint.text(cells[i].label, {cx + 20, cy + 45}, font, Style::Regular, 28, cv::Scalar(90, 90, 90));
    int h = 40;
    while (h > 20 && paint.width(cells[i].printed, font, Style::Bold, h) > cw - 40) --h;
    cv::Rect2f box = paint.text(cells[i].printed, {cx + 20, cy + 115}, font, Style::Bold, h);
    if (!cells[i].key.empty()) doc.fields[cells[i].key] = {cells[i].truth, box};
  }
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < bill.items.size(); ++i) {
    const long qty = rng.uniform(1, 5);
    const bool divisible = bill.items[i].amount % qty == 0;
    rows.push_back({"L" + std::to_string(100 + i * 7), bill.items[i].description, divisible ? std::to_string(qty) : "1",
                    rupiah(divisible ? bill.items[i].amount / qty : bill.items[i].amount),
                    rupiah(bill.items[i].amount)});
  }
  auto t = ruled_table(paint, 200, y0 + 2 * ch + 90, {200, 980, 160, 370, 370},
                       {"Kode", "Layanan", "Qty", "Tarif", "Subtotal"}, rows, font, 34, 66, 76,
                       {false, false, true, true, true});
  items_truth(doc, bill, t, 1, 4);
  const int y = t.bottom + 110;
  cv::rectangle(paint.image(), {1250, y - 70, 1030, 110}, cv::Scalar(60, 60, 60), 3);
  paint.text("JUMLAH TAGIHAN", {1280, y}, font, Style::Bold, 40);
  doc.fields["total_amount"] = {std::to_string(bill.total()),
                                paint.text_right("Rp " + rupiah(bill.total()) + ",00", 2250, y, font, Style::Bold, 44)};
  paint.text("Dokumen ini dicetak oleh Sistem Informasi Rumah Sakit dan sah tanpa tanda tangan basah.", {200, y + 200},
             font, Style::Italic, 30);
}

// A clinic layout with wording no template knows: "Bill No.", "Pasien",
// "MR", "Periode Rawat : 01/02/2026 s.d. 05/02/2026", "Total Bayar".
void layout_clinic(RenderedDocument& doc, Painter& paint, Rng& rng, const HospitalBill& bill) {
  const FontFamily& font = mono_family(rng.uniform(0, 2));
  doc.fields["hospital"] = {bill.hospital,
                            paint.text_centered(bill.hospital, kA4Width / 2, 260, font, Style::Bold, 60)};
  paint.text_centered(bill.hospital_address, kA4Width / 2, 330, font, Style::Regular, 32);
  std::string dashes(60, '-');
  paint.text_centered(dashes, kA4Width / 2, 400, font, Style::Regular, 36);
  const int h = 38;
  const LabelColumns cols{240, 620, 650};
  int y = 520;
  field_row(doc, paint, cols, y, "Bill No.", "invoice_number", bill.invoice_number, bill.invoice_number, font, h);
  y += 62;
  field_row(doc, paint, cols, y, "Pasien", "patient_name", bill.patient_name, bill.patient_name, font, h);
  y += 62;
  field_row(doc, paint, cols, y, "MR", "medical_record_number", bill.medical_record_number, bill.medical_record_number,
            font, h);
  y += 62;
  paint.text("Periode Rawat", {cols.label_x, y}, font, Style::Regular, h);
  paint.text(":", {cols.colon_x, y}, font, Style::Regular, h);
  cv::Rect2f a = paint.text(dd_mm_yyyy(bill.admission, '/'), {cols.value_x, y}, font, Style::Regular, h);
  cv::Rect2f sd = paint.text("s.d.", {static_cast<int>(a.x + a.width) + 24, y}, font, Style::Regular, h);
  cv::Rect2f d =
      paint.text(dd_mm_yyyy(bill.discharge, '/'), {static_cast<int>(sd.x + sd.width) + 24, y}, font, Style::Regular, h);
  doc.fields["admission_date"] = {bill.admission.iso(), a};
  doc.fields["discharge_date"] = {bill.discharge.iso(), d};
  y += 60;
  paint.text_centered(dashes, kA4Width / 2, y, font, Style::Regular, 36);
  auto& items = doc.tables["items"];
  for (const auto& item : bill.items) {
    y += 62;
    cv::Rect2f desc = paint.text(item.description, {240, y}, font, Style::Regular, h);
    cv::Rect2f amt = paint.text_right(rupiah(item.amount), 2240, y, font, Style::Regular, h);
    items.push_back({{"description", {item.description, desc}}, {"amount", {std::to_string(item.amount), amt}}});
  }
  y += 60;
  paint.text_centered(dashes, kA4Width / 2, y, font, Style::Regular, 36);
  y += 80;
  paint.text("Total Bayar", {240, y}, font, Style::Bold, 44);
  doc.fields["total_amount"] = {std::to_string(bill.total()),
                                paint.text_right("Rp. " + rupiah(bill.total()), 2240, y, font, Style::Bold, 44)};
  signature_block(paint, rng, 1750, y + 200, {"Kasir"}, "DEWI SARTIKA", "", font, h, "");
}

}  // namespace

RenderedDocument render_invoice(Rng& rng, const HospitalBill& bill, int layout) {
  RenderedDocument doc;
  doc.doc_type = "invoice";
  doc.image = blank_sheet(rng);
  Painter paint(doc.image);
  switch (layout % kBillLayouts) {
    case 0:
      doc.layout = "rsud-rincian";
      layout_rsud(doc, paint, rng, bill);
      break;
    case 1:
      doc.layout = "swasta-kwitansi";
      layout_kwitansi(doc, paint, rng, bill);
      break;
    case 2:
      doc.layout = "rsup-grid";
      layout_grid(doc, paint, rng, bill);
      break;
    default:
      doc.layout = "klinik-untemplated";
      layout_clinic(doc, paint, rng, bill);
      break;
  }
  return doc;
}

}  // namespace berkas::samples
