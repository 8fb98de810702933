// PDF pages, with poppler's core library (Debian's libpoppler-private-dev;
// the headers are poppler's internal API, pinned here to Debian 12's 22.12).
//
// Why poppler and not PoDoFo 0.9.8 for reading: PoDoFo 0.9.8 gives up on
// files every viewer opens (offsets shifted by a few bytes, Leptonica 1.82's
// PDFs with a missing "endobj"), cannot rebuild a damaged cross-reference
// table, and inflates every object stream whole into memory when it loads a
// file (a bomb there cannot be stopped). poppler reads lazily, repairs
// damaged files, decodes every image filter (DCT, CCITT G3/G4, Flate with
// predictors, JBIG2, JPX, LZW, RunLength) and every colour space, and lets a
// rendering be interrupted. This file must be the only user of poppler in
// the process: it owns poppler's global parameters (poppler-cpp would reset
// them).
//
// For each page:
//  1. Guard: the page's content streams (and those of its forms and tiling
//     patterns) are decoded once, counting bytes, with a budget; every image
//     XObject of its resources is checked against the pixel limit by its
//     /Width and /Height. Nothing of an image's size is allocated yet.
//  2. Probe: poppler interprets the page with a device that only notes what
//     is painted (images with their placement, and whether anything else is
//     visible: paths, visible text, shadings, other images). Invisible text
//     (OCR layers, render mode 3) paints nothing.
//  3. A page that draws exactly one image covering (nearly) the whole page
//     and nothing else visible is a scan: the image is taken as stored, at
//     its own size, in its own orientation (the page's /Rotate and the
//     image's placement are not applied). JPEG (DCTDecode) data is decoded
//     by the same strict decoder as JPEG files, every other filter by
//     poppler's own stream decoders; the samples then go through poppler's
//     colour map (Decode, Indexed, CMYK, ICC), row by row into a buffer of
//     the image's (already checked) size.
//  4. Any other page is rendered (Splash) at render_dpi as it is displayed,
//     after checking the page size in pixels against the limit; a scan page
//     whose image format the stored path does not handle (16 bits per
//     component) is rendered at the image's own resolution.
//
// Encryption: poppler tries the empty user password, as every viewer does.
// A PDF that opens with it (owner-password "protection", e.g. no printing)
// is read like any other; one that needs a password is refused as
// "encrypted PDF (password protected)".
#include <Error.h>
#include <ErrorCodes.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <Object.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <XRef.h>
#include <goo/GooString.h>
#include <splash/SplashBitmap.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <set>
#include <utility>

#include "image/scan_pages.hpp"

namespace berkas::scan {
namespace {

// Decoded content (page, forms, tiling patterns) allowed per page. Parsing
// runs at roughly 100 MB/s; real pages stay far below this.
constexpr uint64_t kMaxContentBytes = 64ull << 20;
// Form XObjects and patterns visited per page.
constexpr int kMaxResourceNodes = 10000;
constexpr int kMaxResourceDepth = 32;
// Share of the page the single image must cover, and of the image that must
// lie on the page, for the page to count as one stored image.
constexpr double kMinCoverage = 0.9;

// Errors poppler reports while this thread decodes something. Syntax
// warnings are not counted: poppler works around them.
thread_local int t_poppler_errors = 0;
thread_local std::string t_first_poppler_error;

void count_poppler_error(ErrorCategory category, Goffset, const char* message) {
  if (category != errSyntaxError && category != errIO && category != errInternal) return;
  if (t_poppler_errors++ == 0) t_first_poppler_error = message ? message : "";
}

void reset_poppler_errors() {
  t_poppler_errors = 0;
  t_first_poppler_error.clear();
}

std::string count_text(double value) {
  if (!(value < 1e15)) return "more than 10^15";
  return std::to_string(static_cast<long long>(value));
}

// ---------------------------------------------------------------- guard

class ResourceGuard {
 public:
  ResourceGuard(const DecodeLimits& limits, const Deadline& deadline) : limits_(limits), deadline_(deadline) {}

  void check_page(::Page* page) {
    ::Object contents = page->getContents();
    measure_content(contents);
    check_resources(page->getResourceDict(), 0);
  }

