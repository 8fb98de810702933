#include "letters/letter_pdf.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <sstream>

#include "core/error.hpp"
#include "letters/letter_values.hpp"
#include "letters/pdf_drawing.hpp"

namespace berkas {

using namespace PoDoFo;

namespace {

constexpr double kPageWidth = 595.28, kPageHeight = 841.89;
constexpr double kLeft = 78, kRight = kPageWidth - 57, kTop = kPageHeight - 42, kBottom = 62;
constexpr double kTextWidth = kRight - kLeft;
std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Writes text onto pages top-down, starting a new page when the next block
// does not fit; fonts are embedded as subsets with Unicode (Identity) encoding.
class PageWriter {
 public:
  PageWriter() {
    doc_.SetPdfVersion(ePdfVersion_1_7);
    regular_ = embed_font_subset(doc_, "Liberation Serif", false, kSerifRegularFont);
    bold_ = embed_font_subset(doc_, "Liberation Serif", true, kSerifBoldFont);
    new_page();
  }

  PdfMemDocument& doc() { return doc_; }
  PdfPainter& painter() { return painter_; }
  double y = kTop;
  LetterStamp* stamp = nullptr;  // where the number and QR code go (stamp_letter draws them)
  int current_page() const { return page_count_ - 1; }

  void new_page() {
    if (page_ != nullptr) painter_.FinishPage();
    page_ = doc_.CreatePage(PdfRect(0, 0, kPageWidth, kPageHeight));
    ++page_count_;
    painter_.SetPage(page_);
    y = kTop;
  }
  // Starts a new page unless `height` still fits above the footer.
  bool ensure(double height) {
    if (y - height >= kBottom) return false;
    new_page();
    return true;
  }
  void finish() { painter_.FinishPage(); }
  // Pages by index: PoDoFo's page objects may move as pages are added.
  int page_count() const { return page_count_; }
  PdfPage* page(int i) { return doc_.GetPage(i); }

  double width(const std::string& text, double size, bool bold = false) {
    PdfFont* f = bold ? bold_ : regular_;
    f->SetFontSize(static_cast<float>(size));
    return f->GetFontMetrics()->StringWidth(pdf_text(text));
  }
  void text(double x, double at_y, const std::string& s, double size, bool bold = false) {
    PdfFont* f = bold ? bold_ : regular_;
    f->SetFontSize(static_cast<float>(size));
    painter_.SetFont(f);
    painter_.DrawText(x, at_y, pdf_text(s));
  }
  void centered(double at_y, const std::string& s, double size, bool bold = false, double from = kLeft,
                double to = kRight) {
    text(from + (to - from - width(s, size, bold)) / 2, at_y, s, size, bold);
  }
  void right_aligned(double at_y, const std::string& s, double size, bool bold = false) {
    text(kRight - width(s, size, bold), at_y, s, size, bold);
  }
  void line(double x1, double y1, double x2, double y2, double stroke) {
    painter_.SetStrokeWidth(stroke);
    painter_.DrawLine(x1, y1, x2, y2);
  }

  // Greedy word wrap to `max_width`.
  std::vector<std::string> wrap(const std::string& s, double max_width, double size, bool bold = false,
                                double first_indent = 0) {
    std::vector<std::string> lines;
    std::string current;
    double limit = max_width - first_indent;
    for (const auto& word : words_of(s)) {
      // A token wider than the column (a bill number) is broken where it must be.
      std::string w = word;
      while (width(w, size, bold) > max_width && w.size() > 1) {
        if (!current.empty()) lines.push_back(current), current.clear(), limit = max_width;
        size_t cut = w.size() - 1;
        while (cut > 1 && width(w.substr(0, cut), size, bold) > limit) --cut;
        lines.push_back(w.substr(0, cut));
        w = w.substr(cut);
        limit = max_width;
      }
      const std::string candidate = current.empty() ? w : current + " " + w;
      if (!current.empty() && width(candidate, size, bold) > limit) {
        lines.push_back(current);
        current = w;
        limit = max_width;
      } else {
        current = candidate;
      }
    }
    if (!current.empty()) lines.push_back(current);
    return lines;
  }

