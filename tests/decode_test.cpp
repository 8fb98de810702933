// The decoding stage: every scan format turns into the right pages (count,
// size, pixels, dpi), and every bad input into one clear error, never a crash,
// a hang or a library's chatter on stderr. All inputs are made here, in a
// private temporary folder.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "hostile_files.hpp"
#include "image/scan_reader.hpp"
#include "scan_writer.hpp"

namespace berkas {
namespace {

namespace fs = std::filesystem;

struct TempFolder {
  fs::path path;
  TempFolder() {
    char pattern[] = "/tmp/berkas-decode-XXXXXX";
    path = mkdtemp(pattern);
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

fs::path temp(const std::string& name) {
  static TempFolder folder;
  return folder.path / name;
}

fs::path write_file(const std::string& name, const std::string& bytes) {
  const auto path = temp(name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

fs::path truncated_copy(const fs::path& path, double keep) {
  const std::string bytes = read_file(path);
  return write_file("cut-" + path.filename().string(), bytes.substr(0, static_cast<size_t>(bytes.size() * keep)));
}

// A page: white, a black rectangle at a known place, some grey noise so that
// JPEG data is not trivially small.
constexpr int kW = 320, kH = 240;
const cv::Rect kSquare(100, 60, 48, 40);

cv::Mat page_image(bool colour) {
  cv::Mat grey(kH, kW, CV_8UC1, cv::Scalar(255));
  cv::RNG rng(7);
  for (int i = 0; i < 400; ++i)
    grey.at<uint8_t>(rng.uniform(150, kH), rng.uniform(0, kW)) = static_cast<uint8_t>(rng.uniform(180, 255));
  grey(kSquare).setTo(0);
  if (!colour) return grey;
  cv::Mat bgr;
  cv::cvtColor(grey, bgr, cv::COLOR_GRAY2BGR);
  cv::rectangle(bgr, cv::Rect(10, 10, 30, 20), cv::Scalar(0, 0, 255), cv::FILLED);  // red
  return bgr;
}

// The square is black inside and the paper white around it.
void expect_square(const cv::Mat& image, double scale = 1.0) {
  cv::Mat grey;
  if (image.channels() == 3)
    cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  else
    grey = image;
  const cv::Point centre(static_cast<int>((kSquare.x + kSquare.width / 2) * scale),
                         static_cast<int>((kSquare.y + kSquare.height / 2) * scale));
  EXPECT_LT(grey.at<uint8_t>(centre), 40) << "inside the square";
  EXPECT_GT(grey.at<uint8_t>(static_cast<int>(kSquare.y * scale / 2), static_cast<int>(kW * scale * 0.9)), 215)
      << "paper";
}

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

PixPtr to_pix(const cv::Mat& image, int depth, int dpi) {
  PixPtr pix(pixCreate(image.cols, image.rows, depth));
  for (int y = 0; y < image.rows; ++y) {
    l_uint32* line = pixGetData(pix.get()) + y * pixGetWpl(pix.get());
    for (int x = 0; x < image.cols; ++x) {
      if (depth == 1) {
        if (image.at<uint8_t>(y, x) < 128) SET_DATA_BIT(line, x);  // Leptonica: 1 = black
      } else if (depth == 8) {
        SET_DATA_BYTE(line, x, image.at<uint8_t>(y, x));
      } else {
        const auto p = image.at<cv::Vec3b>(y, x);
        line[x] = (static_cast<l_uint32>(p[2]) << 24) | (static_cast<l_uint32>(p[1]) << 16) | (p[0] << 8);
      }
    }
  }
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

std::string leptonica_bytes(l_uint8* data, size_t size) {
  std::string bytes(reinterpret_cast<char*>(data), size);
  lept_free(data);
  return bytes;
}

// One page of 216 x 216 pt (3 inches) with the given content and resources.
fs::path one_page_pdf(const std::string& name, const std::string& content, const std::string& resources,
                      const std::vector<std::string>& more_objects = {}) {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 216 216] /Contents 4 0 R /Resources << " + resources + " >> >>",
      stream("", content),
  };
  objects.insert(objects.end(), more_objects.begin(), more_objects.end());
  return write_file(name, make_pdf(objects));
}

const char* kVectorContent = "0 0 0 rg 72 72 72 72 re f BT /F1 24 Tf 20 180 Td (Hello) Tj ET";
const char* kVectorFont = "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>";

// The first error a user would see for the file: at open or at any page.
std::optional<Error> first_error(const fs::path& file, const DecodeLimits& limits = {}) {
  try {
    auto reader = ScanReader::open(file, limits);
    for (int i = 0; i < reader->page_count(); ++i) reader->read_page(i);
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

void expect_error(const fs::path& file, ErrorCode code, const std::string& text, const DecodeLimits& limits = {}) {
  testing::internal::CaptureStderr();
  const auto error = first_error(file, limits);
  const std::string chatter = testing::internal::GetCapturedStderr();
  ASSERT_TRUE(error.has_value()) << file.filename() << " was accepted";
  EXPECT_EQ(error->code(), code) << file.filename() << ": " << error->what();
  EXPECT_NE(std::string(error->what()).find(text), std::string::npos)
      << file.filename() << ": \"" << error->what() << "\" does not say \"" << text << "\"";
  EXPECT_EQ(chatter, "") << "a library printed on stderr for " << file.filename();
}

// ------------------------------------------------------------------ good inputs

TEST(Decode, PngKeepsPixelsAndDpi) {
  l_uint8* data = nullptr;
  size_t size = 0;
  auto pix = to_pix(page_image(true), 32, 200);
  ASSERT_EQ(pixWriteMemPng(&data, &size, pix.get(), 0), 0);
  const auto file = write_file("page.png", leptonica_bytes(data, size));

  auto reader = ScanReader::open(file);
  EXPECT_EQ(reader->media_type(), MediaType::Png);
  ASSERT_EQ(reader->page_count(), 1);
  const DecodedPage page = reader->read_page(0);
  EXPECT_EQ(page.number, 1);
  EXPECT_EQ(page.origin, "raster");
  EXPECT_EQ(page.image.type(), CV_8UC3);
  EXPECT_EQ(page.image.size(), cv::Size(kW, kH));
  EXPECT_EQ(page.dpi, 200);
  expect_square(page.image);
  EXPECT_EQ(page.image.at<cv::Vec3b>(20, 20), cv::Vec3b(0, 0, 255)) << "BGR order";
}

TEST(Decode, PngWithAlphaLandsOnWhite) {
  cv::Mat bgra(10, 10, CV_8UC4, cv::Scalar(0, 0, 0, 0));  // transparent black
  bgra.at<cv::Vec4b>(5, 5) = cv::Vec4b(0, 0, 0, 255);     // one opaque black pixel
  std::vector<uchar> png;
  cv::imencode(".png", bgra, png);
  const auto page = ScanReader::open(write_file("alpha.png", std::string(png.begin(), png.end())))->read_page(0);
  ASSERT_EQ(page.image.type(), CV_8UC3);
  EXPECT_EQ(page.image.at<cv::Vec3b>(0, 0), cv::Vec3b(255, 255, 255));
  EXPECT_EQ(page.image.at<cv::Vec3b>(5, 5), cv::Vec3b(0, 0, 0));
  EXPECT_EQ(page.dpi, 0) << "no pHYs";
}

TEST(Decode, JpegGreyWithDensity) {
  l_uint8* data = nullptr;
  size_t size = 0;
  auto pix = to_pix(page_image(false), 8, 300);
  ASSERT_EQ(pixWriteMemJpeg(&data, &size, pix.get(), 90, 0), 0);
  // Named .png on purpose: the content decides.
  auto reader = ScanReader::open(write_file("misnamed.png", leptonica_bytes(data, size)));
  EXPECT_EQ(reader->media_type(), MediaType::Jpeg);
  const DecodedPage page = reader->read_page(0);
  EXPECT_EQ(page.image.type(), CV_8UC1);
  EXPECT_EQ(page.image.size(), cv::Size(kW, kH));
  EXPECT_EQ(page.dpi, 300);
  expect_square(page.image);
}

TEST(Decode, TiffMixesG4AndLzwPages) {
  const auto file = temp("mixed.tif");
  const cv::Mat grey = page_image(false);
  ASSERT_EQ(pixWriteTiff(file.c_str(), to_pix(grey, 1, 200).get(), IFF_TIFF_G4, "w"), 0);
  ASSERT_EQ(pixWriteTiff(file.c_str(), to_pix(grey, 8, 150).get(), IFF_TIFF_LZW, "a"), 0);
  cv::Mat small;
  cv::resize(grey, small, {}, 0.5, 0.5, cv::INTER_AREA);
  ASSERT_EQ(pixWriteTiff(file.c_str(), to_pix(small, 1, 100).get(), IFF_TIFF_G4, "a"), 0);

  auto reader = ScanReader::open(file);
  EXPECT_EQ(reader->media_type(), MediaType::Tiff);
  ASSERT_EQ(reader->page_count(), 3);
  const DecodedPage one = reader->read_page(0), two = reader->read_page(1), three = reader->read_page(2);
  EXPECT_EQ(one.origin, "tiff");
  EXPECT_EQ(one.number, 1);
  EXPECT_EQ(three.number, 3);
  for (const auto* page : {&one, &two}) {
    EXPECT_EQ(page->image.type(), CV_8UC1);
    EXPECT_EQ(page->image.size(), cv::Size(kW, kH));
    expect_square(page->image);
  }
  EXPECT_EQ(three.image.size(), cv::Size(kW / 2, kH / 2));
  expect_square(three.image, 0.5);
  // Bilevel pages come out as 0 and 255 only.
  double low = 0, high = 0;
  cv::minMaxLoc(one.image, &low, &high);
  EXPECT_EQ(low, 0);
  EXPECT_EQ(high, 255);
  EXPECT_EQ(cv::countNonZero((one.image != 0) & (one.image != 255)), 0);
  EXPECT_EQ(cv::countNonZero(two.image != grey), 0) << "LZW is lossless";
  EXPECT_EQ(one.dpi, 200);
  EXPECT_EQ(two.dpi, 150);
  EXPECT_EQ(three.dpi, 100);
}

TEST(Decode, ScannedPdfPagesAreTheStoredJpegs) {
  const auto file = temp("scan.pdf");
  cv::Mat second;
  cv::resize(page_image(true), second, {}, 1.5, 1.5, cv::INTER_NEAREST);
  // 150 dpi: rendering at 300 dpi would give twice the size.
  samples::write_scanned_pdf(file, {page_image(true), second}, {92, 92}, 150);

  auto reader = ScanReader::open(file);
  EXPECT_EQ(reader->media_type(), MediaType::Pdf);
  ASSERT_EQ(reader->page_count(), 2);
  const DecodedPage one = reader->read_page(0), two = reader->read_page(1);
  EXPECT_EQ(one.origin, "pdf-image");
  EXPECT_EQ(one.image.type(), CV_8UC3);
  EXPECT_EQ(one.image.size(), cv::Size(kW, kH)) << "the stored image's size, not a rendering's";
  EXPECT_EQ(two.image.size(), cv::Size(kW * 3 / 2, kH * 3 / 2));
  EXPECT_EQ(one.dpi, 150);
  EXPECT_EQ(two.dpi, 150);
  EXPECT_EQ(two.number, 2);
  expect_square(one.image);
  expect_square(two.image, 1.5);
  // The very pixels of the stored JPEG.
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", page_image(true), jpeg, {cv::IMWRITE_JPEG_QUALITY, 92});
  cv::Mat direct = cv::imdecode(jpeg, cv::IMREAD_COLOR);
  EXPECT_LE(cv::norm(direct, one.image, cv::NORM_INF), 1.0);
}

TEST(Decode, LeptonicaG4AndFlatePdfsAreStoredImages) {
  // Leptonica 1.82 writes these PDFs with a missing "endobj"; poppler copes.
  const cv::Mat grey = page_image(false);
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(
      pixConvertToPdfData(to_pix(grey, 1, 200).get(), L_G4_ENCODE, 0, &data, &size, 0, 0, 200, nullptr, nullptr, 0), 0);
  const auto g4 = write_file("g4.pdf", leptonica_bytes(data, size));
  ASSERT_EQ(
      pixConvertToPdfData(to_pix(grey, 8, 100).get(), L_FLATE_ENCODE, 0, &data, &size, 0, 0, 100, nullptr, nullptr, 0),
      0);
  const auto flate = write_file("flate.pdf", leptonica_bytes(data, size));

  const DecodedPage bilevel = ScanReader::open(g4)->read_page(0);
  EXPECT_EQ(bilevel.origin, "pdf-image");
  EXPECT_EQ(bilevel.image.type(), CV_8UC1);
  EXPECT_EQ(bilevel.image.size(), cv::Size(kW, kH));
  EXPECT_EQ(bilevel.dpi, 200);
  expect_square(bilevel.image);
  cv::Mat expected_bits;
  cv::threshold(grey, expected_bits, 127, 255, cv::THRESH_BINARY);
  EXPECT_EQ(cv::countNonZero(bilevel.image != expected_bits), 0) << "CCITT G4 is lossless";

  const DecodedPage lossless = ScanReader::open(flate)->read_page(0);
  EXPECT_EQ(lossless.origin, "pdf-image");
  EXPECT_EQ(lossless.dpi, 100);
  ASSERT_EQ(lossless.image.size(), cv::Size(kW, kH));
  EXPECT_EQ(cv::countNonZero(lossless.image != grey), 0);
}

TEST(Decode, VectorPdfPageIsRendered) {
  const auto file = one_page_pdf("vector.pdf", kVectorContent, kVectorFont);
  const DecodedPage page = ScanReader::open(file)->read_page(0);
  EXPECT_EQ(page.origin, "pdf-render");
  EXPECT_EQ(page.dpi, 300);
  EXPECT_EQ(page.image.size(), cv::Size(900, 900)) << "3 x 3 inches at 300 dpi";
  ASSERT_EQ(page.image.type(), CV_8UC3);
  cv::Mat grey;
  cv::cvtColor(page.image, grey, cv::COLOR_BGR2GRAY);
  EXPECT_LT(grey.at<uint8_t>(450, 450), 30) << "the square (72..144 pt from the bottom left)";
  EXPECT_GT(grey.at<uint8_t>(800, 800), 240) << "paper";
  EXPECT_LT(cv::countNonZero(grey(cv::Rect(60, 0, 300, 250)) < 128), 300 * 250) << "text drawn";
  EXPECT_GT(cv::countNonZero(grey(cv::Rect(60, 0, 300, 250)) < 128), 100) << "text drawn";
}

TEST(Decode, PageWithImageAndVisibleTextIsRendered) {
  // A small image plus text: not a scan page.
  const std::string image = stream(
      "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
      "/BitsPerComponent 8",
      std::string("\x00\xff\xff\x00", 4));
  const auto file = one_page_pdf("mixed.pdf", std::string("q 50 0 0 50 10 10 cm /Im1 Do Q ") + kVectorContent,
                                 std::string(kVectorFont) + " /XObject << /Im1 5 0 R >>", {image});
  const DecodedPage page = ScanReader::open(file)->read_page(0);
  EXPECT_EQ(page.origin, "pdf-render");
  EXPECT_EQ(page.image.size(), cv::Size(900, 900));
}

TEST(Decode, InvisibleOcrTextKeepsTheStoredImage) {
  // As ocrmypdf writes: the scan, then text in render mode 3 over it.
  const std::string pixels(648 * 648, '\x80');
  const std::string image = stream(
      "/Type /XObject /Subtype /Image /Width 648 /Height 648 /ColorSpace /DeviceGray "
      "/BitsPerComponent 8 /Filter /FlateDecode",
      deflate(pixels));
  const auto file = one_page_pdf("ocr.pdf", "q 216 0 0 216 0 0 cm /Im1 Do Q BT 3 Tr /F1 12 Tf 10 10 Td (text) Tj ET",
                                 std::string(kVectorFont) + " /XObject << /Im1 5 0 R >>", {image});
  const DecodedPage page = ScanReader::open(file)->read_page(0);
  EXPECT_EQ(page.origin, "pdf-image");
  EXPECT_EQ(page.image.size(), cv::Size(648, 648));
  EXPECT_EQ(page.image.at<uint8_t>(100, 100), 0x80);
  EXPECT_EQ(page.dpi, 216) << "648 pixels over 3 inches";
}

TEST(Decode, StoredImageKeepsItsOrientationAndPalette) {
  // A 1-bit palette image (red, blue) on a page turned by /Rotate 90: the
  // image comes as stored, 40 x 20, in its own colours.
  std::string bits;
  for (int y = 0; y < 20; ++y) bits += std::string(5, y < 10 ? '\x00' : '\xff');  // top red, bottom blue
  const std::string image = stream(
      "/Type /XObject /Subtype /Image /Width 40 /Height 20 /BitsPerComponent 1 "
      "/ColorSpace [/Indexed /DeviceRGB 1 <FF00000000FF>] /Filter /FlateDecode",
      deflate(bits));
  const std::string pdf = make_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 144] /Rotate 90 /Contents 4 0 R "
                                    "/Resources << /XObject << /Im1 5 0 R >> >> >>",
                                    stream("", "q 288 0 0 144 0 0 cm /Im1 Do Q"), image});
  const DecodedPage page = ScanReader::open(write_file("turned.pdf", pdf))->read_page(0);
  EXPECT_EQ(page.origin, "pdf-image");
  ASSERT_EQ(page.image.size(), cv::Size(40, 20));
  ASSERT_EQ(page.image.type(), CV_8UC3);
  EXPECT_EQ(page.image.at<cv::Vec3b>(2, 5), cv::Vec3b(0, 0, 255));
  EXPECT_EQ(page.image.at<cv::Vec3b>(17, 35), cv::Vec3b(255, 0, 0));
  EXPECT_EQ(page.dpi, 10) << "40 pixels over 4 inches";
}

TEST(Decode, PdfWithOwnerPasswordOnlyOpens) {
  const auto plain = one_page_pdf("open.pdf", kVectorContent, kVectorFont);
  const auto locked = temp("owner-only.pdf");
  const std::string command = "qpdf --encrypt '' owner 256 -- '" + plain.string() + "' '" + locked.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const DecodedPage page = ScanReader::open(locked)->read_page(0);
  EXPECT_EQ(page.image.size(), cv::Size(900, 900));
}

TEST(Decode, ReadersWorkInParallel) {
  const auto pdf = one_page_pdf("parallel.pdf", kVectorContent, kVectorFont);
  const auto png = temp("parallel.png");
  samples::write_png(png, page_image(false));
  bool ok[4] = {};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      try {
        auto reader = ScanReader::open(t % 2 ? pdf : png);
        ok[t] = !reader->read_page(0).image.empty();
      } catch (...) {
      }
    });
  for (auto& thread : threads) thread.join();
  for (bool b : ok) EXPECT_TRUE(b);
}

// ------------------------------------------------------------------ bad inputs

TEST(DecodeRefuses, MissingAndEmptyFiles) {
  expect_error(temp("nothing-here.png"), ErrorCode::NotFound, "no such file");
  expect_error(write_file("empty.pdf", ""), ErrorCode::CorruptInput, "empty file");
}

TEST(DecodeRefuses, TextNamedJpg) {
  expect_error(write_file("notes.jpg", "This is a text file, not a photo.\n"), ErrorCode::Unsupported,
               "not a scan: the content is not PNG, JPEG, TIFF or PDF");
}

TEST(DecodeRefuses, TruncatedRasters) {
  const auto jpg = temp("whole.jpg");
  const auto png = temp("whole.png");
  samples::write_jpeg(jpg, page_image(true), 90);
  samples::write_png(png, page_image(true));
  expect_error(truncated_copy(jpg, 0.6), ErrorCode::CorruptInput, "truncated JPEG");
  expect_error(truncated_copy(png, 0.6), ErrorCode::CorruptInput, "truncated PNG");
  // Cut inside the headers.
  expect_error(truncated_copy(jpg, 0.02), ErrorCode::CorruptInput, "JPEG");
  // Only the final EOI marker missing.
  const std::string whole = read_file(jpg);
  expect_error(write_file("no-eoi.jpg", whole.substr(0, whole.size() - 2)), ErrorCode::CorruptInput, "truncated JPEG");
}

TEST(DecodeRefuses, TruncatedTiff) {
  const auto file = temp("whole.tif");
  samples::write_tiff(file, {page_image(false), page_image(false), page_image(false)}, false, 200);
  expect_error(truncated_copy(file, 0.5), ErrorCode::CorruptInput, "truncated TIFF");
  expect_error(truncated_copy(file, 0.001), ErrorCode::CorruptInput, "truncated TIFF");
  // A cut file still gives its complete pages.
  auto reader = ScanReader::open(truncated_copy(file, 0.5));
  EXPECT_EQ(reader->read_page(0).image.size(), cv::Size(kW, kH));
}

TEST(DecodeRefuses, PngClaimingHugeSize) {
  // IHDR says 60000 x 60000 (3.6 GB grey) with a correct CRC; the data is tiny.
  const std::string png = png_claiming(60000, 60000);
  expect_error(write_file("bomb.png", png), ErrorCode::LimitExceeded,
               "60000 x 60000 pixels exceeds the limit of 150000000 per page");
}

TEST(DecodeRefuses, GarbageAfterPdfHeader) {
  std::string garbage = "%PDF-1.7\n";
  cv::RNG rng(3);
  for (int i = 0; i < 20000; ++i) garbage += static_cast<char>(rng.uniform(0, 256));
  expect_error(write_file("garbage.pdf", garbage), ErrorCode::CorruptInput, "no readable document structure");
}

TEST(DecodeRefuses, TruncatedScannedPdf) {
  const auto file = temp("scan-to-cut.pdf");
  samples::write_scanned_pdf(file, {page_image(true), page_image(true)}, {92, 92}, 150);
  // Cut in the second page's JPEG data (the cross-reference table is lost too).
  const auto error = first_error(truncated_copy(file, 0.8));
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), ErrorCode::CorruptInput) << error->what();
}