 private:
  void measure_content(const ::Object& contents) {
    if (contents.isStream()) {
      measure(contents.getStream());
    } else if (contents.isArray()) {
      for (int i = 0; i < contents.arrayGetLength(); ++i) {
        ::Object part = contents.arrayGet(i);
        if (part.isStream()) measure(part.getStream());
      }
    }
  }

  void measure(::Stream* stream) {
    std::vector<unsigned char> buffer(1 << 16);
    stream->reset();
    int got = 0;
    while ((got = stream->doGetChars(static_cast<int>(buffer.size()), buffer.data())) > 0) {
      used_ += static_cast<uint64_t>(got);
      if (used_ > kMaxContentBytes) {
        stream->close();
        throw Error(ErrorCode::LimitExceeded, "page content too large (more than " +
                                                  std::to_string(kMaxContentBytes >> 20) + " MB once decompressed)");
      }
      if (deadline_.expired()) {
        stream->close();
        deadline_.fail();
      }
    }
    stream->close();
  }

  void check_resources(Dict* resources, int depth) {
    if (!resources || depth > kMaxResourceDepth) return;
    for (const char* kind : {"XObject", "Pattern"}) {
      ::Object dict = resources->lookup(kind);
      if (!dict.isDict()) continue;
      for (int i = 0; i < dict.getDict()->getLength(); ++i) {
        const ::Object& entry = dict.getDict()->getValNF(i);
        if (entry.isRef() && !seen_.insert({entry.getRef().num, entry.getRef().gen}).second) continue;
        if (++nodes_ > kMaxResourceNodes)
          throw Error(ErrorCode::LimitExceeded,
                      "page too complex (more than " + std::to_string(kMaxResourceNodes) + " forms and patterns)");
        ::Object value = dict.getDict()->getVal(i);
        if (!value.isStream()) continue;
        Dict* stream_dict = value.streamGetDict();
        ::Object subtype = stream_dict->lookup("Subtype");
        if (subtype.isName("Image")) {
          check_image(stream_dict);
          continue;
        }
        // Forms and tiling patterns hold content of their own.
        if (subtype.isName("Form") || std::string_view(kind) == "Pattern") {
          measure(value.getStream());
          ::Object inner = stream_dict->lookup("Resources");
          if (inner.isDict()) check_resources(inner.getDict(), depth + 1);
        }
      }
    }
  }

  void check_image(Dict* dict) {
    ::Object width = dict->lookup("Width");
    ::Object height = dict->lookup("Height");
    if (!width.isNum() || !height.isNum()) return;  // poppler skips such an image
    const double w = width.getNum(), h = height.getNum();
    if (w >= 1 && h >= 1 && w * h > static_cast<double>(limits_.max_pixels_per_page))
      throw Error(ErrorCode::LimitExceeded, "an embedded image of " + count_text(w) + " x " + count_text(h) +
                                                " pixels exceeds the limit of " +
                                                std::to_string(limits_.max_pixels_per_page) + " per page");
  }

  const DecodeLimits& limits_;
  const Deadline& deadline_;
  uint64_t used_ = 0;
  int nodes_ = 0;
  std::set<std::pair<int, int>> seen_;
};

// ---------------------------------------------------------------- probe and grab

struct DrawnImage {
  int width = 0;
  int height = 0;
  double ctm[6] = {};
};

bool abort_check(void* data);

// Interprets a page without drawing it. In Probe mode it notes the images and
// whether anything else is visible; in Grab mode it decodes the first image
// drawn and stops. Nothing may be thrown through poppler: errors are kept and
// rethrown after displayPage returns.
class PageDevice final : public OutputDev {
 public:
  enum class Mode { Probe, Grab };

  PageDevice(Mode mode, const DecodeLimits& limits, const Deadline& deadline)
      : mode_(mode), limits_(limits), deadline_(deadline) {}

  bool upsideDown() override { return true; }
  bool useDrawChar() override { return true; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }
  // Patterns and shadings are reported here rather than expanded by poppler.
  bool useTilingPatternFill() override { return true; }
  bool useShadedFills(int) override { return true; }

  void startPage(int, GfxState* state, XRef*) override {
    page_width_ = state->getPageWidth();
    page_height_ = state->getPageHeight();
  }

