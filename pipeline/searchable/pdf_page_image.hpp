// A scanned page's image as a PDF image stream, without losing anything:
// JPEG data embedded as stored (no second compression), a black-and-white
// page as CCITT G4 (what fax and archive scanners store), any other page
// losslessly (Flate).
#pragma once

#include <cstdint>
#include <vector>

#include "image/scan_reader.hpp"

namespace berkas {

struct PdfPageImage {
  enum class Filter { Dct, CcittG4, Flate };
  Filter filter = Filter::Flate;
  std::vector<uint8_t> data;  // the encoded stream (Flate: rows of 1 grey or 3 RGB bytes per pixel)
  int width = 0;
  int height = 0;
  int components = 1;  // 1 grey, 3 RGB
  int bits = 8;        // 1 for CcittG4 (black = 0)
};

PdfPageImage encode_page_image(const DecodedPage& page);

}  // namespace berkas
