#include "searchable/searchable_pdf.hpp"

#include <podofo/podofo.h>

#include <charconv>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iterator>
#include <system_error>

#include "core/error.hpp"

namespace berkas {
namespace {

using namespace PoDoFo;

constexpr const char* kSrgbProfile = "/usr/share/color/icc/sRGB.icc";  // Debian's icc-profiles-free

// Where poppler (pdftotext, viewers' selection) puts a Helvetica word's box:
// from `ascent` above the baseline to `descent` below it, in font sizes.
constexpr double kAscent = 0.718, kDescent = 0.207;

void number(std::string& out, double v) {
  char buffer[32];
  const auto r =
      std::to_chars(buffer, buffer + sizeof buffer, std::abs(v) < 5e-3 ? 0.0 : v, std::chars_format::fixed, 2);
  std::string_view text(buffer, static_cast<size_t>(r.ptr - buffer));
  // Trailing zeros add bytes to every word and nothing else.
  if (text.find('.') != std::string_view::npos) {
    while (text.back() == '0') text.remove_suffix(1);
    if (text.back() == '.') text.remove_suffix(1);
  }
  out.append(text);
  out.push_back(' ');
}

// UTF-8 -> WinAnsi bytes (Latin-1 range; anything else '?').
std::string win_ansi(const std::string& utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    uint32_t cp = c;
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 0;
    if (c >= 0x80 && extra == 0) {
      out.push_back('?');
      ++i;
      continue;
    }
    cp = extra == 0 ? c : extra == 1 ? (c & 0x1f) : extra == 2 ? (c & 0x0f) : (c & 0x07);
    for (int k = 1; k <= extra && i + static_cast<size_t>(k) < utf8.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<size_t>(k)]) & 0x3f);
    i += static_cast<size_t>(extra) + 1;
    if (cp < 0x20) continue;
    out.push_back(cp < 0x80 || (cp >= 0xa0 && cp <= 0xff) ? static_cast<char>(cp) : '?');
  }
  return out;
}