  void stroke(GfxState*) override { painted_ = true; }
  void fill(GfxState*) override { painted_ = true; }
  void eoFill(GfxState*) override { painted_ = true; }
  bool tilingPatternFill(GfxState*, Gfx*, Catalog*, GfxTilingPattern*, const double*, int, int, int, int, double,
                         double) override {
    painted_ = true;
    return true;
  }
  bool functionShadedFill(GfxState*, GfxFunctionShading*) override { return shaded(); }
  bool axialShadedFill(GfxState*, GfxAxialShading*, double, double) override { return shaded(); }
  bool radialShadedFill(GfxState*, GfxRadialShading*, double, double) override { return shaded(); }
  bool gouraudTriangleShadedFill(GfxState*, GfxGouraudTriangleShading*) override { return shaded(); }
  bool patchMeshShadedFill(GfxState*, GfxPatchMeshShading*) override { return shaded(); }
  void drawChar(GfxState* state, double, double, double, double, double, double, CharCode, int, const Unicode*,
                int) override {
    if ((state->getRender() & 3) != 3) painted_ = true;  // 3: invisible, 7: clip only
  }

  void drawImageMask(GfxState* state, ::Object*, ::Stream* str, int width, int height, bool invert, bool,
                     bool inline_image) override {
    image(state, str, width, height, nullptr, invert, inline_image);
  }
  void setSoftMaskFromImageMask(GfxState*, ::Object*, ::Stream* str, int width, int height, bool, bool inline_image,
                                double*) override {
    painted_ = true;  // a stencil filled with a pattern
    if (inline_image) skip(str, width, height, 1, 1);
  }
  void unsetSoftMaskFromImageMask(GfxState*, double*) override {}
  void drawImage(GfxState* state, ::Object*, ::Stream* str, int width, int height, GfxImageColorMap* colors, bool,
                 const int*, bool inline_image) override {
    image(state, str, width, height, colors, false, inline_image);
  }
  void drawMaskedImage(GfxState* state, ::Object*, ::Stream* str, int width, int height, GfxImageColorMap* colors, bool,
                       ::Stream*, int, int, bool, bool) override {
    image(state, str, width, height, colors, false, false);
  }
  void drawSoftMaskedImage(GfxState* state, ::Object*, ::Stream* str, int width, int height, GfxImageColorMap* colors,
                           bool, ::Stream*, int, int, GfxImageColorMap*, bool) override {
    image(state, str, width, height, colors, false, false);
  }

  bool stopped() const { return stop_ || deadline_.expired(); }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
    if (deadline_.expired()) deadline_.fail();
  }

  // Probe result: the one image that makes the page a scan, if it is one.
  std::optional<DrawnImage> single_image() const;

  // Grab results: `grabbed` is empty when the image's format is not handled
  // (then the page is rendered).
  cv::Mat grabbed;
  std::vector<uint8_t> grabbed_jpeg;  // the JPEG data of `grabbed` when it can be embedded unchanged

 private:
  bool shaded() {
    painted_ = true;
    return true;
  }

  void image(GfxState* state, ::Stream* str, int width, int height, GfxImageColorMap* colors, bool invert,
             bool inline_image) {
    if (stop_) return;  // poppler gives up on the page at its next check
    if (static_cast<uint64_t>(width) * static_cast<uint64_t>(height) > limits_.max_pixels_per_page) {
      keep_error([&] { check_pixels(width, height, limits_, "an embedded image of "); });
      return;  // inline data not consumed: stop_ makes poppler give up on the page
    }
    if (mode_ == Mode::Probe) {
      DrawnImage drawn;
      drawn.width = width;
      drawn.height = height;
      std::copy(state->getCTM(), state->getCTM() + 6, drawn.ctm);
      images_.push_back(drawn);
      if (inline_image) skip(str, width, height, colors);
      return;
    }
    keep_error([&] { grab(str, width, height, colors, invert, inline_image); });
    stop_ = true;  // the one image is all the grab pass wants
  }

  template <class F>
  void keep_error(F&& f) {
    try {
      f();
    } catch (...) {
      error_ = std::current_exception();
      stop_ = true;
    }
  }