  // A justified paragraph (the last line left-aligned), moving down the page.
  void paragraph(const std::string& s, double x, double max_width, double size, double leading, double indent) {
    const auto lines = wrap(s, max_width, size, false, indent);
    for (size_t i = 0; i < lines.size(); ++i) {
      ensure(leading);
      y -= leading;
      const double start = x + (i == 0 ? indent : 0), room = max_width - (i == 0 ? indent : 0);
      const auto words = words_of(lines[i]);
      if (i + 1 == lines.size() || words.size() < 2) {
        text(start, y, lines[i], size);
        continue;
      }
      double used = 0;
      for (const auto& w : words) used += width(w, size);
      const double gap = (room - used) / static_cast<double>(words.size() - 1);
      double at = start;
      for (const auto& w : words) {
        text(at, y, w, size);
        at += width(w, size) + gap;
      }
    }
  }

 private:
  PdfMemDocument doc_;
  PdfPainter painter_;
  PdfPage* page_ = nullptr;
  int page_count_ = 0;
  PdfFont* regular_ = nullptr;
  PdfFont* bold_ = nullptr;
};

// The office's emblem: a green shield with a white cross (health).
void draw_emblem(PdfPainter& p, double x, double top, double size) {
  const double w = size, h = size * 1.15;
  p.SetColor(0.05, 0.45, 0.25);
  p.MoveTo(x, top);
  p.LineTo(x + w, top);
  p.LineTo(x + w, top - h * 0.55);
  p.LineTo(x + w / 2, top - h);
  p.LineTo(x, top - h * 0.55);
  p.ClosePath();
  p.Fill();
  p.SetColor(1, 1, 1);
  const double arm = w * 0.18, cx = x + w / 2, cy = top - h * 0.42;
  p.Rectangle(cx - arm / 2, cy - w * 0.3, arm, w * 0.6);
  p.Fill();
  p.Rectangle(cx - w * 0.3, cy - arm / 2, w * 0.6, arm);
  p.Fill();
  p.SetColor(0, 0, 0);
}

void draw_letterhead(PageWriter& w, const OfficeConfig& office) {
  draw_emblem(w.painter(), kLeft, kTop, 52);
  const double from = kLeft + 60;
  w.centered(kTop - 14, upper(office.government), 13, true, from);
  w.centered(kTop - 32, upper(office.office), 16, true, from);
  w.centered(kTop - 46, office.address, 9.5, false, from);
  std::string contact = "Telepon " + office.phone;
  if (!office.email.empty()) contact += "  |  Pos-el: " + office.email;
  if (!office.website.empty()) contact += "  |  Laman: " + office.website;
  w.centered(kTop - 58, contact, 9.5, false, from);
  w.line(kLeft, kTop - 66, kRight, kTop - 66, 2.2);
  w.line(kLeft, kTop - 69.5, kRight, kTop - 69.5, 0.6);
  w.y = kTop - 70;
}

// Label : value rows, the value wrapping in its column.
void draw_fields(PageWriter& w, const std::vector<std::pair<std::string, std::string>>& fields, double x,
                 double label_width, double size, double leading) {
  for (const auto& [label, value] : fields) {
    const auto lines = w.wrap(value, kRight - x - label_width - 10, size);
    w.ensure(leading * static_cast<double>(std::max<size_t>(1, lines.size())));
    w.y -= leading;
    w.text(x, w.y, label, size);
    w.text(x + label_width, w.y, ":", size);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) w.y -= leading;
      w.text(x + label_width + 10, w.y, lines[i], size);
    }
  }
}

// Position, QR code with the electronic-signature mark, name, rank, NIP.
std::vector<std::string> signature_heading(PageWriter& w, const LetterSigner& s, double max_width) {
  std::string heading = upper(s.official.position) + ",";
  if (!s.delegation.empty()) heading = s.delegation + " " + upper(s.for_position) + " " + heading;
  return w.wrap(heading, max_width, 11.5);
}

