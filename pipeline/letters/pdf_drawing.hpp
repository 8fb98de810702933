// What berkas's PDF layouts share (letters, separator sheets): Unicode text
// for PoDoFo 0.9.8, embedded subset Liberation fonts with Identity encoding,
// and QR codes drawn as one 1-bit image.
#pragma once

#include <podofo/podofo.h>

#include <string>

namespace berkas {

inline constexpr const char* kSerifRegularFont = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf";
inline constexpr const char* kSerifBoldFont = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf";
inline constexpr const char* kSansRegularFont = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf";
inline constexpr const char* kSansBoldFont = "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf";

PoDoFo::PdfString pdf_text(const std::string& utf8);

// A subset of the TrueType font at `path` ("Liberation Serif", bold or not),
// Unicode (Identity) encoded: with the default encoding, non-Latin-1 glyphs
// vanish silently. Throws berkas::Error NotFound when the font is missing.
PoDoFo::PdfFont* embed_font_subset(PoDoFo::PdfDocument& doc, const char* family, bool bold, const char* path);

enum class QrLevel { L, M, Q, H };

// The QR code of `text` as a 1-bit image, one pixel per module, scaled
// without smoothing, its top-left corner at (x, top) and `size` points wide
// including `quiet_modules` white modules on each side.
void draw_qr(PoDoFo::PdfDocument& doc, PoDoFo::PdfPainter& p, const std::string& text, double x, double top,
             double size, QrLevel level = QrLevel::M, int quiet_modules = 0);

}  // namespace berkas