  // Inline image data sits in the content stream: it must be consumed for
  // poppler to find the next operator.
  void skip(::Stream* str, int width, int height, GfxImageColorMap* colors) {
    skip(str, width, height, colors ? colors->getNumPixelComps() : 1, colors ? colors->getBits() : 1);
  }
  void skip(::Stream* str, int width, int height, int components, int bits) {
    uint64_t left = (static_cast<uint64_t>(width) * components * bits + 7) / 8 * static_cast<uint64_t>(height);
    std::vector<unsigned char> buffer(1 << 14);
    str->reset();
    while (left > 0) {
      const int got = str->doGetChars(static_cast<int>(std::min<uint64_t>(left, buffer.size())), buffer.data());
      if (got <= 0) break;
      left -= static_cast<uint64_t>(got);
    }
    str->close();
  }

  void grab(::Stream* str, int width, int height, GfxImageColorMap* colors, bool invert, bool inline_image);
  bool grab_jpeg(::Stream* str, GfxImageColorMap* colors);

  Mode mode_;
  const DecodeLimits& limits_;
  const Deadline& deadline_;
  double page_width_ = 0;
  double page_height_ = 0;
  std::vector<DrawnImage> images_;
  bool painted_ = false;
  bool stop_ = false;
  std::exception_ptr error_;
};

bool abort_check(void* data) { return static_cast<PageDevice*>(data)->stopped(); }

std::optional<DrawnImage> PageDevice::single_image() const {
  if (painted_ || images_.size() != 1 || page_width_ <= 0 || page_height_ <= 0) return std::nullopt;
  const DrawnImage& image = images_.front();
  const double* m = image.ctm;
  // Upright, or turned by a multiple of 90 degrees; no skew.
  const double straight = std::abs(m[0]) + std::abs(m[3]);
  const double turned = std::abs(m[1]) + std::abs(m[2]);
  if (!(turned <= 1e-3 * straight || straight <= 1e-3 * turned)) return std::nullopt;
  const double xs[] = {m[4], m[4] + m[0], m[4] + m[2], m[4] + m[0] + m[2]};
  const double ys[] = {m[5], m[5] + m[1], m[5] + m[3], m[5] + m[1] + m[3]};
  const double x0 = *std::min_element(xs, xs + 4), x1 = *std::max_element(xs, xs + 4);
  const double y0 = *std::min_element(ys, ys + 4), y1 = *std::max_element(ys, ys + 4);
  const double image_area = (x1 - x0) * (y1 - y0);
  const double page_area = page_width_ * page_height_;
  const double overlap = std::max(0.0, std::min(x1, page_width_) - std::max(x0, 0.0)) *
                         std::max(0.0, std::min(y1, page_height_) - std::max(y0, 0.0));
  if (image_area <= 0 || overlap < kMinCoverage * page_area || overlap < kMinCoverage * image_area) return std::nullopt;
  return image;
}

// Pixels per inch of a placed image along its own two axes (device space of
// the probe is in points).
std::pair<double, double> image_dpi(const DrawnImage& image) {
  const double across = std::hypot(image.ctm[0], image.ctm[1]);
  const double down = std::hypot(image.ctm[2], image.ctm[3]);
  return {across > 0 ? image.width * 72.0 / across : 0, down > 0 ? image.height * 72.0 / down : 0};
}

// Grey output for grey colour spaces, and for palettes whose entries are
// all grey (asked through the colour map: poppler does not export the
// Indexed class's type information that a downcast would need under UBSan).
bool grey_output(GfxImageColorMap* colors) {
  GfxColorSpace* space = colors->getColorSpace();
  if (space->getMode() != csIndexed) return space->getNComps() == 1;
  if (colors->getBits() > 8) return false;
  for (int index = 0; index < (1 << colors->getBits()); ++index) {
    const auto sample = static_cast<unsigned char>(index);
    GfxRGB rgb;
    colors->getRGB(&sample, &rgb);
    if (rgb.r != rgb.g || rgb.g != rgb.b) return false;
  }
  return true;
}

// Turns rows of samples (one byte per component) into the output image
// through the PDF's colour map (Decode arrays, Indexed palettes, CMYK, ICC),
// as poppler does when it draws the image.
class SampleRows {
 public:
  SampleRows(GfxImageColorMap* colors, int width, int height, bool mask, bool invert)
      : colors_(colors),
        width_(width),
        mask_(mask),
        invert_(invert),
        grey_(mask || grey_output(colors)),
        components_(mask ? 1 : colors->getNumPixelComps()),
        samples_(static_cast<size_t>(width) * components_),
        rgb_(grey_ ? 0 : static_cast<size_t>(width) * 3),
        out_(height, width, grey_ ? CV_8UC1 : CV_8UC3) {}

