#include "searchable/pdf_page_image.hpp"

#include <leptonica/allheaders.h>
#include <zlib.h>

#include <memory>
#include <opencv2/core.hpp>

#include "core/error.hpp"

namespace berkas {
namespace {

bool black_and_white(const cv::Mat& grey) {
  for (int y = 0; y < grey.rows; ++y) {
    const uint8_t* row = grey.ptr<uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x)
      if (row[x] != 0 && row[x] != 255) return false;
  }
  return true;
}

// Leptonica's G4 encoder (through libtiff) on a 1-bit copy of the page.
std::vector<uint8_t> encode_g4(const cv::Mat& grey) {
  std::unique_ptr<Pix, void (*)(Pix*)> pix(pixCreate(grey.cols, grey.rows, 1), [](Pix* p) { pixDestroy(&p); });
  if (!pix) throw Error(ErrorCode::LimitExceeded, "not enough memory for the page image");
  for (int y = 0; y < grey.rows; ++y) {
    const uint8_t* row = grey.ptr<uint8_t>(y);
    l_uint32* line = pixGetData(pix.get()) + static_cast<size_t>(y) * pixGetWpl(pix.get());
    for (int x = 0; x < grey.cols; ++x)
      if (row[x] == 0) SET_DATA_BIT(line, x);  // Leptonica: 1 = black
  }
  L_COMP_DATA* cid = nullptr;
  if (pixGenerateCIData(pix.get(), L_G4_ENCODE, 0, 0, &cid) != 0 || !cid)
    throw Error(ErrorCode::Internal, "G4 encoding of the page failed");
  std::vector<uint8_t> out(cid->datacomp, cid->datacomp + cid->nbytescomp);
  l_CIDataDestroy(&cid);
  return out;
}

}  // namespace

PdfPageImage encode_page_image(const DecodedPage& page) {
  const cv::Mat& image = page.image;
  PdfPageImage out;
  out.width = image.cols;
  out.height = image.rows;
  out.components = image.channels() == 1 ? 1 : 3;
  if (!page.jpeg.empty()) {
    out.filter = PdfPageImage::Filter::Dct;
    out.data = page.jpeg;
    return out;
  }
  if (image.channels() == 1 && black_and_white(image)) {
    out.filter = PdfPageImage::Filter::CcittG4;
    out.bits = 1;
    out.data = encode_g4(image);
    return out;
  }
  out.filter = PdfPageImage::Filter::Flate;
  std::vector<uint8_t> samples(static_cast<size_t>(image.cols) * image.rows * out.components);
  uint8_t* o = samples.data();
  for (int y = 0; y < image.rows; ++y) {
    const uint8_t* row = image.ptr<uint8_t>(y);
    if (out.components == 1) {
      o = std::copy(row, row + image.cols, o);
    } else {
      for (int x = 0; x < image.cols; ++x, row += 3) *o++ = row[2], *o++ = row[1], *o++ = row[0];  // BGR -> RGB
    }
  }
  uLongf size = compressBound(samples.size());
  out.data.resize(size);
  if (compress2(out.data.data(), &size, samples.data(), samples.size(), 6) != Z_OK)
    throw Error(ErrorCode::LimitExceeded, "not enough memory to compress the page image");
  out.data.resize(size);
  return out;
}

}  // namespace berkas
