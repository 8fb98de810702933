#include "scan_writer.hpp"

#include <leptonica/allheaders.h>
#include <podofo/podofo.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.hpp"

namespace berkas::samples {
namespace {

void fail(const std::filesystem::path& path, const std::string& why) {
  throw Error(ErrorCode::Io, "cannot write " + path.string() + ": " + why);
}

// Owns a Leptonica Pix.
struct PixHandle {
  PIX* pix = nullptr;
  ~PixHandle() {
    if (pix) pixDestroy(&pix);
  }
};

void to_pix(const cv::Mat& image, bool one_bit, int dpi, PixHandle& out) {
  if (one_bit) {
    cv::Mat bw = bilevel(image);
    out.pix = pixCreate(bw.cols, bw.rows, 1);
    for (int y = 0; y < bw.rows; ++y) {
      l_uint32* line = pixGetData(out.pix) + y * pixGetWpl(out.pix);
      const uchar* row = bw.ptr<uchar>(y);
      for (int x = 0; x < bw.cols; ++x)
        if (row[x] == 0) SET_DATA_BIT(line, x);  // Leptonica: 1 = black
    }
  } else if (image.channels() == 1) {
    out.pix = pixCreate(image.cols, image.rows, 8);
    for (int y = 0; y < image.rows; ++y) {
      l_uint32* line = pixGetData(out.pix) + y * pixGetWpl(out.pix);
      const uchar* row = image.ptr<uchar>(y);
      for (int x = 0; x < image.cols; ++x) SET_DATA_BYTE(line, x, row[x]);
    }
  } else {
    out.pix = pixCreate(image.cols, image.rows, 32);
    for (int y = 0; y < image.rows; ++y) {
      l_uint32* line = pixGetData(out.pix) + y * pixGetWpl(out.pix);
      const cv::Vec3b* row = image.ptr<cv::Vec3b>(y);
      for (int x = 0; x < image.cols; ++x)
        line[x] = (static_cast<l_uint32>(row[x][2]) << 24) | (static_cast<l_uint32>(row[x][1]) << 16) |
                  (static_cast<l_uint32>(row[x][0]) << 8);
    }
    pixSetSpp(out.pix, 3);
  }
  pixSetResolution(out.pix, dpi, dpi);
}

}  // namespace

cv::Mat bilevel(const cv::Mat& image) {
  cv::Mat gray, bw;
  if (image.channels() == 3)
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  else
    gray = image;
  cv::threshold(gray, bw, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  return bw;
}

void write_png(const std::filesystem::path& path, const cv::Mat& image) {
  if (!cv::imwrite(path.string(), image, {cv::IMWRITE_PNG_COMPRESSION, 6})) fail(path, "PNG encoder failed");
}

void write_jpeg(const std::filesystem::path& path, const cv::Mat& image, int quality) {
  if (!cv::imwrite(path.string(), image, {cv::IMWRITE_JPEG_QUALITY, quality})) fail(path, "JPEG encoder failed");
}

void write_tiff(const std::filesystem::path& path, const std::vector<cv::Mat>& pages, bool one_bit, int dpi) {
  for (size_t i = 0; i < pages.size(); ++i) {
    PixHandle pix;
    to_pix(pages[i], one_bit, dpi, pix);
    if (pixWriteTiff(path.c_str(), pix.pix, one_bit ? IFF_TIFF_G4 : IFF_TIFF_LZW, i == 0 ? "w" : "a") != 0)
      fail(path, "TIFF encoder failed on page " + std::to_string(i + 1));
  }
}

std::vector<uchar> encode_jpeg(const cv::Mat& image, int quality) {
  std::vector<uchar> buf;
  cv::imencode(".jpg", image, buf, {cv::IMWRITE_JPEG_QUALITY, quality});
  return buf;
}

struct ScannedPdfWriter::State {
  PoDoFo::PdfMemDocument pdf;
};

ScannedPdfWriter::ScannedPdfWriter(int dpi) : state_(std::make_unique<State>()), dpi_(dpi) {}
ScannedPdfWriter::~ScannedPdfWriter() = default;

void ScannedPdfWriter::add_page(const std::vector<uchar>& jpeg, cv::Size size) {
  const double pt = 72.0 / dpi_;
  PoDoFo::PdfPage* page = state_->pdf.CreatePage(PoDoFo::PdfRect(0, 0, size.width * pt, size.height * pt));
  PoDoFo::PdfImage pdf_image(&state_->pdf);
  pdf_image.LoadFromData(jpeg.data(), static_cast<PoDoFo::pdf_long>(jpeg.size()));
  PoDoFo::PdfPainter painter;
  painter.SetPage(page);
  painter.DrawImage(0, 0, &pdf_image, pt, pt);
  painter.FinishPage();
}

void ScannedPdfWriter::write(const std::filesystem::path& path) {
  try {
    // Fixed metadata: same pages -> same bytes (the file /ID hashes Info).
    auto& info = state_->pdf.GetInfo()->GetObject()->GetDictionary();
    info.AddKey("CreationDate", PoDoFo::PdfString("D:20260101000000Z"));
    info.AddKey("Producer", PoDoFo::PdfString("berkas sample generator"));
    info.RemoveKey("ModDate");
    state_->pdf.Write(path.c_str());
  } catch (const PoDoFo::PdfError& e) {
    fail(path, std::string("PDF writer: ") + PoDoFo::PdfError::ErrorMessage(e.GetError()));
  }
}

void write_scanned_pdf(const std::filesystem::path& path, const std::vector<cv::Mat>& pages,
                       const std::vector<int>& jpeg_quality, int dpi) {
  ScannedPdfWriter writer(dpi);
  try {
    for (size_t i = 0; i < pages.size(); ++i) writer.add_page(encode_jpeg(pages[i], jpeg_quality[i]), pages[i].size());
  } catch (const PoDoFo::PdfError& e) {
    fail(path, std::string("PDF writer: ") + PoDoFo::PdfError::ErrorMessage(e.GetError()));
  }
  writer.write(path);
}

}  // namespace berkas::samples