// Returns how far down the block reaches. `heading_lines`: signers side by
// side leave room for the longest heading, so their names line up.
double draw_signature(PageWriter& w, const LetterSigner& s, double x, double top, bool with_qr, double max_width,
                      size_t heading_lines = 0) {
  double at = top;
  const auto heading = signature_heading(w, s, max_width);
  for (const auto& line : heading) {
    w.text(x, at, line, 11.5);
    at -= 15;
  }
  if (heading_lines > heading.size()) at -= 15.0 * static_cast<double>(heading_lines - heading.size());
  at += 7;
  if (with_qr) {
    w.stamp->qr_page = w.current_page();
    w.stamp->qr_x = x;
    w.stamp->qr_top = at;
    w.stamp->qr_size = 56;
    w.text(x + 70, at - 22, "Ditandatangani secara", 8.5);
    w.text(x + 70, at - 33, "elektronik", 8.5);
  }
  at -= 70;
  w.text(x, at, s.official.name, 11.5, true);
  w.line(x, at - 2, x + w.width(s.official.name, 11.5, true), at - 2, 0.6);
  at -= 14;
  if (!s.official.rank.empty()) {
    w.text(x, at, s.official.rank, 11);
    at -= 14;
  }
  if (!s.official.nip.empty()) w.text(x, at, "NIP. " + s.official.nip, 11);
  return at;
}

constexpr double kSignatureHeight = 135;

void draw_tembusan(PageWriter& w, const std::vector<std::string>& copies) {
  if (copies.empty()) return;
  w.ensure(11.0 * static_cast<double>(copies.size() + 1) + 14);
  w.y -= 16;
  w.text(kLeft, w.y, "Tembusan:", 9.5);
  for (size_t i = 0; i < copies.size(); ++i) {
    w.y -= 11.5;
    w.text(kLeft, w.y, std::to_string(i + 1) + ". " + copies[i], 9.5);
  }
}

// Every page: the electronic-signature footer and, past one page, "Halaman i dari n".
void draw_footers(PageWriter& w, const LetterContent& letter) {
  const int pages = w.page_count();
  for (int i = 0; i < pages; ++i) {
    w.painter().SetPage(w.page(i));
    w.line(kLeft, 52, kRight, 52, 0.4);
    w.centered(42,
               "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan "
               "oleh penyelenggara sertifikasi elektronik.",
               7);
    const std::string page_url = letter.verification_url.substr(0, letter.verification_url.find('?'));
    w.centered(33, "Keaslian dokumen dapat diperiksa dengan memindai kode QR atau di laman " + page_url, 7);
    if (pages > 1) w.right_aligned(22, "Halaman " + std::to_string(i + 1) + " dari " + std::to_string(pages), 8);
    w.painter().FinishPage();
  }
}

void render_single_letter(PageWriter& w, const LetterContent& letter) {
  const LetterTemplate& t = *letter.kind;
  const auto fill = [&](const std::string& s) { return fill_placeholders(s, letter.values); };
  draw_letterhead(w, *letter.office);
  w.y -= 22;
  w.right_aligned(w.y, letter.office->place + ", " + long_date(letter.date), 12);
  const double value_x = kLeft + 72;
  const std::vector<std::pair<std::string, std::string>> head{
      {"Nomor", ""}, {"Sifat", t.sifat}, {"Lampiran", t.lampiran}, {"Hal", fill(t.hal)}};
  for (const auto& [label, value] : head) {
    const auto lines = w.wrap(value, 240, 12);
    w.y -= 16;
    w.text(kLeft, w.y, label, 12);
    w.text(kLeft + 62, w.y, ":", 12);
    if (label == "Nomor") {
      *w.stamp = LetterStamp{w.current_page(), value_x, w.y, 12, false, "", 0, 0, 0, 56};
      continue;
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) w.y -= 16;
      w.text(value_x, w.y, lines[i], 12);
    }
  }
  w.y -= 26;
  w.text(value_x, w.y, "Kepada", 12);
  for (const auto& line : t.addressee) {
    w.y -= 16;
    w.text(value_x, w.y, fill(line), 12, line.rfind("Yth.", 0) == 0);
  }
  w.y -= 10;
  const double body_width = kRight - value_x;
  for (const auto& block : t.body) {
    if (block.kind == LetterBlock::Kind::Fields) {
      std::vector<std::pair<std::string, std::string>> filled;
      for (const auto& [label, value] : block.fields) filled.emplace_back(label, fill(value));
      w.y -= 4;
      draw_fields(w, filled, value_x + 14, 130, 12, 16);
      w.y -= 6;
      continue;
    }
    if (block.kind == LetterBlock::Kind::CostShare && !letter.values.count("share.province_percent")) continue;
    w.y -= 4;
    w.paragraph(fill(block.text), value_x, body_width, 12, 16, 28);
  }
  w.ensure(kSignatureHeight);
  w.y -= 20;
  const double sign_x = kLeft + kTextWidth * 0.5;
  w.y = draw_signature(w, letter.signers.front(), sign_x, w.y, true, kRight - sign_x);
  draw_tembusan(w, t.tembusan);
}

