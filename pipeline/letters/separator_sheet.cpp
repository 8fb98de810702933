#include "letters/separator_sheet.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "core/error.hpp"
#include "letters/pdf_drawing.hpp"

namespace berkas {

using namespace PoDoFo;

namespace {

constexpr double kPageWidth = 595.28, kPageHeight = 841.89;
constexpr double kMargin = 56, kLeft = kMargin, kRight = kPageWidth - kMargin, kWidth = kRight - kLeft;
constexpr double kQrSize = 340;     // points, quiet zone included: 12 cm
constexpr int kQuietModules = 6;    // the standard asks for 4
constexpr double kMaxIdSize = 110;  // points: a short id ≈ 2.7 cm tall capitals
constexpr double kIdAreaHeight = 170;
constexpr double kSplitBelow = 48;  // points: smaller on one line, the id is cut into lines

const char* const kTitle = "LEMBAR PEMISAH BERKAS";
const char* const kInstruction =
    "Letakkan lembar ini di atas berkas kasus ini sebelum dipindai. Jangan dilipat atau dicoret pada kode QR.";

// The id as it may appear in a message: non-printable bytes as \xNN.
std::string shown(const std::string& id) {
  std::string out;
  for (unsigned char c : id) {
    if (std::isprint(c)) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  return out;
}

class SheetWriter {
 public:
  SheetWriter() {
    doc_.SetPdfVersion(ePdfVersion_1_7);
    regular_ = embed_font_subset(doc_, "Liberation Sans", false, kSansRegularFont);
    bold_ = embed_font_subset(doc_, "Liberation Sans", true, kSansBoldFont);
  }

  PdfMemDocument& doc() { return doc_; }

  double width(const std::string& s, double size, bool bold) {
    PdfFont* f = bold ? bold_ : regular_;
    f->SetFontSize(static_cast<float>(size));
    return f->GetFontMetrics()->StringWidth(pdf_text(s));
  }
  void centered(double y, const std::string& s, double size, bool bold) {
    PdfFont* f = bold ? bold_ : regular_;
    f->SetFontSize(static_cast<float>(size));
    painter_.SetFont(f);
    painter_.DrawText(kLeft + (kWidth - width(s, size, bold)) / 2, y, pdf_text(s));
  }
  std::vector<std::string> wrap(const std::string& s, double max_width, double size) {
    std::vector<std::string> lines;
    std::istringstream in(s);
    std::string current;
    for (std::string w; in >> w;) {
      const std::string candidate = current.empty() ? w : current + " " + w;
      if (!current.empty() && width(candidate, size, false) > max_width) {
        lines.push_back(current);
        current = w;
      } else {
        current = candidate;
      }
    }
    if (!current.empty()) lines.push_back(current);
    return lines;
  }

  // The case id as large as fits its area. An id that would print smaller
  // than kSplitBelow on one line is cut into two or three lines, preferably
  // just after a '-', '_', '/' or '.', so that no line holds half a number.
  void case_id(const std::string& id, double top) {
    const auto size_for = [&](const std::vector<std::string>& lines) {
      double widest = 0;
      for (const auto& l : lines) widest = std::max(widest, width(l, 1, true));
      return std::min({kMaxIdSize, kWidth / widest, kIdAreaHeight / (static_cast<double>(lines.size()) * 1.05)});
    };
    const auto cut_weight = [&](size_t at) { return std::strchr("-_/.", id[at - 1]) != nullptr ? 1.0 : 0.8; };
    std::vector<std::string> best{id};
    double size = size_for(best);
    if (size < kSplitBelow) {
      double best_score = size * 1.2;  // more lines only for clearly larger type
      const size_t n = id.size();
      for (size_t a = 1; a < n; ++a)
        for (size_t b = a + 1; b <= n; ++b) {  // b == n: two lines
          std::vector<std::string> lines{id.substr(0, a), id.substr(a, b - a)};
          double weight = cut_weight(a);
          if (b < n) lines.push_back(id.substr(b)), weight *= cut_weight(b);
          const double candidate = size_for(lines);
          if (candidate * weight > best_score) best_score = candidate * weight, best = lines, size = candidate;
        }
    }
    const double leading = size * 1.05;
    const double block = leading * static_cast<double>(best.size());
    // Capitals are ≈ 0.73 em tall: centre the block of lines in the area.
    double y = top - (kIdAreaHeight - block) / 2 - size * 0.85;
    for (const auto& l : best) {
      centered(y, l, size, true);
      y -= leading;
    }
  }

  void page(const std::string& id) {
    PdfPage* page = doc_.CreatePage(PdfRect(0, 0, kPageWidth, kPageHeight));
    painter_.SetPage(page);
    centered(kPageHeight - 78, kTitle, 28, true);
    painter_.SetStrokeWidth(2);
    painter_.DrawLine(kLeft, kPageHeight - 96, kRight, kPageHeight - 96);
    centered(kPageHeight - 128, "Nomor kasus", 18, false);
    case_id(id, kPageHeight - 136);
    const double qr_top = kPageHeight - 136 - kIdAreaHeight - 8;
    draw_qr(doc_, painter_, "BERKAS-SEP:" + id, (kPageWidth - kQrSize) / 2, qr_top, kQrSize, QrLevel::H, kQuietModules);
    // The instruction, in a frame under the code.
    const auto lines = wrap(kInstruction, kWidth - 40, 14);
    const double leading = 19, frame_top = qr_top - kQrSize - 14;
    const double frame_height = leading * static_cast<double>(lines.size()) + 22;
    painter_.SetStrokeWidth(1);
    painter_.Rectangle(kLeft, frame_top - frame_height, kWidth, frame_height);
    painter_.Stroke();
    double y = frame_top - 11 - 14;
    for (const auto& l : lines) {
      centered(y, l, 14, false);
      y -= leading;
    }
    centered(40, "Dicetak oleh berkas  |  BERKAS-SEP:" + id, 8, false);
    painter_.FinishPage();
  }

 private:
  PdfMemDocument doc_;
  PdfPainter painter_;
  PdfFont* regular_ = nullptr;
  PdfFont* bold_ = nullptr;
};

}  // namespace

void validate_case_id(const std::string& case_id) {
  if (case_id.empty()) throw Error(ErrorCode::InvalidArgument, "invalid case id '': it is empty");
  if (case_id.size() > kMaxCaseIdLength)
    throw Error(ErrorCode::InvalidArgument, "invalid case id '" + shown(case_id) + "': longer than " +
                                                std::to_string(kMaxCaseIdLength) + " characters");
  for (unsigned char c : case_id)
    if (!(c < 128 && std::isalnum(c)) && c != '-' && c != '_' && c != '/' && c != '.')
      throw Error(ErrorCode::InvalidArgument,
                  "invalid case id '" + shown(case_id) + "': only letters, digits, '-', '_', '/' and '.' may be used");
}

std::string separator_sheet_pdf(const std::vector<std::string>& case_refs) {
  if (case_refs.empty()) throw Error(ErrorCode::InvalidArgument, "a separator sheet needs at least one case id");
  for (const auto& id : case_refs) validate_case_id(id);
  try {
    PdfError::EnableDebug(false);
    PdfError::EnableLogging(false);
    SheetWriter w;
    for (const auto& id : case_refs) w.page(id);
    PdfInfo* info = w.doc().GetInfo();
    info->SetTitle(pdf_text(case_refs.size() == 1
                                ? "Lembar pemisah berkas " + case_refs.front()
                                : "Lembar pemisah berkas (" + std::to_string(case_refs.size()) + " kasus)"));
    info->SetCreator(PdfString("berkas"));
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    w.doc().Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
  } catch (const PdfError& e) {
    throw Error(ErrorCode::Internal,
                std::string("laying out the separator sheet failed: ") + PdfError::ErrorMessage(e.GetError()));
  }
}

}  // namespace berkas