  // The row's samples, to be filled before put().
  unsigned char* samples() { return samples_.data(); }
  size_t sample_count() const { return samples_.size(); }

  void put(int y) {
    uint8_t* o = out_.ptr<uint8_t>(y);
    if (mask_) {
      // A stencil: samples of 0 are painted (1 with Decode [1 0]); drawn in black.
      for (int x = 0; x < width_; ++x) o[x] = ((samples_[x] != 0) != invert_) ? 255 : 0;
    } else if (grey_) {
      colors_->getGrayLine(samples_.data(), o, width_);
    } else {
      colors_->getRGBLine(samples_.data(), rgb_.data(), width_);
      for (int x = 0; x < width_; ++x) {
        o[3 * x] = rgb_[3 * x + 2];
        o[3 * x + 1] = rgb_[3 * x + 1];
        o[3 * x + 2] = rgb_[3 * x];
      }
    }
  }

  cv::Mat& image() { return out_; }

 private:
  GfxImageColorMap* colors_;
  int width_;
  bool mask_;
  bool invert_;
  bool grey_;
  int components_;
  std::vector<unsigned char> samples_;
  std::vector<unsigned char> rgb_;
  cv::Mat out_;
};

// True when the JPEG data alone says what the image looks like: grey or RGB
// samples, no Decode array inverting them. Such data can be embedded again
// unchanged (a searchable PDF of the page).
bool stored_as_plain_jpeg(GfxImageColorMap* colors) {
  const GfxColorSpaceMode mode = colors->getColorSpace()->getMode();
  const int n = colors->getNumPixelComps();
  const bool plain_space = mode == csDeviceGray || mode == csDeviceRGB || mode == csCalGray || mode == csCalRGB ||
                           (mode == csICCBased && (n == 1 || n == 3));
  if (!plain_space) return false;
  for (int i = 0; i < n; ++i)
    if (colors->getDecodeLow(i) != 0.0 || colors->getDecodeHigh(i) != 1.0) return false;
  return true;
}

// JPEG data as stored, decoded by the strict decoder (truncation is an
// error, not a grey tail), then through the colour map. Returns false when
// the JPEG's components do not match the colour space (then poppler's own
// decoder reconciles them).
bool PageDevice::grab_jpeg(::Stream* str, GfxImageColorMap* colors) {
  if (!colors || colors->getBits() != 8) return false;
  ::Stream* raw = str->getNextStream();
  if (!raw) return false;
  std::vector<uint8_t> bytes;
  raw->reset();
  std::vector<unsigned char> buffer(1 << 16);
  int got = 0;
  while ((got = raw->doGetChars(static_cast<int>(buffer.size()), buffer.data())) > 0) {
    bytes.insert(bytes.end(), buffer.begin(), buffer.begin() + got);
    if (bytes.size() > limits_.max_file_bytes) {
      raw->close();
      throw Error(ErrorCode::LimitExceeded, "JPEG image data too large");
    }
  }
  raw->close();
  if (jpeg_header(bytes, "JPEG image data").components != colors->getNumPixelComps()) return false;
  const cv::Mat samples = decode_jpeg_samples(bytes, limits_, deadline_, "JPEG image data");
  SampleRows rows(colors, samples.cols, samples.rows, false, false);
  for (int y = 0; y < samples.rows; ++y) {
    std::copy(samples.ptr<uint8_t>(y), samples.ptr<uint8_t>(y) + rows.sample_count(), rows.samples());
    rows.put(y);
  }
  grabbed = rows.image();
  if (stored_as_plain_jpeg(colors)) grabbed_jpeg = std::move(bytes);
  return true;
}

void PageDevice::grab(::Stream* str, int width, int height, GfxImageColorMap* colors, bool invert, bool inline_image) {
  if (!inline_image && str->getKind() == strDCT && grab_jpeg(str, colors)) return;
  const bool mask = colors == nullptr;
  const int components = mask ? 1 : colors->getNumPixelComps();
  const int bits = mask ? 1 : colors->getBits();
  if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
    if (inline_image) skip(str, width, height, components, bits);
    return;  // 16-bit: rendered instead
  }
  const uint64_t row_bytes = (static_cast<uint64_t>(width) * components * bits + 7) / 8;
  if (row_bytes > static_cast<uint64_t>(INT32_MAX))
    throw Error(ErrorCode::LimitExceeded, "image rows too long (" + std::to_string(row_bytes) + " bytes)");
  std::vector<unsigned char> row(row_bytes);
  SampleRows rows(colors, width, height, mask, invert);
  const int max_value = (1 << bits) - 1;
  const int per_byte = 8 / bits;

