// Files that test berkas against hostile or broken input, made in memory
// (shared by the decoder's and the CLI's tests).
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace berkas {

// A PDF from numbered object bodies (object i + 1 is bodies[i]), with a
// correct cross-reference table. Object 1 must be the catalog.
inline std::string make_pdf(const std::vector<std::string>& bodies) {
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < bodies.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(bodies.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(bodies.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

inline std::string stream(const std::string& dict_entries, const std::string& data) {
  return "<< " + dict_entries + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

inline std::string deflate(const std::string& data, int level = 6) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
            static_cast<uLong>(data.size()), level);
  out.resize(size);
  return out;
}

// A PNG whose header claims width x height 8-bit grey pixels (with a
// correct CRC) while its data is tiny: a decompression bomb's calling card.
inline std::string png_claiming(uint32_t width, uint32_t height) {
  std::string png = "\x89PNG\r\n\x1a\n";
  const auto chunk = [&](const std::string& type, const std::string& data) {
    const uint32_t length = static_cast<uint32_t>(data.size());
    for (int shift = 24; shift >= 0; shift -= 8) png += static_cast<char>((length >> shift) & 0xff);
    const std::string body = type + data;
    png += body;
    const uint32_t crc =
        static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
    for (int shift = 24; shift >= 0; shift -= 8) png += static_cast<char>((crc >> shift) & 0xff);
  };
  std::string ihdr;
  for (uint32_t v : {width, height})
    for (int shift = 24; shift >= 0; shift -= 8) ihdr += static_cast<char>((v >> shift) & 0xff);
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);
  chunk("IHDR", ihdr);
  chunk("IDAT", deflate(std::string(1000, '\0')));
  chunk("IEND", "");
  return png;
}

// A PDF of `pages` empty pages.
inline std::string pdf_with_pages(int pages) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", ""};
  std::string kids;
  for (int i = 0; i < pages; ++i) {
    kids += std::to_string(i + 3) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>";
  return make_pdf(objects);
}

}  // namespace berkas