TEST(DecodeRefuses, PdfWithTenThousandPages) {
  expect_error(write_file("many.pdf", pdf_with_pages(10000)), ErrorCode::LimitExceeded,
               "too many pages (10000; the limit is 2000)");
}

TEST(DecodeRefuses, TiffWithTooManyPages) {
  const auto file = temp("three.tif");
  samples::write_tiff(file, {page_image(false), page_image(false), page_image(false)}, true, 200);
  DecodeLimits limits;
  limits.max_pages = 2;
  expect_error(file, ErrorCode::LimitExceeded, "too many pages (3; the limit is 2)", limits);
}

TEST(DecodeRefuses, EncryptedPdf) {
  const auto plain = one_page_pdf("secret-plain.pdf", kVectorContent, kVectorFont);
  const auto locked = temp("secret.pdf");
  const std::string command = "qpdf --encrypt user owner 256 -- '" + plain.string() + "' '" + locked.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  expect_error(locked, ErrorCode::Unsupported, "encrypted PDF (password protected)");
}

TEST(DecodeRefuses, PdfImageClaimingHugeSize) {
  const std::string image = stream(
      "/Type /XObject /Subtype /Image /Width 100000 /Height 100000 "
      "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
      deflate(std::string(10000, '\0')));
  const auto file =
      one_page_pdf("huge-image.pdf", "q 216 0 0 216 0 0 cm /Im1 Do Q", "/XObject << /Im1 5 0 R >>", {image});
  auto reader = ScanReader::open(file);  // the file as a whole is fine
  try {
    reader->read_page(0);
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::LimitExceeded);
    EXPECT_NE(std::string(e.what()).find("100000 x 100000 pixels exceeds the limit"), std::string::npos) << e.what();
  }
}

