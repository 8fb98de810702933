// Lays out an official letter (Bahasa Indonesia) as an A4 PDF with PoDoFo:
// letterhead (kop surat) with emblem and double rule, place and date,
// Nomor / Sifat / Lampiran / Hal, addressee, justified body, signature
// block (a.n. / Plt. / Plh. when the signer stands in), verification QR
// code, copies (tembusan) and the electronic-signature footer. Minutes of a
// batch of claims (berita acara) add a table that repeats its header on
// every page, and page numbers. Embedded, subset Unicode fonts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "letters/letter_template.hpp"
#include "letters/office_config.hpp"

namespace PoDoFo {
class PdfMemDocument;
}

namespace berkas {

struct LetterSigner {
  Official official;
  // a.n. / Plt. / Plh. when the signer signs for the head of office
  // (`for_position`), else empty.
  std::string delegation, for_position;
};

struct LetterContent {
  const OfficeConfig* office = nullptr;
  const LetterTemplate* kind = nullptr;
  std::map<std::string, std::string> values;             // the placeholders' values
  std::vector<std::map<std::string, std::string>> rows;  // minutes: one per claim (row.* and the case's values)
  std::string number;
  Date date;
  std::vector<LetterSigner> signers;
  std::string verification_url;  // in the QR code
  long letter_id = 0;
  std::string content_sha256;
};

// The letter's text as it will be printed, in order: what content_sha256
// is taken over (the QR code's reference to the letter's content).
std::string letter_text(const LetterContent& letter);

// Where what depends on the number goes (the number itself, and the QR code
// whose content hash covers it) in a letter laid out before its number is
// drawn: the layout is the slow part, and the number's lock is held only
// while the number is stamped in and the letter signed (see letter_issuer).
struct LetterStamp {
  int number_page = 0;
  double number_x = 0, number_y = 0, number_size = 12;
  bool number_centered = false;
  std::string number_prefix;  // "Nomor: " where the line is centered
  int qr_page = 0;
  double qr_x = 0, qr_top = 0, qr_size = 56;
};

// The letter laid out as an unsigned PDF without its number and QR code,
// whose places are recorded in `stamp`; stamp_letter draws them in the
// update sign_pdf makes.
std::string render_letter_pdf(const LetterContent& letter, LetterStamp& stamp);

// Draws the number, the QR code (letter.verification_url) and the content
// hash into a letter laid out with a stamp; for sign_pdf's edit.
void stamp_letter(PoDoFo::PdfMemDocument& doc, const LetterStamp& stamp, const LetterContent& letter);

}  // namespace berkas
