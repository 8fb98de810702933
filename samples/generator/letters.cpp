// A4 letters: the SKTM from a village office, other letters a berkas may
// carry (referral, inpatient certificate, ...), and separator sheets.
#include <qrencode.h>

#include <opencv2/imgproc.hpp>

#include "documents.hpp"
#include "page_layout.hpp"

namespace berkas::samples {
namespace {

std::string title_case(const std::string& s) {
  std::string out = s;
  bool start = true;
  for (char& c : out) {
    c = start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
              : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    start = c == ' ' || c == '-' || c == '(';
  }
  return out;
}

}  // namespace

RenderedDocument render_sktm(Rng& rng, const Person& p, const Residence& r, const SktmLetter& letter) {
  RenderedDocument doc;
  doc.doc_type = "sktm";
  doc.image = blank_sheet(rng);
  Painter paint(doc.image);
  const FontFamily& font = rng.chance(0.6) ? serif_family(rng.uniform(0, 2)) : sans_family(rng.uniform(0, 3));
  const std::string office = r.village_is_kelurahan ? "KELURAHAN" : "DESA";
  const std::string head = r.village_is_kelurahan ? "Lurah" : "Kepala Desa";
  const std::string office_prefix = r.village_is_kelurahan ? "KANTOR LURAH " : "KANTOR KEPALA DESA ";
  std::vector<cv::Rect2f> head_boxes;
  int y = letterhead(paint, rng, {"PEMERINTAH " + r.regency, "KECAMATAN " + r.district, office_prefix + r.village},
                     "Alamat: Jl. " + title_case(r.village) + " No. " + std::to_string(rng.uniform(1, 99)) +
                         " Kode Pos " + r.postal_code,
                     font, 180, &head_boxes);
  {
    // The issuer is the village named in the letterhead's office line.
    const cv::Rect2f line = head_boxes.back();
    const float prefix = static_cast<float>(paint.width(office_prefix, font, Style::Bold, 66));
    doc.fields["issuer"] = {r.village, {line.x + prefix, line.y, line.width - prefix, line.height}};
  }
  y += 150;
  cv::Rect2f title = paint.text_centered("SURAT KETERANGAN TIDAK MAMPU", kA4Width / 2, y, font, Style::Bold, 54);
  paint.rule({static_cast<int>(title.x), y + 10}, {static_cast<int>(title.x + title.width), y + 10}, 4);
  y += 70;
  {
    const std::string prefix = "Nomor : ";
    const int h = 40;
    const int total = paint.width(prefix + letter.letter_number, font, Style::Regular, h);
    const int x0 = kA4Width / 2 - total / 2;
    paint.text(prefix, {x0, y}, font, Style::Regular, h);
    doc.fields["letter_number"] = {
        letter.letter_number, paint.text(letter.letter_number, {x0 + paint.width(prefix, font, Style::Regular, h), y},
                                         font, Style::Regular, h)};
  }
  const int h = 42, gap = 66, left = 260, width = kA4Width - 2 * left;
  y += 130;
  y = paragraph(paint,
                "Yang bertanda tangan di bawah ini " + head + " " + title_case(r.village) + " Kecamatan " +
                    title_case(r.district) + " " + title_case(r.regency) + ", dengan ini menerangkan bahwa :",
                left, y, width, font, h, gap);
  y += gap + 30;
  const LabelColumns cols{left + 80, left + 620, left + 660};
  doc.fields["name"] = {p.name, label_row(paint, cols, y, "Nama", p.name, font, h, Style::Bold)};
  y += gap;
  doc.fields["nik"] = {p.nik, label_row(paint, cols, y, rng.chance(0.5) ? "NIK" : "No. NIK", p.nik, font, h)};
  y += gap;
  {
    const bool long_form = rng.chance(0.5);
    const std::string date_text = long_form ? long_date(p.birth_date) : dd_mm_yyyy(p.birth_date);
    paint.text("Tempat/Tgl. Lahir", {cols.label_x, y}, font, Style::Regular, h);
    paint.text(":", {cols.colon_x, y}, font, Style::Regular, h);
    cv::Rect2f place = paint.text(p.birth_place + ",", {cols.value_x, y}, font, Style::Regular, h);
    const float comma = static_cast<float>(paint.width(",", font, Style::Regular, h));
    doc.fields["birth_place"] = {p.birth_place, {place.x, place.y, place.width - comma, place.height}};
    doc.fields["birth_date"] = {
        p.birth_date.iso(),
        paint.text(date_text, {cols.value_x + static_cast<int>(place.width) + 14, y}, font, Style::Regular, h)};
  }
  y += gap;
  doc.fields["sex"] = {std::string(1, p.sex),
                       label_row(paint, cols, y, "Jenis Kelamin", title_case(sex_word(p.sex)), font, h)};
  y += gap;
  label_row(paint, cols, y, "Agama", title_case(p.religion), font, h);
  y += gap;
  label_row(paint, cols, y, "Pekerjaan", title_case(p.occupation), font, h);
  y += gap;
  {
    const std::string address = r.address + " RT/RW " + r.rt_rw + " " + office + " " + r.village;
    paint.text("Alamat", {cols.label_x, y}, font, Style::Regular, h);
    paint.text(":", {cols.colon_x, y}, font, Style::Regular, h);
    auto lines = wrap_words(paint, address, font, Style::Regular, h, kA4Width - left - cols.value_x);
    cv::Rect2f box;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) y += gap;
      box = unite(box, paint.text(lines[i], {cols.value_x, y}, font, Style::Regular, h));
    }
    doc.fields["address"] = {address, box};
  }
  y += gap + 40;
  y = paragraph(paint,
                "Orang tersebut di atas adalah benar warga " + title_case(office) + " " + title_case(r.village) +
                    " dan menurut pengamatan kami keadaan sosial ekonominya tergolong keluarga tidak mampu "
                    "(miskin). Surat keterangan ini diberikan untuk keperluan :",
                left, y, width, font, h, gap);
  y += gap + 20;
  {
    auto lines = wrap_words(paint, letter.purpose, font, Style::Bold, h, width - 160);
    cv::Rect2f box;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) y += gap;
      box = unite(box, paint.text_centered(lines[i], kA4Width / 2, y, font, Style::Bold, h));
    }
    doc.fields["purpose"] = {letter.purpose, box};
  }
  y += gap + 40;
  y = paragraph(paint,
                "Demikian surat keterangan ini kami buat dengan sebenarnya untuk dapat dipergunakan "
                "sebagaimana mestinya.",
                left, y, width, font, h, gap);
  y += 150;
  const int cx = 1750;
  const std::string place = title_case(r.village) + ", ";
  cv::Rect2f line = paint.text_centered(place + long_date(letter.issue_date), cx, y, font, Style::Regular, h);
  const float pw = static_cast<float>(paint.width(place, font, Style::Regular, h));
  doc.fields["issue_date"] = {letter.issue_date.iso(), {line.x + pw, line.y, line.width - pw, line.height}};
  signature_block(paint, rng, cx, y + h + 20, {head + " " + title_case(r.village)}, letter.village_head, "", font, h,
                  office + " " + r.village);
  return doc;
}