TEST(DecodeRefuses, PdfContentBomb) {
  // 100 MB of spaces in a page's content stream, about 100 KB compressed.
  const std::string bomb = deflate(std::string(100u << 20, ' '), 1);
  ASSERT_LT(bomb.size(), 2u << 20);
  const auto file = write_file(
      "content-bomb.pdf", make_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 216 216] /Contents 4 0 R >>",
                                    stream("/Filter /FlateDecode", bomb)}));
  expect_error(file, ErrorCode::LimitExceeded, "page content too large");
}

TEST(DecodeRefuses, PdfImageDataThatEndsEarly) {
  const std::string image = stream(
      "/Type /XObject /Subtype /Image /Width 100 /Height 100 "
      "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
      deflate(std::string(100 * 40, '\x40')));
  const auto file =
      one_page_pdf("short-image.pdf", "q 216 0 0 216 0 0 cm /Im1 Do Q", "/XObject << /Im1 5 0 R >>", {image});
  expect_error(file, ErrorCode::CorruptInput, "corrupt image data");
}

TEST(DecodeRefuses, FilesOverTheSizeLimit) {
  const auto file = temp("big-enough.png");
  samples::write_png(file, page_image(false));
  DecodeLimits limits;
  limits.max_file_bytes = 100;
  expect_error(file, ErrorCode::LimitExceeded, "file too large", limits);
}

TEST(DecodeRefuses, PagesOverTheTimeLimit) {
  const auto file = temp("slow.jpg");
  samples::write_jpeg(file, page_image(true), 90);
  DecodeLimits limits;
  limits.max_seconds_per_page = 0;
  expect_error(file, ErrorCode::LimitExceeded, "decoding took", limits);
  expect_error(one_page_pdf("slow.pdf", kVectorContent, kVectorFont), ErrorCode::LimitExceeded, "decoding took",
               limits);
}

}  // namespace
}  // namespace berkas
