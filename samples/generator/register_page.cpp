#include "register_page.hpp"

#include <cmath>
#include <cstdio>
#include <opencv2/imgproc.hpp>

#include "capture.hpp"
#include "documents.hpp"
#include "page_layout.hpp"
#include "painter.hpp"

namespace berkas::samples {
namespace {

const std::vector<std::string> kReferralHospitals{
    "RS BARI",        "RSUP M. HOESIN", "RSUD KAYUAGUNG",     "RS CHARITAS",  "RSUD SITI FATIMAH",
    "RS BHAYANGKARA", "RSUD BATANG",    "RSUD DEPATI BAHRIN", "RS PELABUHAN", "RSUD PRABUMULIH",
};
const std::vector<std::string> kSenders{
    "PUSKESMAS SUNGAILIAT", "RSUD DEPATI BAHRIN", "DINAS SOSIAL", "BPJS KESEHATAN CABANG", "BAPPEDA",
    "KECAMATAN MERAWANG",   "DINKES PROVINSI",    "RS BARI",
};
const std::vector<std::string> kSubjects{
    "Permohonan rekomendasi rujukan", "Pengajuan klaim Jampersal", "Undangan rapat koordinasi",
    "Laporan bulanan puskesmas",      "Usulan peserta PBI APBD",   "Verifikasi tagihan rumah sakit",
    "Permohonan data kepesertaan",    "Surat edaran kewaspadaan",
};
const std::vector<std::string> kRemarks{"", "", "", "LENGKAP", "RUJUKAN ULANG", "SUSULAN KK", "PERPANJANGAN"};
const std::vector<std::string> kStatuses{"LAYAK", "LAYAK", "LAYAK", "TIDAK LAYAK", "DOUBLE KLAIM", "LEWAT WAKTU"};
const std::vector<std::string> kDispositions{"", "Kabid Yankes", "Sekretaris", "Kasi Rujukan", "Tim Jamsoskes"};
const std::vector<std::string> kUnits{"REK", "DINKES", "YANKES", "PRW"};

std::string two(int v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", v);
  return b;
}

// A date as the clerk of this register writes dates.
std::string printed_date(const Date& d, int style) {
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
  if (style == 1) return two(d.day) + "/" + two(d.month) + "/" + std::to_string(d.year);
  if (style == 2) return std::to_string(d.day) + " " + months[d.month - 1] + " " + std::to_string(d.year);
  return two(d.day) + "-" + two(d.month) + "-" + std::to_string(d.year);
}

RegisterCell cell_for(PopulationGenerator& people, const RegisterColumn& col, int no, const Date& date, int date_style,
                      const Household& home, const Person& patient) {
  Rng& rng = people.rng();
  auto same = [](const std::string& s) { return RegisterCell{s, s, false}; };
  switch (col.type) {
    case CellType::Seq:
      return same(std::to_string(no));
    case CellType::Date: {
      // A letter's own date comes before the day it was received.
      const Date d = col.name == "tanggal_surat" ? date.plus_days(-rng.uniform(1, 12)) : date;
      return {d.iso(), printed_date(d, date_style), false};
    }
    case CellType::Nik:
      return same(patient.nik);
    case CellType::KkNumber:
      return same(home.kk_number);
    case CellType::Money: {
      const long amount = rng.uniform(8, 500) * 50'000L;
      return {std::to_string(amount), rupiah(amount), false};
    }
    case CellType::LetterNumber:
      return same((rng.chance(0.5) ? "440/" : "400.7/") + std::to_string(rng.uniform(1, 999)) + "/" + rng.pick(kUnits) +
                  "/DINKES/" + std::to_string(date.year));
    case CellType::Name:
      return same(patient.name);
    case CellType::Text:
      break;
  }
  const std::string& n = col.name;
  if (n == "alamat") return same(home.residence.address);
  if (n == "rs_tujuan" || n == "rumah_sakit") return same(rng.pick(kReferralHospitals));
  if (n == "asal_surat") return same(rng.pick(kSenders));
  if (n == "perihal") return same(rng.pick(kSubjects));
  if (n == "status") return same(rng.pick(kStatuses));
  if (n == "disposisi") return same(rng.pick(kDispositions));
  if (n == "nomor_tagihan")
    return same("INV/" + std::to_string(date.year) + "/" + two(date.month) + "/" +
                std::to_string(rng.uniform(1000, 9999)));
  return same(rng.pick(kRemarks));
}

// Ink of a ballpoint pen: blue or black, never quite even.
cv::Scalar pen_ink(Rng& rng) {
  return rng.chance(0.7) ? cv::Scalar(rng.uniform(110, 160), rng.uniform(40, 70), rng.uniform(20, 50))
                         : cv::Scalar(rng.uniform(25, 50), rng.uniform(25, 50), rng.uniform(25, 50));
}

// Writing by hand: an italic face, letter by letter, each a little off the
// line, a little larger or smaller, a little closer or further apart.
cv::Rect2f handwrite(Painter& paint, Rng& rng, std::string_view text, cv::Point origin, int h, cv::Scalar ink,
                     const FontFamily& font) {
  cv::Rect2f box;
  double x = origin.x;
  const double slope = rng.real(-0.02, 0.02);
  for (size_t i = 0; i < text.size();) {
    // One UTF-8 character at a time.
    size_t len = 1;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xC0) len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    const std::string ch(text.substr(i, len));
    i += len;
    const int size = static_cast<int>(h * rng.real(0.92, 1.08));
    const int y = origin.y + static_cast<int>((x - origin.x) * slope + rng.normal(0, h * 0.04));
    if (ch != " ") box = unite(box, paint.text(ch, {static_cast<int>(x), y}, font, Style::Italic, size, ink));
    x += paint.width(ch == " " ? "n" : ch, font, Style::Italic, size) * rng.real(0.98, 1.08);
  }
  return box;
}

// Typewriter: a monospaced face, each letter struck a little unevenly.
cv::Rect2f typewrite(Painter& paint, Rng& rng, std::string_view text, cv::Point origin, int h, const FontFamily& font) {
  const double advance = paint.width("MMMMMMMMMM", font, Style::Regular, h) / 10.0;
  cv::Rect2f box;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') continue;
    const int grey = rng.uniform(15, 75);
    const cv::Point at(origin.x + static_cast<int>(i * advance), origin.y + rng.uniform(-2, 2));
    box = unite(box, paint.text(text.substr(i, 1), at, font, Style::Regular, h, cv::Scalar(grey, grey, grey)));
  }
  return box;
}

