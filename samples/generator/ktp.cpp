// e-KTP front side, 85.6 x 54 mm at 300 dpi.
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "documents.hpp"
#include "painter.hpp"

namespace berkas::samples {
namespace {

constexpr int kWidth = 1011, kHeight = 638;

void card_background(cv::Mat& img, Rng& rng) {
  // Pale blue with a darker band at the top and fine guilloche waves.
  for (int y = 0; y < img.rows; ++y) {
    const double t = static_cast<double>(y) / img.rows;
    const cv::Vec3b c(static_cast<uchar>(235 - 25 * (1 - t)), static_cast<uchar>(222 - 20 * (1 - t)),
                      static_cast<uchar>(190 - 30 * (1 - t)));
    img.row(y).setTo(cv::Scalar(c[0], c[1], c[2]));
  }
  const double phase = rng.real(0, 6.28);
  for (int k = 0; k < 28; ++k) {
    std::vector<cv::Point> pts;
    for (int x = 0; x < img.cols; x += 6)
      pts.emplace_back(x, static_cast<int>(k * 24 + 12 * std::sin(x / 55.0 + k * 0.6 + phase)));
    cv::polylines(img, pts, false, cv::Scalar(225, 200, 160), 1, cv::LINE_AA);
  }
  cv::circle(img, {img.cols / 2, img.rows / 2 + 30}, 170, cv::Scalar(228, 208, 172), 2, cv::LINE_AA);
  cv::circle(img, {img.cols / 2, img.rows / 2 + 30}, 120, cv::Scalar(228, 208, 172), 1, cv::LINE_AA);
}

void portrait(cv::Mat& img, Rng& rng, cv::Rect area, char sex) {
  const bool red = rng.chance(0.5);
  img(area).setTo(red ? cv::Scalar(50, 40, 190) : cv::Scalar(190, 110, 40));
  const cv::Point head(area.x + area.width / 2, area.y + area.height * 2 / 5);
  const cv::Scalar skin(rng.uniform(90, 150), rng.uniform(130, 180), rng.uniform(170, 220));
  cv::ellipse(img, {head.x, area.y + area.height}, {area.width / 2, area.height * 2 / 5}, 0, 180, 360,
              rng.chance(0.5) ? cv::Scalar(30, 30, 30) : cv::Scalar(235, 235, 235), -1, cv::LINE_AA);
  cv::ellipse(img, head, {area.width / 5, area.height / 4}, 0, 0, 360, skin, -1, cv::LINE_AA);
  if (sex == 'F' && rng.chance(0.7))  // headscarf
    cv::ellipse(img, {head.x, head.y + 10}, {area.width / 4 + 6, area.height / 3}, 0, 180, 360,
                cv::Scalar(rng.uniform(40, 200), rng.uniform(40, 200), rng.uniform(40, 200)), 14, cv::LINE_AA);
  else
    cv::ellipse(img, {head.x, head.y - area.height / 12}, {area.width / 5 + 2, area.height / 7}, 0, 180, 360,
                cv::Scalar(25, 25, 25), -1, cv::LINE_AA);
}

}  // namespace

RenderedDocument render_ktp(Rng& rng, const Person& p, const Residence& r, const Date& issued) {
  RenderedDocument doc;
  doc.doc_type = "ktp";
  doc.is_card = true;
  doc.image = cv::Mat(kHeight, kWidth, CV_8UC3);
  card_background(doc.image, rng);
  Painter paint(doc.image);
  const FontFamily& font = sans_family(rng.uniform(0, 3));
  const FontFamily& nik_font = mono_family(rng.uniform(0, 2));
  const cv::Scalar ink(rng.uniform(10, 40), rng.uniform(10, 40), rng.uniform(10, 40));

  const std::string province_line = "PROVINSI " + r.province;
  std::string regency_line = r.regency;
  doc.fields["province"] = {r.province, {}};
  doc.fields["regency"] = {r.regency, {}};
  const int header_h = rng.uniform(27, 31);
  cv::Rect2f pbox = paint.text_centered(province_line, kWidth / 2, 48, font, Style::Bold, header_h, ink);
  // The value is the part after "PROVINSI ".
  const float prefix_w = static_cast<float>(paint.width("PROVINSI ", font, Style::Bold, header_h));
  doc.fields["province"].box = {pbox.x + prefix_w, pbox.y, pbox.width - prefix_w, pbox.height};
  doc.fields["regency"].box = paint.text_centered(regency_line, kWidth / 2, 84, font, Style::Bold, header_h, ink);

  const int label_x = 28, colon_x = rng.uniform(236, 252), value_x = colon_x + 16;
  const int nik_h = rng.uniform(34, 38);
  paint.text("NIK", {label_x, 136}, font, Style::Bold, 30, ink);
  paint.text(":", {colon_x - 6, 136}, font, Style::Bold, 30, ink);
  doc.fields["nik"] = {p.nik, paint.text(p.nik, {value_x, 138}, nik_font, Style::Bold, nik_h, ink)};

  const int h = rng.uniform(21, 23);
  int y = 180;
  int step = 29;
  const int max_value_w = 690 - value_x;
  auto address_lines = wrap_words(paint, r.address, font, Style::Regular, h, max_value_w);
  if (address_lines.size() > 1) step = 27;

  auto row = [&](std::string_view label, int indent) {
    paint.text(label, {label_x + indent, y}, font, Style::Regular, h, ink);
    paint.text(":", {colon_x, y}, font, Style::Regular, h, ink);
  };
  auto value = [&](const std::string& field, const std::string& text, int x) {
    doc.fields[field] = {text, paint.text(text, {x, y}, font, Style::Regular, h, ink)};
  };

  static constexpr std::string_view kBirthLabels[] = {"Tempat/Tgl Lahir", "Tempat / Tgl. Lahir", "Tempat/Tgl. Lahir"};
  row("Nama", 0);
  value("name", p.name, value_x);
  y += step;
  row(kBirthLabels[rng.uniform(0, 2)], 0);
  {
    const std::string place = p.birth_place + ",";
    cv::Rect2f b = paint.text(place, {value_x, y}, font, Style::Regular, h, ink);
    const float comma = static_cast<float>(paint.width(",", font, Style::Regular, h));
    doc.fields["birth_place"] = {p.birth_place, {b.x, b.y, b.width - comma, b.height}};
    const int date_x = value_x + static_cast<int>(b.width) + paint.width(" ", font, Style::Regular, h);
    doc.fields["birth_date"] = {p.birth_date.iso(),
                                paint.text(dd_mm_yyyy(p.birth_date), {date_x, y}, font, Style::Regular, h, ink)};
  }
  y += step;
  row("Jenis Kelamin", 0);
  doc.fields["sex"] = {std::string(1, p.sex), paint.text(sex_word(p.sex), {value_x, y}, font, Style::Regular, h, ink)};
  {
    const int gx = value_x + rng.uniform(225, 255);
    const std::string_view blood_label = rng.chance(0.7) ? "Gol. Darah" : "Gol Darah";
    cv::Rect2f lb = paint.text(blood_label, {gx, y}, font, Style::Regular, h, ink);
    const int bx = static_cast<int>(lb.x + lb.width) + 10;
    paint.text(":", {bx, y}, font, Style::Regular, h, ink);
    doc.fields["blood_type"] = {p.blood_type, paint.text(p.blood_type, {bx + 16, y}, font, Style::Regular, h, ink)};
  }
  y += step;
  row("Alamat", 0);
  {
    cv::Rect2f box;
    for (size_t i = 0; i < address_lines.size(); ++i) {
      if (i > 0) y += step;
      box = unite(box, paint.text(address_lines[i], {value_x, y}, font, Style::Regular, h, ink));
    }
    doc.fields["address"] = {r.address, box};
  }
  y += step;
  row("RT/RW", 32);
  value("rt_rw", r.rt_rw, value_x);
  y += step;
  row(rng.chance(0.6) ? "Kel/Desa" : "Kel / Desa", 32);
  value("village", r.village, value_x);
  y += step;
  row("Kecamatan", 32);
  value("district", r.district, value_x);
  y += step;
  row("Agama", 0);
  {
    // Some cards print older spellings; the truth is the standard word.
    std::string printed = p.religion;
    if (printed == "KATOLIK" && rng.chance(0.4)) printed = "KATHOLIK";
    if (printed == "BUDDHA" && rng.chance(0.4)) printed = "BUDHA";
    doc.fields["religion"] = {p.religion, paint.text(printed, {value_x, y}, font, Style::Regular, h, ink)};
  }
  y += step;
  row("Status Perkawinan", 0);
  value("marital_status", p.marital_status, value_x);
  y += step;
  row("Pekerjaan", 0);
  value("occupation", p.occupation, value_x);
  y += step;
  row("Kewarganegaraan", 0);
  value("nationality", "WNI", value_x);
  y += step;
  row("Berlaku Hingga", 0);
  {
    const bool lifetime = issued.year >= 2016 || rng.chance(0.3);
    const Date until{issued.year + 5, p.birth_date.month, std::min(p.birth_date.day, 28)};
    doc.fields["valid_until"] = {
        lifetime ? "SEUMUR HIDUP" : until.iso(),
        paint.text(lifetime ? "SEUMUR HIDUP" : dd_mm_yyyy(until), {value_x, y}, font, Style::Regular, h, ink)};
  }

  const cv::Rect photo(rng.uniform(735, 755), 150, 205, 265);
  portrait(doc.image, rng, photo, p.sex);
  const int cx = photo.x + photo.width / 2;
  std::string issue_place = r.regency;
  if (issue_place.rfind("KABUPATEN ", 0) == 0) issue_place = "KAB. " + issue_place.substr(10);
  paint.text_centered(issue_place, cx, 452, font, Style::Regular, 19, ink);
  paint.text_centered(dd_mm_yyyy(issued), cx, 480, font, Style::Regular, 19, ink);
  paint.signature(rng, {photo.x + 25, 500, 160, 60}, cv::Scalar(70, 30, 20));

  // Rounded corners: outside the card is the scanner's white.
  cv::Mat mask(doc.image.size(), CV_8U, cv::Scalar(0));
  const int rad = 38;
  cv::rectangle(mask, {rad, 0, kWidth - 2 * rad, kHeight}, 255, -1);
  cv::rectangle(mask, {0, rad, kWidth, kHeight - 2 * rad}, 255, -1);
  for (cv::Point c : {cv::Point(rad, rad), cv::Point(kWidth - rad - 1, rad), cv::Point(rad, kHeight - rad - 1),
                      cv::Point(kWidth - rad - 1, kHeight - rad - 1)})
    cv::circle(mask, c, rad, 255, -1, cv::LINE_AA);
  cv::Mat white(doc.image.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  white.copyTo(doc.image, 255 - mask);
  doc.shape = mask;
  return doc;
}

}  // namespace berkas::samples
