// A decoded page made ready for a searchable PDF: its image as stored, and
// the words the read pipeline finds on it. Every document on the page is
// found, turned upright, straightened and cleaned before it is read, and its
// words are carried back onto the page as stored.
#pragma once

#include "image/scan_reader.hpp"
#include "searchable/searchable_pdf.hpp"

namespace berkas {

class DocumentReader;

SearchablePage searchable_page(const DecodedPage& page, DocumentReader& reader);

}  // namespace berkas