// How wide a text is in a hand: typed letters are all one width; writing
// by hand is a little wider than print.
double text_width(Painter& paint, const std::string& text, const FontFamily& font, Style style, int h, bool mono) {
  if (mono) return text.size() * paint.width("MMMMMMMMMM", font, style, h) / 10.0;
  return paint.width(text, font, style, h) * (style == Style::Italic ? 1.1 : 1.0);
}

// The size a cell's text is written at, down to 70% of the row's; a free
// text still too long loses words at its end, as a clerk abbreviates.
std::pair<std::string, int> fit_cell(Painter& paint, std::string text, const FontFamily& font, Style style, int height,
                                     int width, bool mono, bool may_shorten) {
  int h = height;
  const int least = height * 7 / 10;
  while (h > least && text_width(paint, text, font, style, h, mono) > width) --h;
  while (may_shorten && text_width(paint, text, font, style, h, mono) > width && text.find(' ') != std::string::npos)
    text = text.substr(0, text.rfind(' '));
  while (h > 12 && text_width(paint, text, font, style, h, mono) > width) --h;
  return {text, h};
}

}  // namespace

std::vector<RegisterRow> register_rows(PopulationGenerator& people, const RegisterTemplate& t, int first_no, int count,
                                       Date from, RegisterHand hand) {
  Rng& rng = people.rng();
  const int date_style = rng.uniform(0, 2);
  std::vector<RegisterRow> rows;
  Date date = from;
  for (int i = 0; i < count; ++i) {
    if (rng.chance(0.4)) date = date.plus_days(rng.uniform(1, 3));
    const Household home = people.household();
    const Person& patient =
        home.members[static_cast<size_t>(rng.uniform(0, static_cast<int>(home.members.size()) - 1))];
    // A whole entry by hand now and then, or single cells added later.
    const bool row_by_hand = hand == RegisterHand::Mixed && rng.chance(0.15);
    RegisterRow row;
    for (const auto& col : t.columns) {
      RegisterCell cell = cell_for(people, col, first_no + i, date, date_style, home, patient);
      if (!col.required && rng.chance(0.5)) cell = {"", "", false};
      cell.handwritten = !cell.printed.empty() && hand == RegisterHand::Mixed &&
                         (row_by_hand || (col.type != CellType::Seq && rng.chance(0.06)));
      row.push_back(std::move(cell));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

RenderedDocument render_register_page(Rng& rng, const RegisterTemplate& t, const std::vector<RegisterRow>& rows,
                                      int page_number, const std::string& office, RegisterHand hand) {
  RenderedDocument doc;
  doc.doc_type = "register";
  doc.layout = t.name;
  doc.image = blank_sheet(rng, kA4Height, kA4Width);  // landscape, as ledgers are bound
  Painter paint(doc.image);
  const FontFamily& font = rng.chance(0.5) ? sans_family(rng.uniform(0, 3)) : serif_family(rng.uniform(0, 2));
  const FontFamily& typewriter = mono_family(rng.uniform(0, 2));
  const int left = rng.uniform(150, 230), right = doc.image.cols - rng.uniform(130, 200);

  // Heading: the register's title, the office, the page number.
  doc.fields["title"] = {t.title, paint.text_centered(t.title, doc.image.cols / 2, 190, font, Style::Bold, 58)};
  paint.text_centered(office, doc.image.cols / 2, 265, font, Style::Regular, 40);
  const std::string page_text = "Halaman " + std::to_string(page_number);
  doc.fields["page_number"] = {std::to_string(page_number),
                               paint.text_right(page_text, right, 120, font, Style::Regular, 38)};

  // The ruled grid: widths from the template, headers printed in bold.
  const int width = right - left;
  std::vector<int> widths;
  for (const auto& c : t.columns) widths.push_back(width * c.width / 1000);
  std::vector<std::string> headers;
  for (const auto& c : t.columns) headers.push_back(c.header);
  const int top = 330, header_height = 130;
  const int row_height = (doc.image.rows - top - header_height - 160) / std::max<int>(1, static_cast<int>(rows.size()));
  const int text_height = std::min(44, row_height * 11 / 20);
  // Rule lines and headers, with empty rows: the entries are written next.
  const std::vector<std::vector<std::string>> empty(rows.size(), std::vector<std::string>(widths.size()));
  ruled_table(paint, left, top, widths, headers, empty, font, text_height, row_height, header_height);

  // The entries.
  std::vector<TruthRow> truth;
  for (size_t r = 0; r < rows.size(); ++r) {
    TruthRow row;
    const int baseline = top + header_height + row_height * static_cast<int>(r) + (row_height + text_height) / 2 - 4;
    int x = left;
    for (size_t c = 0; c < t.columns.size(); ++c) {
      const RegisterCell& cell = rows[r][c];
      const RegisterColumn& col = t.columns[c];
      const int inner = widths[c] - 24;
      const bool mono = !cell.handwritten && hand == RegisterHand::Typewriter;
      const FontFamily& face = cell.handwritten ? serif_family(rng.uniform(0, 2)) : mono ? typewriter : font;
      const Style style = cell.handwritten ? Style::Italic : Style::Regular;
      const bool free_text = col.type == CellType::Text || col.type == CellType::Name;
      const auto [text, h] = fit_cell(paint, cell.printed, face, style, text_height, inner, mono, free_text);
      cv::Rect2f box;
      if (text.empty()) {
      } else if (cell.handwritten) {
        box = handwrite(paint, rng, text, {x + 12, baseline}, h, pen_ink(rng), face);
      } else if (mono) {
        box = typewrite(paint, rng, text, {x + 12, baseline}, h, face);
      } else if (col.type == CellType::Money) {
        box = paint.text_right(text, x + widths[c] - 12, baseline, face, style, h);
      } else {
        box = paint.text(text, {x + 12, baseline}, face, style, h);
      }
      // A shortened free text is what the page says.
      const std::string value = free_text ? text : cell.value;
      TruthField f{value, box};
      f.handwritten = cell.handwritten;
      f.printed = text;
      row[col.name] = f;
      x += widths[c];
    }
    truth.push_back(std::move(row));
  }
  doc.tables["rows"] = std::move(truth);

  // An office stamp over the last entries now and then.
  if (rng.chance(0.35))
    paint.stamp(rng, {right - rng.uniform(300, 900), doc.image.rows - rng.uniform(300, 700)}, rng.uniform(130, 170),
                office, "DINKES", cv::Scalar(rng.uniform(130, 180), rng.uniform(40, 80), rng.uniform(60, 120)));
  return doc;
}

void bend_into_binding(Rng& rng, RenderedDocument& page, bool spine_on_left) {
  const int w = page.image.cols, h = page.image.rows;
  const double cy = h / 2.0;
  const double depth = rng.real(0.04, 0.09);      // how far lines bend at the spine, relative to half the height
  const double reach = w * rng.real(0.10, 0.22);  // how far from the spine the bending is felt
  auto pull = [&](double x) {
    const double d = spine_on_left ? x : w - 1 - x;
    return depth * std::exp(-d / reach);
  };
  // Forward: y' = y + k(x) (y - cy), so the inverse is y = (y' + k cy) / (1 + k).
  cv::Mat map_x(page.image.size(), CV_32F), map_y(page.image.size(), CV_32F);
  cv::Mat light(page.image.size(), CV_32F);
  const double dark = rng.real(0.35, 0.6);
  for (int y = 0; y < h; ++y) {
    auto* mx = map_x.ptr<float>(y);
    auto* my = map_y.ptr<float>(y);
    auto* l = light.ptr<float>(y);
    for (int x = 0; x < w; ++x) {
      const double k = pull(x);
      mx[x] = static_cast<float>(x);
      my[x] = static_cast<float>((y + k * cy) / (1 + k));
      l[x] = static_cast<float>(1.0 - dark * (k / depth));
    }
  }
  cv::Mat bent;
  cv::remap(page.image, bent, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  multiply_light(bent, light);
  page.image = bent;
  // Every box follows the paper: the bounding box of its moved corners.
  auto move = [&](cv::Rect2f& b) {
    if (b.area() <= 0) return;
    float y0 = 1e9f, y1 = -1e9f;
    for (const float x : {b.x, b.x + b.width})
      for (const float y : {b.y, b.y + b.height}) {
        const double moved = y + pull(x) * (y - cy);
        y0 = std::min(y0, static_cast<float>(moved));
        y1 = std::max(y1, static_cast<float>(moved));
      }
    b.y = y0;
    b.height = y1 - y0;
  };
  for (auto& [_, f] : page.fields) move(f.box);
  for (auto& [_, rows] : page.tables)
    for (auto& row : rows)
      for (auto& [__, f] : row) move(f.box);
}

}  // namespace berkas::samples