RenderedDocument render_other_letter(Rng& rng, const std::string& title, const Person& p, const Residence& r,
                                     const Date& date) {
  RenderedDocument doc;
  doc.doc_type = "other";
  doc.image = blank_sheet(rng);
  Painter paint(doc.image);
  const FontFamily& font = rng.chance(0.5) ? serif_family(rng.uniform(0, 2)) : sans_family(rng.uniform(0, 3));
  int y = letterhead(paint, rng, {"PEMERINTAH " + r.regency, "DINAS KESEHATAN", "UPTD PUSKESMAS " + r.district},
                     "Kecamatan " + title_case(r.district) + ", " + title_case(r.regency), font, 180);
  y += 160;
  cv::Rect2f tbox = paint.text_centered(title, kA4Width / 2, y, font, Style::Bold, 52);
  paint.rule({static_cast<int>(tbox.x), y + 10}, {static_cast<int>(tbox.x + tbox.width), y + 10}, 4);
  doc.fields["title"] = {title, tbox};
  y += 70;
  paint.text_centered("Nomor : 445/" + std::to_string(rng.uniform(10, 999)) + "/PKM/" + std::to_string(date.year),
                      kA4Width / 2, y, font, Style::Regular, 40);
  const int h = 42, gap = 66, left = 260, width = kA4Width - 2 * left;
  y += 140;
  y = paragraph(paint, "Yang bertanda tangan di bawah ini menerangkan bahwa pasien :", left, y, width, font, h, gap);
  const LabelColumns cols{left + 80, left + 620, left + 660};
  y += gap + 20;
  label_row(paint, cols, y, "Nama", p.name, font, h);
  y += gap;
  label_row(paint, cols, y, "Umur", std::to_string(date.year - p.birth_date.year) + " tahun", font, h);
  y += gap;
  label_row(paint, cols, y, "Alamat", r.address, font, h);
  y += gap + 40;
  static constexpr std::string_view kBodies[] = {
      "Memerlukan pemeriksaan dan penanganan lebih lanjut di rumah sakit rujukan sesuai dengan kondisi klinis "
      "pasien. Mohon pemeriksaan dan penatalaksanaan selanjutnya.",
      "Telah menjalani perawatan dan pemeriksaan sesuai dengan keterangan di atas. Keterangan ini dibuat untuk "
      "melengkapi persyaratan administrasi jaminan kesehatan.",
      "Diagnosa kerja: observasi. Terapi yang telah diberikan tercatat dalam rekam medis. Atas perhatian dan "
      "kerja samanya diucapkan terima kasih."};
  y = paragraph(paint, std::string(rng.pick(std::span<const std::string_view>(kBodies))), left, y, width, font, h, gap);
  y += 180;
  signature_block(paint, rng, 1750, y, {title_case(r.district) + ", " + long_date(date), "Dokter Pemeriksa"},
                  "dr. " + std::string(rng.chance(0.5) ? "ANDI PRATAMA" : "SRI HANDAYANI"), "", font, h, "");
  return doc;
}