void render_minutes(PageWriter& w, const LetterContent& letter) {
  const LetterTemplate& t = *letter.kind;
  draw_letterhead(w, *letter.office);
  w.y -= 26;
  w.centered(w.y, t.title, 13, true);
  const double title_width = w.width(t.title, 13, true);
  w.line((kLeft + kRight - title_width) / 2, w.y - 2, (kLeft + kRight + title_width) / 2, w.y - 2, 0.8);
  w.y -= 16;
  *w.stamp = LetterStamp{w.current_page(), 0, w.y, 12, true, "Nomor: ", 0, 0, 0, 56};
  w.y -= 8;
  w.paragraph(fill_placeholders(t.opening, letter.values), kLeft, kTextWidth, 11.5, 16, 28);
  w.y -= 10;

  // The table: widths as shares of the text width; cells wrap; the header
  // comes back on every page.
  double share_sum = 0;
  for (const auto& c : t.columns) share_sum += c.width;
  std::vector<double> xs{kLeft};
  for (const auto& c : t.columns) xs.push_back(xs.back() + kTextWidth * c.width / share_sum);
  constexpr double kSize = 8.5, kLead = 10.5, kPad = 3;
  auto row_lines = [&](const std::vector<std::string>& cells, bool bold) {
    std::vector<std::vector<std::string>> out;
    for (size_t i = 0; i < cells.size(); ++i)
      out.push_back(w.wrap(cells[i], xs[i + 1] - xs[i] - 2 * kPad, kSize, bold));
    return out;
  };
  auto draw_row = [&](const std::vector<std::vector<std::string>>& lines, bool header) {
    size_t depth = 1;
    for (const auto& l : lines) depth = std::max(depth, l.size());
    const double height = static_cast<double>(depth) * kLead + 2 * kPad;
    if (header) {
      w.painter().SetColor(0.88, 0.9, 0.95);
      w.painter().Rectangle(kLeft, w.y - height, kTextWidth, height);
      w.painter().Fill();
      w.painter().SetColor(0, 0, 0);
    }
    for (size_t i = 0; i < lines.size(); ++i)
      for (size_t k = 0; k < lines[i].size(); ++k) {
        const double line_y = w.y - kPad - static_cast<double>(k + 1) * kLead + 2.5;
        if (!header && t.columns[i].right)
          w.text(xs[i + 1] - kPad - w.width(lines[i][k], kSize), line_y, lines[i][k], kSize);
        else
          w.text(xs[i] + kPad, line_y, lines[i][k], kSize, header);
      }
    for (double x : xs) w.line(x, w.y, x, w.y - height, 0.5);
    w.line(kLeft, w.y, kRight, w.y, 0.5);
    w.line(kLeft, w.y - height, kRight, w.y - height, 0.5);
    w.y -= height;
    return height;
  };
  std::vector<std::string> titles;
  for (const auto& c : t.columns) titles.push_back(c.title);
  const auto header = row_lines(titles, true);
  draw_row(header, true);
  for (const auto& row : letter.rows) {
    std::vector<std::string> cells;
    for (const auto& c : t.columns) cells.push_back(fill_placeholders(c.value, row));
    const auto lines = row_lines(cells, false);
    size_t depth = 1;
    for (const auto& l : lines) depth = std::max(depth, l.size());
    if (w.ensure(static_cast<double>(depth) * kLead + 2 * kPad)) draw_row(header, true);
    draw_row(lines, false);
  }
  w.y -= 8;
  w.paragraph(fill_placeholders(t.closing, letter.values), kLeft, kTextWidth, 11.5, 16, 28);
  w.ensure(kSignatureHeight + 20);
  w.y -= 22;
  w.centered(w.y, letter.office->place + ", " + long_date(letter.date), 11.5);
  w.y -= 22;
  w.text(kLeft, w.y, "Tim Verifikasi Klaim:", 11.5);
  w.y -= 18;
  const double column = kTextWidth / static_cast<double>(std::max<size_t>(1, letter.signers.size()));
  size_t lines = 0;
  for (const auto& s : letter.signers) lines = std::max(lines, signature_heading(w, s, column - 16).size());
  double bottom = w.y;
  for (size_t i = 0; i < letter.signers.size(); ++i)
    bottom = std::min(bottom, draw_signature(w, letter.signers[i], kLeft + column * static_cast<double>(i), w.y, i == 0,
                                             column - 16, lines));
  w.y = bottom;
  draw_tembusan(w, t.tembusan);
}

}  // namespace

