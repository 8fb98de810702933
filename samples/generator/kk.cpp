// Kartu Keluarga: landscape A4, number, address block, two ruled member
// tables joined by row number, signatures.
#include <opencv2/imgproc.hpp>

#include "documents.hpp"
#include "page_layout.hpp"

namespace berkas::samples {

RenderedDocument render_kk(Rng& rng, const Household& hh) {
  RenderedDocument doc;
  doc.doc_type = "kk";
  doc.image = blank_sheet(rng, kA4Height, kA4Width);  // landscape
  // KK paper has a faint green-blue tint with a guilloche border.
  doc.image -= cv::Scalar(rng.uniform(0, 10), rng.uniform(0, 6), rng.uniform(6, 18));
  cv::rectangle(doc.image, {60, 60, doc.image.cols - 120, doc.image.rows - 120}, cv::Scalar(170, 190, 150), 6);
  Painter paint(doc.image);
  const FontFamily& font = sans_family(rng.uniform(0, 3));
  const FontFamily& mono = mono_family(rng.uniform(0, 2));
  const int W = doc.image.cols;
  const Residence& r = hh.residence;

  paint.text_centered("KARTU KELUARGA", W / 2, 190, font, Style::Bold, 84);
  {
    const std::string no_label = "No. ";
    const int nw = paint.width(no_label + hh.kk_number, mono, Style::Bold, 50);
    const int x0 = W / 2 - nw / 2;
    paint.text(no_label, {x0, 272}, mono, Style::Bold, 50);
    doc.fields["kk_number"] = {
        hh.kk_number,
        paint.text(hh.kk_number, {x0 + paint.width(no_label, mono, Style::Bold, 50), 272}, mono, Style::Bold, 50)};
  }
  const int h = 36;
  const LabelColumns left{170, 640, 670}, right{1880, 2270, 2300};
  int y = 370;
  doc.fields["head_name"] = {hh.head().name,
                             label_row(paint, left, y, "Nama Kepala Keluarga", hh.head().name, font, h)};
  doc.fields["district"] = {r.district, label_row(paint, right, y, "Kecamatan", r.district, font, h)};
  y += 52;
  doc.fields["address"] = {r.address, label_row(paint, left, y, "Alamat", r.address, font, h)};
  doc.fields["regency"] = {r.regency, label_row(paint, right, y, "Kabupaten/Kota", r.regency, font, h)};
  y += 52;
  doc.fields["rt_rw"] = {r.rt_rw, label_row(paint, left, y, "RT/RW", r.rt_rw, font, h)};
  doc.fields["postal_code"] = {r.postal_code, label_row(paint, right, y, "Kode Pos", r.postal_code, font, h)};
  y += 52;
  doc.fields["village"] = {r.village, label_row(paint, left, y, "Desa/Kelurahan", r.village, font, h)};
  doc.fields["province"] = {r.province, label_row(paint, right, y, "Provinsi", r.province, font, h)};

  const int rows = 10;
  std::vector<std::vector<std::string>> t1, t2;
  for (size_t i = 0; i < static_cast<size_t>(rows); ++i) {
    if (i < hh.members.size()) {
      const Person& m = hh.members[i];
      t1.push_back({std::to_string(i + 1), m.name, m.nik, sex_word(m.sex), m.birth_place, dd_mm_yyyy(m.birth_date),
                    m.religion, m.education, m.occupation, m.blood_type == "-" ? "TIDAK TAHU" : m.blood_type});
      t2.push_back(
          {std::to_string(i + 1), m.marital_status,
           m.marital_status == "KAWIN" ? dd_mm_yyyy(hh.kk_issued.plus_days(-400 - 37 * static_cast<long>(i))) : "-",
           m.relationship, "WNI", "-", "-", m.father_name, m.mother_name});
    } else {
      t1.push_back({std::to_string(i + 1)});
      t2.push_back({std::to_string(i + 1)});
    }
  }
  const std::vector<int> w1{90, 600, 420, 250, 330, 250, 220, 420, 430, 220};
  const std::vector<std::string> h1{"No",
                                    "Nama Lengkap",
                                    "NIK",
                                    "Jenis\nKelamin",
                                    "Tempat Lahir",
                                    "Tanggal\nLahir",
                                    "Agama",
                                    "Pendidikan",
                                    "Jenis Pekerjaan",
                                    "Golongan\nDarah"};
  auto table1 = ruled_table(paint, 170, 620, w1, h1, t1, font, 30, 52, 90);
  const std::vector<int> w2{90, 330, 300, 440, 300, 260, 260, 640, 640};
  const std::vector<std::string> h2{"No",
                                    "Status\nPerkawinan",
                                    "Tanggal\nPerkawinan",
                                    "Status Hubungan\nDalam Keluarga",
                                    "Kewarga-\nnegaraan",
                                    "No. Paspor",
                                    "No. KITAP",
                                    "Nama Ayah",
                                    "Nama Ibu"};
  auto table2 = ruled_table(paint, 170, table1.bottom + 60, w2, h2, t2, font, 30, 52, 90);

  auto& members = doc.tables["members"];
  const std::vector<std::string> keys{"",           "name",     "nik",       "sex",       "birth_place",
                                      "birth_date", "religion", "education", "occupation"};
  for (size_t i = 0; i < hh.members.size(); ++i) {
    const Person& m = hh.members[i];
    const std::vector<std::string> values{
        "",         m.name,      m.nik,       std::string(1, m.sex), m.birth_place, m.birth_date.iso(),
        m.religion, m.education, m.occupation};
    TruthRow row;
    for (size_t c = 1; c < keys.size(); ++c) row[keys[c]] = {values[c], table1.cells[i][c]};
    row["relationship"] = {m.relationship, table2.cells[i][3]};
    members.push_back(std::move(row));
  }

  y = table2.bottom + 70;
  const int fh = 32;
  doc.fields["issue_date"] = {hh.kk_issued.iso(), label_row(paint, {170, 520, 550}, y, "Dikeluarkan Tanggal",
                                                            dd_mm_yyyy(hh.kk_issued), font, fh)};
  signature_block(paint, rng, 900, y + 60, {"KEPALA KELUARGA"}, hh.head().name, "", font, fh, "");
  std::string regency = r.regency;
  signature_block(paint, rng, 2700, y + 10, {"KEPALA DINAS KEPENDUDUKAN DAN", "PENCATATAN SIPIL " + regency},
                  std::string(rng.chance(0.5)   ? "DRS. H. SUTARMAN, M.SI"
                              : rng.chance(0.5) ? "HERU PRASETYO, S.STP, M.M"
                                                : "Hj. ROSMIATI, S.SOS"),
                  "19" + std::to_string(rng.uniform(60, 79)) + "0" + std::to_string(rng.uniform(1, 9)) +
                      "12 199003 1 00" + std::to_string(rng.uniform(1, 9)),
                  font, fh, "");
  return doc;
}

}  // namespace berkas::samples