RenderedDocument render_separator(Rng& rng, const std::string& case_id) {
  RenderedDocument doc;
  doc.doc_type = "separator";
  doc.image = blank_sheet(rng);
  Painter paint(doc.image);
  const FontFamily& font = sans_family(0);
  paint.text_centered("LEMBAR PEMISAH BERKAS", kA4Width / 2, 420, font, Style::Bold, 110);
  paint.text_centered("Letakkan lembar ini di depan berkas setiap kasus sebelum dipindai.", kA4Width / 2, 560, font,
                      Style::Regular, 46);
  const std::string payload = "BERKAS-SEP:" + case_id;
  QRcode* qr = QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  const int module = 36, size = qr->width * module, x0 = (kA4Width - size) / 2, y0 = 800;
  for (int yy = 0; yy < qr->width; ++yy)
    for (int xx = 0; xx < qr->width; ++xx)
      if (qr->data[yy * qr->width + xx] & 1)
        cv::rectangle(doc.image, {x0 + xx * module, y0 + yy * module, module, module}, cv::Scalar(0, 0, 0), -1);
  QRcode_free(qr);
  const int y = y0 + size + 330;
  doc.fields["case_id"] = {case_id, paint.text_centered(case_id, kA4Width / 2, y, font, Style::Bold, 260)};
  paint.text_centered("Nomor Kasus", kA4Width / 2, y - 330 + 60, font, Style::Regular, 54);
  (void)rng;
  return doc;
}

}  // namespace berkas::samples