std::string letter_text(const LetterContent& letter) {
  const LetterTemplate& t = *letter.kind;
  const auto fill = [&](const std::string& s) { return fill_placeholders(s, letter.values); };
  std::string out = t.title + "\n" + letter.number + "\n" + letter.date.iso() + "\n";
  if (t.is_minutes()) {
    out += fill(t.opening) + "\n";
    for (const auto& row : letter.rows) {
      for (const auto& c : t.columns) out += fill_placeholders(c.value, row) + "\t";
      out += "\n";
    }
    out += fill(t.closing) + "\n";
  } else {
    out += fill(t.hal) + "\n";
    for (const auto& line : t.addressee) out += fill(line) + "\n";
    for (const auto& b : t.body) {
      if (b.kind == LetterBlock::Kind::CostShare && !letter.values.count("share.province_percent")) continue;
      out += fill(b.text) + "\n";
      for (const auto& [label, value] : b.fields) out += label + ": " + fill(value) + "\n";
    }
  }
  for (const auto& s : letter.signers)
    out += s.delegation + " " + s.for_position + "|" + s.official.position + "|" + s.official.name + "|" +
           s.official.nip + "\n";
  return out;
}

std::string render_letter_pdf(const LetterContent& letter, LetterStamp& stamp) {
  if (letter.office == nullptr || letter.kind == nullptr || letter.signers.empty())
    throw Error(ErrorCode::InvalidArgument, "a letter needs its office, kind and signer");
  try {
    PdfError::EnableDebug(false);
    PdfError::EnableLogging(false);
    PageWriter w;
    w.stamp = &stamp;
    if (letter.kind->is_minutes())
      render_minutes(w, letter);
    else
      render_single_letter(w, letter);
    w.finish();
    draw_footers(w, letter);
    PdfInfo* info = w.doc().GetInfo();
    info->SetAuthor(pdf_text(letter.office->office + " " + letter.office->government));
    info->SetCreator(PdfString("berkas"));
    auto& dict = info->GetObject()->GetDictionary();
    dict.AddKey(PdfName("BerkasLetter"), PdfString(std::to_string(letter.letter_id)));
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    w.doc().Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
  } catch (const PdfError& e) {
    throw Error(ErrorCode::Internal,
                std::string("laying out the letter failed: ") + PdfError::ErrorMessage(e.GetError()));
  }
}

void stamp_letter(PdfMemDocument& doc, const LetterStamp& stamp, const LetterContent& letter) {
  PdfFont* font = embed_font_subset(doc, "Liberation Serif", false, kSerifRegularFont);
  PdfPainter p;
  p.SetPage(doc.GetPage(stamp.number_page));
  font->SetFontSize(static_cast<float>(stamp.number_size));
  p.SetFont(font);
  const PdfString text = pdf_text(stamp.number_prefix + letter.number);
  const double x =
      stamp.number_centered ? (kLeft + kRight - font->GetFontMetrics()->StringWidth(text)) / 2 : stamp.number_x;
  p.DrawText(x, stamp.number_y, text);
  if (stamp.qr_size > 0 && stamp.qr_top > 0) {
    if (stamp.qr_page != stamp.number_page) {
      p.FinishPage();
      p.SetPage(doc.GetPage(stamp.qr_page));
    }
    draw_qr(doc, p, letter.verification_url, stamp.qr_x, stamp.qr_top, stamp.qr_size);
  }
  p.FinishPage();
  PdfInfo* info = doc.GetInfo();
  info->SetTitle(pdf_text(letter.kind->title + " " + letter.number));
  info->GetObject()->GetDictionary().AddKey(PdfName("BerkasContentSHA256"), PdfString(letter.content_sha256));
}

}  // namespace berkas