  // poppler decodes (Flate and predictors, CCITT, JBIG2, JPX, LZW, ...);
  // a short stream or a decoder error is corrupt data, not a grey tail.
  reset_poppler_errors();
  str->reset();
  for (int y = 0; y < height; ++y) {
    const int got = str->doGetChars(static_cast<int>(row_bytes), row.data());
    if (got < static_cast<int>(row_bytes)) {
      str->close();
      throw Error(ErrorCode::CorruptInput, "corrupt image data (it ends at row " + std::to_string(y + 1) + " of " +
                                               std::to_string(height) + ")");
    }
    unsigned char* samples = rows.samples();
    if (bits == 8) {
      std::copy(row.begin(), row.begin() + static_cast<ptrdiff_t>(rows.sample_count()), samples);
    } else {
      for (size_t i = 0; i < rows.sample_count(); ++i)
        samples[i] = (row[i / per_byte] >> (8 - bits * (static_cast<int>(i % per_byte) + 1))) & max_value;
    }
    rows.put(y);
    if ((y & 63) == 0 && deadline_.expired()) {
      str->close();
      deadline_.fail();
    }
  }
  str->close();
  if (t_poppler_errors > 0) {
    const std::string reason = t_first_poppler_error;
    throw Error(ErrorCode::CorruptInput, "corrupt image data" + (reason.empty() ? "" : " (" + reason + ")"));
  }
  grabbed = rows.image();
}

// ---------------------------------------------------------------- render

bool render_abort(void* data) { return static_cast<const Deadline*>(data)->expired(); }

cv::Mat render(PDFDoc& doc, int number, double dpi_x, double dpi_y, const DecodeLimits& limits,
               const Deadline& deadline) {
  ::Page* page = doc.getPage(number);
  const bool sideways = page->getRotate() % 180 != 0;
  const double width_pt = sideways ? page->getCropHeight() : page->getCropWidth();
  const double height_pt = sideways ? page->getCropWidth() : page->getCropHeight();
  const double width = std::ceil(width_pt * dpi_x / 72.0), height = std::ceil(height_pt * dpi_y / 72.0);
  if (!(width >= 1 && height >= 1 && width * height <= static_cast<double>(limits.max_pixels_per_page)))
    throw Error(width >= 1 && height >= 1 ? ErrorCode::LimitExceeded : ErrorCode::CorruptInput,
                "the page at " + std::to_string(static_cast<int>(std::lround(dpi_x))) + " dpi is " + count_text(width) +
                    " x " + count_text(height) + " pixels" +
                    (width >= 1 && height >= 1
                         ? ", over the limit of " + std::to_string(limits.max_pixels_per_page) + " per page"
                         : ": not a valid page size"));
  SplashColor paper;
  paper[0] = paper[1] = paper[2] = 0xff;
  SplashOutputDev device(splashModeRGB8, 4, false, paper);
  device.setFontAntialias(true);
  device.setVectorAntialias(true);
  device.startDoc(&doc);
  // Splash stops between drawing operators when the page's time is up.
  doc.displayPage(&device, number, dpi_x, dpi_y, 0, false, true, false, render_abort, const_cast<Deadline*>(&deadline));
  deadline.finish();
  SplashBitmap* bitmap = device.getBitmap();
  if (!bitmap || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0)
    throw Error(ErrorCode::CorruptInput, "the page could not be rendered");
  const cv::Mat rgb(bitmap->getHeight(), bitmap->getWidth(), CV_8UC3, bitmap->getDataPtr(),
                    static_cast<size_t>(bitmap->getRowSize()));
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  return bgr;
}

// ---------------------------------------------------------------- reader

class PdfReader final : public ScanReader {
 public:
  PdfReader(std::unique_ptr<PDFDoc> doc, int pages, const DecodeLimits& limits)
      : doc_(std::move(doc)), pages_(pages), limits_(limits) {}