void literal(std::string& out, const std::string& bytes) {
  out.push_back('(');
  for (char c : bytes) {
    if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out += ") ";
}

cv::Point2d apply(const cv::Matx33d& h, double x, double y) {
  const cv::Vec3d p = h * cv::Vec3d(x, y, 1);
  return {p[0] / p[2], p[1] / p[2]};
}

std::string utc_now_xmp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::vector<char> read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

SearchablePdf::SearchablePdf() : doc_(std::make_unique<PdfMemDocument>()) {
  doc_->SetPdfVersion(ePdfVersion_1_7);
  doc_->SetWriteMode(ePdfWriteMode_Compact);
  const std::vector<char> icc = read_file(kSrgbProfile);
  if (icc.empty()) return;
  PdfObject* catalog = doc_->GetCatalog();

  PdfObject* profile = doc_->GetObjects().CreateObject();
  profile->GetDictionary().AddKey("N", static_cast<pdf_int64>(3));
  profile->GetStream()->Set(icc.data(), static_cast<pdf_long>(icc.size()));
  PdfDictionary intent;
  intent.AddKey(PdfName::KeyType, PdfName("OutputIntent"));
  intent.AddKey("S", PdfName("GTS_PDFA1"));
  intent.AddKey("OutputConditionIdentifier", PdfString("sRGB IEC61966-2.1"));
  intent.AddKey("Info", PdfString("sRGB IEC61966-2.1"));
  intent.AddKey("DestOutputProfile", profile->Reference());
  PdfArray intents;
  intents.push_back(intent);
  catalog->GetDictionary().AddKey("OutputIntents", intents);

  // The XMP packet that names the file PDF/A-2b; stored unfiltered, as
  // metadata must be readable without decoding.
  const std::string date = utc_now_xmp();
  const std::string xmp =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
      "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
      "   <pdfaid:part>2</pdfaid:part>\n"
      "   <pdfaid:conformance>B</pdfaid:conformance>\n"
      "   <pdf:Producer>berkas</pdf:Producer>\n"
      "   <xmp:CreateDate>" +
      date + "</xmp:CreateDate>\n   <xmp:ModifyDate>" + date +
      "</xmp:ModifyDate>\n"
      "  </rdf:Description>\n"
      " </rdf:RDF>\n"
      "</x:xmpmeta>\n"
      "<?xpacket end=\"w\"?>";
  PdfObject* metadata = doc_->GetObjects().CreateObject("Metadata");
  metadata->GetDictionary().AddKey(PdfName::KeySubtype, PdfName("XML"));
  PdfMemoryInputStream in(xmp.data(), static_cast<pdf_long>(xmp.size()));
  metadata->GetStream()->SetRawData(&in, static_cast<pdf_long>(xmp.size()));
  catalog->GetDictionary().AddKey("Metadata", metadata->Reference());
  pdfa_ = true;
}

SearchablePdf::~SearchablePdf() = default;

PdfObject* SearchablePdf::font() {
  if (!font_) {
    PdfFont* helvetica =
        doc_->CreateFont("Helvetica", false, false, false, PdfEncodingFactory::GlobalWinAnsiEncodingInstance(),
                         PdfFontCache::eFontCreationFlags_AutoSelectBase14, false);
    if (!helvetica) throw Error(ErrorCode::Internal, "the PDF text font could not be created");
    helvetica->SetFontSize(1.0f);
    // A standard font needs no widths of its own: readers know Helvetica's.
    PdfDictionary& dict = helvetica->GetObject()->GetDictionary();
    if (const PdfObject* widths = dict.GetKey("Widths"); widths && widths->IsReference())
      delete doc_->GetObjects().RemoveObject(widths->GetReference());
    dict.RemoveKey("Widths");
    dict.RemoveKey("FirstChar");
    dict.RemoveKey("LastChar");
    metrics_ = helvetica->GetFontMetrics();
    font_ = helvetica->GetObject();
  }
  return font_;
}

void SearchablePdf::add_page(const SearchablePage& page) {
  try {
    add_page_objects(page);
  } catch (const PdfError& e) {
    throw Error(ErrorCode::Internal,
                std::string("the PDF page could not be made (") + PdfError::ErrorMessage(e.GetError()) + ")");
  }
}

void SearchablePdf::add_page_objects(const SearchablePage& page) {
  const double dpi = page.dpi > 0 ? page.dpi : 300.0;
  const double k = 72.0 / dpi;  // pixels -> points
  const double width = page.image.width * k, height = page.image.height * k;
  PdfPage* pdf_page = doc_->CreatePage(PdfRect(0, 0, width, height));
  if (!pdf_page) throw Error(ErrorCode::Internal, "the PDF page could not be created");
  if (const int rotate = (360 - page.clockwise % 360) % 360; rotate != 0)
    pdf_page->GetObject()->GetDictionary().AddKey("Rotate", static_cast<pdf_int64>(rotate));

  // The image, as stored.
  const PdfPageImage& image = page.image;
  PdfObject* xobject = doc_->GetObjects().CreateObject("XObject");
  PdfDictionary& d = xobject->GetDictionary();
  d.AddKey(PdfName::KeySubtype, PdfName("Image"));
  d.AddKey("Width", static_cast<pdf_int64>(image.width));
  d.AddKey("Height", static_cast<pdf_int64>(image.height));
  d.AddKey("BitsPerComponent", static_cast<pdf_int64>(image.bits));
  d.AddKey("ColorSpace", PdfName(image.components == 1 ? "DeviceGray" : "DeviceRGB"));
  const auto* bytes = reinterpret_cast<const char*>(image.data.data());
  const auto size = static_cast<pdf_long>(image.data.size());
  PdfMemoryInputStream in(bytes, size);
  xobject->GetStream()->SetRawData(&in, size);
  if (image.filter == PdfPageImage::Filter::Flate) {
    d.AddKey("Filter", PdfName("FlateDecode"));
  } else if (image.filter == PdfPageImage::Filter::Dct) {
    d.AddKey("Filter", PdfName("DCTDecode"));
  } else {
    d.AddKey("Filter", PdfName("CCITTFaxDecode"));
    PdfDictionary parms;
    parms.AddKey("K", static_cast<pdf_int64>(-1));
    parms.AddKey("Columns", static_cast<pdf_int64>(image.width));
    parms.AddKey("Rows", static_cast<pdf_int64>(image.height));
    d.AddKey("DecodeParms", parms);
  }
  pdf_page->AddResource("Im0", xobject->Reference(), "XObject");

  std::string content = "q ";
  number(content, width);
  content += "0 0 ";
  number(content, height);
  content += "0 0 cm /Im0 Do Q\n";

  // The words: each one's text matrix maps text space onto its box on the
  // page. With a font size of 1, text-space x runs along the word (scaled
  // so the word's Helvetica width fills the box) and y is one font size up.
  if (!page.words.empty()) {
    pdf_page->AddResource("F0", font()->Reference(), "Font");
    content += "BT 3 Tr /F0 1 Tf\n";
    for (const auto& w : page.words) {
      const std::string text = win_ansi(w.text);
      const double natural = text.empty() ? 0 : metrics_->StringWidth(text.c_str(), static_cast<pdf_long>(text.size()));
      if (natural <= 0 || w.box.width <= 0 || w.box.height <= 0) continue;
      // The word's centre, length and height on the page, in points.
      const auto to_pdf = [&](double x, double y) {
        const cv::Point2d p = apply(w.to_page, x, y);
        return cv::Point2d(p.x * k, height - p.y * k);
      };
      const double cx = w.box.x + w.box.width / 2.0, cy = w.box.y + w.box.height / 2.0;
      const cv::Point2d centre = to_pdf(cx, cy);
      const cv::Point2d along = to_pdf(w.box.x + w.box.width, cy) - to_pdf(w.box.x, cy);
      const double length = std::hypot(along.x, along.y);
      const cv::Point2d across = to_pdf(cx, w.box.y) - to_pdf(cx, w.box.y + w.box.height);
      const double size = std::hypot(across.x, across.y) / (kAscent + kDescent);
      // Laid straight along the nearest page axis: text readers (pdftotext,
      // a viewer's search) join slanted text letter by letter into garbage.
      // On a skewed photo the word's band then crosses its slanted image.
      const double quarter = std::round(std::atan2(along.y, along.x) / (M_PI / 2));
      const cv::Point2d dir(std::round(std::cos(quarter * M_PI / 2)), std::round(std::sin(quarter * M_PI / 2)));
      const cv::Point2d up(-dir.y, dir.x);
      // Text space: x along the word (its Helvetica width stretched over the
      // length), y one font size up; the box spans ascent above the baseline
      // to descent below, centred on the word's centre.
      const cv::Point2d origin = centre - dir * (length / 2) - up * (size * (kAscent - kDescent) / 2);
      number(content, dir.x * length / natural);
      number(content, dir.y * length / natural);
      number(content, up.x * size);
      number(content, up.y * size);
      number(content, origin.x);
      number(content, origin.y);
      content += "Tm ";
      literal(content, text);
      content += "Tj\n";
    }
    content += "ET\n";
  }
  pdf_page->GetContents()->GetStream()->Set(content.data(), static_cast<pdf_long>(content.size()));
  ++pages_;
}

void SearchablePdf::write(const std::filesystem::path& path) {
  if (pages_ == 0) throw Error(ErrorCode::InvalidArgument, "a PDF needs at least one page");
  // The document information dictionary would repeat what the XMP packet
  // says, and PDF/A wants the two to agree: only the producer is kept, in both.
  PdfDictionary& info = doc_->GetInfo()->GetObject()->GetDictionary();
  info.RemoveKey("CreationDate");
  info.RemoveKey("ModDate");
  info.AddKey("Producer", PdfString("berkas"));
  std::filesystem::path temporary = path;
  temporary += ".part";
  try {
    doc_->Write(temporary.c_str());
  } catch (const PdfError& e) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error(ErrorCode::Io, "could not write " + path.string() + " (" + PdfError::ErrorMessage(e.GetError()) + ")");
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) throw Error(ErrorCode::Io, "could not write " + path.string() + " (" + ec.message() + ")");
}

}  // namespace berkas
