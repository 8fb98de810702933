#include "letters/pdf_drawing.hpp"

#include <qrencode.h>

#include "core/error.hpp"

namespace berkas {

using namespace PoDoFo;

PdfString pdf_text(const std::string& utf8) { return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str())); }

PdfFont* embed_font_subset(PdfDocument& doc, const char* family, bool bold, const char* path) {
  PdfFont* font =
      doc.CreateFontSubset(family, bold, false, false, PdfEncodingFactory::GlobalIdentityEncodingInstance(), path);
  if (font == nullptr)
    throw Error(ErrorCode::NotFound, std::string("the fonts (fonts-liberation) are not installed: ") + path);
  return font;
}

void draw_qr(PdfDocument& doc, PdfPainter& p, const std::string& text, double x, double top, double size, QrLevel level,
             int quiet_modules) {
  static constexpr QRecLevel kLevels[] = {QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H};
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, kLevels[static_cast<int>(level)], QR_MODE_8, 1);
  if (qr == nullptr) throw Error(ErrorCode::Internal, "cannot encode the QR code");
  const int modules = qr->width, q = quiet_modules, n = modules + 2 * q, row_bytes = (n + 7) / 8;
  std::string bits(static_cast<size_t>(row_bytes * n), '\xff');  // DeviceGray 1-bit: 1 is white
  for (int r = 0; r < modules; ++r)
    for (int c = 0; c < modules; ++c)
      if (qr->data[r * modules + c] & 1) {
        const int row = r + q, col = c + q;
        bits[static_cast<size_t>(row * row_bytes + col / 8)] &= static_cast<char>(~(0x80 >> (col % 8)));
      }
  QRcode_free(qr);
  PdfImage image(&doc);
  image.SetImageColorSpace(ePdfColorSpace_DeviceGray);
  image.SetInterpolate(false);
  PdfMemoryInputStream stream(bits.data(), static_cast<pdf_long>(bits.size()));
  image.SetImageData(static_cast<unsigned>(n), static_cast<unsigned>(n), 1, &stream);
  p.DrawImage(x, top - size, &image, size / n, size / n);
}

}  // namespace berkas