  MediaType media_type() const override { return MediaType::Pdf; }
  int page_count() const override { return pages_; }

  DecodedPage read_page(int index) override {
    if (index < 0 || index >= pages_)
      throw Error(ErrorCode::InvalidArgument, "page " + std::to_string(index + 1) + " does not exist (the file has " +
                                                  std::to_string(pages_) + " pages)");
    return guarded([&] { return decode(index + 1); });
  }

 private:
  DecodedPage decode(int number) {
    const Deadline deadline(limits_.max_seconds_per_page);
    ::Page* page = doc_->getPage(number);
    if (!page || !page->isOk()) throw Error(ErrorCode::CorruptInput, "corrupt PDF (the page is missing)");
    ResourceGuard(limits_, deadline).check_page(page);

    DecodedPage result;
    result.number = number;
    PageDevice probe(PageDevice::Mode::Probe, limits_, deadline);
    doc_->displayPage(&probe, number, 72, 72, 0, false, true, false, abort_check, &probe);
    probe.rethrow();

    double dpi_x = limits_.render_dpi, dpi_y = limits_.render_dpi;
    if (const auto single = probe.single_image()) {
      PageDevice grab(PageDevice::Mode::Grab, limits_, deadline);
      doc_->displayPage(&grab, number, 72, 72, 0, false, true, false, abort_check, &grab);
      grab.rethrow();
      std::tie(dpi_x, dpi_y) = image_dpi(*single);
      if (!grab.grabbed.empty()) {
        result.image = grab.grabbed;
        result.jpeg = std::move(grab.grabbed_jpeg);
        result.origin = "pdf-image";
        result.dpi = round_dpi((dpi_x + dpi_y) / 2);
        deadline.finish();
        return result;
      }
      // Not decodable as stored: render at the image's own resolution.
      if (!(dpi_x >= 36 && dpi_x <= 2400 && dpi_y >= 36 && dpi_y <= 2400)) dpi_x = dpi_y = limits_.render_dpi;
    }
    result.image = render(*doc_, number, dpi_x, dpi_y, limits_, deadline);
    result.origin = "pdf-render";
    result.dpi = round_dpi((dpi_x + dpi_y) / 2);
    deadline.finish();
    return result;
  }

  std::unique_ptr<PDFDoc> doc_;
  int pages_;
  DecodeLimits limits_;
};

}  // namespace

void setup_poppler() {
  setErrorCallback(count_poppler_error);  // first: GlobalParams may complain while it starts
  globalParams = std::make_unique<GlobalParams>();
  globalParams->setErrQuiet(true);
}

std::unique_ptr<ScanReader> open_pdf(const std::filesystem::path& file, const DecodeLimits& limits) {
  quiet_libraries();
  auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(file.string()));
  if (!doc->isOk()) {
    switch (doc->getErrorCode()) {
      case errEncrypted:
        throw Error(ErrorCode::Unsupported, "encrypted PDF (password protected)");
      case errOpenFile:
      case errFileIO:
        throw Error(ErrorCode::Io, "cannot read the file");
      default:
        throw Error(ErrorCode::CorruptInput, "corrupt or truncated PDF (no readable document structure)");
    }
  }
  // What the page tree claims, before poppler counts (it would cap a claim
  // larger than the file's object count to 0).
  ::Object catalog = doc->getXRef()->getCatalog();
  if (catalog.isDict()) {
    ::Object tree = catalog.dictLookup("Pages");
    ::Object count = tree.isDict() ? tree.dictLookup("Count") : ::Object();
    if (count.isNum() && count.getNum() > limits.max_pages)
      throw Error(ErrorCode::LimitExceeded, "too many pages (" + count_text(count.getNum()) + "; the limit is " +
                                                std::to_string(limits.max_pages) + ")");
  }
  const int pages = doc->getNumPages();
  if (pages > limits.max_pages)
    throw Error(ErrorCode::LimitExceeded, "too many pages (" + std::to_string(pages) + "; the limit is " +
                                              std::to_string(limits.max_pages) + ")");
  if (pages <= 0) throw Error(ErrorCode::CorruptInput, "corrupt PDF (no pages)");
  return std::make_unique<PdfReader>(std::move(doc), pages, limits);
}

}  // namespace berkas::scan
