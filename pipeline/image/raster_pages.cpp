// PNG and JPEG, decoded with libpng and libjpeg(-turbo) directly rather than
// through cv::imdecode: OpenCV leaves the libraries' default message handlers
// on (they print to stderr) and decodes a truncated JPEG into a half-grey
// image without telling. Here every library message is caught: truncation and
// corrupt data are errors, warnings are silent, and the header's dimensions are
// checked against the pixel limit before the image is allocated.
//
// Both libraries report errors by longjmp. The functions that call setjmp
// (run_jpeg, run_png) hold no C++ object with a destructor of their own: all
// state lives in a job struct owned by the caller.
#include <dlfcn.h>
#include <png.h>

#include <climits>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <opencv2/imgproc.hpp>

// jpeglib.h needs size_t and FILE first.
#include <jerror.h>
#include <jpeglib.h>

#include "image/scan_pages.hpp"

// poppler's JPEG decoder (used when a PDF page is rendered) sets up libjpeg
// with jpeg_std_error() and keeps libjpeg's default message printer, which
// writes warnings such as "Corrupt JPEG data: bad Huffman code" to stderr.
// This definition interposes libjpeg's own for the whole process (the
// executable's symbols come first for every shared library): it calls the
// real one and then makes the printer silent. Every libjpeg user (poppler,
// OpenCV's imread, this file) gets quiet defaults; their own overrides,
// set after this call, still apply.
extern "C" struct jpeg_error_mgr* jpeg_std_error(struct jpeg_error_mgr* err) {
  using Real = struct jpeg_error_mgr* (*)(struct jpeg_error_mgr*);
  static const Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "jpeg_std_error"));
  if (!real) std::abort();  // libjpeg is a shared library on Debian: cannot happen
  real(err);
  err->output_message = [](j_common_ptr) {};
  return err;
}

namespace berkas::scan {
namespace {

enum class Status { Ok, Truncated, Corrupt, TooLarge, Timeout, Unsupported, NoMemory };

// A progressive JPEG may hold any number of scans, each a pass over the whole
// image; real files have about ten. More is a CPU bomb.
constexpr int kMaxJpegScans = 500;

// ---------------------------------------------------------------- JPEG

struct JpegJob {
  std::span<const uint8_t> data;
  uint64_t max_pixels = 0;
  const Deadline* deadline = nullptr;
  bool header_only = false;
  bool components = false;  // samples as stored (grey, RGB, CMYK) instead of grey/BGR

  RasterHeader header;
  bool adobe = false;  // Adobe APP14 marker: CMYK stored inverted
  cv::Mat image;       // 1, 3 (BGR) or 4 (CMYK) channels
  Status status = Status::Ok;
  char message[JMSG_LENGTH_MAX] = {};
};

struct JpegError {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
  JpegJob* job;
};

struct JpegProgress {
  jpeg_progress_mgr pub;
  JpegJob* job;
};

[[noreturn]] void jpeg_stop(j_common_ptr cinfo, Status status) {
  auto* err = reinterpret_cast<JpegError*>(cinfo->err);
  if (err->job->status == Status::Ok) {
    err->job->status = status;
    if (status == Status::Corrupt || status == Status::Unsupported)
      (*cinfo->err->format_message)(cinfo, err->job->message);
  }
  std::longjmp(err->jump, 1);
}

[[noreturn]] void jpeg_error_exit(j_common_ptr cinfo) {
  const int code = cinfo->err->msg_code;
  if (code == JERR_OUT_OF_MEMORY || code == JERR_NO_BACKING_STORE) jpeg_stop(cinfo, Status::NoMemory);
  jpeg_stop(cinfo, Status::Corrupt);
}

// libjpeg calls this for warnings (level -1) and traces (level >= 0). Warnings
// that mean lost image data stop the decoding; the rest (extraneous bytes
// between markers, odd but harmless headers) are ignored, as viewers do.
void jpeg_emit(j_common_ptr cinfo, int level) {
  if (level >= 0) return;
  switch (cinfo->err->msg_code) {
    case JWRN_JPEG_EOF:
      jpeg_stop(cinfo, Status::Truncated);
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_MUST_RESYNC:
      jpeg_stop(cinfo, Status::Corrupt);
    default:
      cinfo->err->num_warnings++;
  }
}

void jpeg_silent(j_common_ptr) {}

void jpeg_progress(j_common_ptr cinfo) {
  auto* progress = reinterpret_cast<JpegProgress*>(cinfo->progress);
  const auto* dinfo = reinterpret_cast<j_decompress_ptr>(cinfo);
  if (dinfo->input_scan_number > kMaxJpegScans) {
    std::snprintf(progress->job->message, sizeof progress->job->message, "more than %d progressive scans",
                  kMaxJpegScans);
    progress->job->status = Status::Corrupt;
    jpeg_stop(cinfo, Status::Corrupt);
  }
  if (progress->job->deadline && progress->job->deadline->expired()) jpeg_stop(cinfo, Status::Timeout);
}

void run_jpeg(JpegJob& job) {
  jpeg_decompress_struct cinfo;
  JpegError err;
  JpegProgress progress;
  std::memset(&cinfo, 0, sizeof cinfo);
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = jpeg_error_exit;
  err.pub.emit_message = jpeg_emit;
  err.pub.output_message = jpeg_silent;
  err.job = &job;
  progress.pub.progress_monitor = jpeg_progress;
  progress.job = &job;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return;
  }
  jpeg_create_decompress(&cinfo);
  cinfo.progress = &progress.pub;
  jpeg_mem_src(&cinfo, job.data.data(), static_cast<unsigned long>(job.data.size()));
  jpeg_read_header(&cinfo, TRUE);

  job.header.width = static_cast<int>(cinfo.image_width);
  job.header.height = static_cast<int>(cinfo.image_height);
  job.header.components = cinfo.num_components;
  if (cinfo.saw_JFIF_marker && cinfo.X_density > 0) {
    if (cinfo.density_unit == 1) job.header.dpi = cinfo.X_density;
    if (cinfo.density_unit == 2) job.header.dpi = cinfo.X_density * 2.54;
  }
  job.adobe = cinfo.saw_Adobe_marker;
  if (job.header_only) {
    jpeg_destroy_decompress(&cinfo);
    return;
  }
  const uint64_t pixels = static_cast<uint64_t>(cinfo.image_width) * cinfo.image_height;
  if (pixels > job.max_pixels) {
    job.status = Status::TooLarge;
    jpeg_destroy_decompress(&cinfo);
    return;
  }
  switch (cinfo.num_components) {
    case 1:
      cinfo.out_color_space = JCS_GRAYSCALE;
      break;
    case 3:
      cinfo.out_color_space = job.components ? JCS_RGB : JCS_EXT_BGR;
      break;
    case 4:
      cinfo.out_color_space = JCS_CMYK;
      break;
    default:
      std::snprintf(job.message, sizeof job.message, "%d colour components", cinfo.num_components);
      job.status = Status::Unsupported;
      jpeg_destroy_decompress(&cinfo);
      return;
  }
  // Whole-image buffers of progressive files count against this; beyond it
  // libjpeg-turbo (which has no backing store) stops with an error.
  cinfo.mem->max_memory_to_use = static_cast<long>(std::min<uint64_t>(job.max_pixels * 8 + (64u << 20), LONG_MAX));
  jpeg_start_decompress(&cinfo);
  try {
    job.image.create(static_cast<int>(cinfo.output_height), static_cast<int>(cinfo.output_width),
                     CV_8UC(cinfo.output_components));
  } catch (...) {
    job.status = Status::NoMemory;
    jpeg_destroy_decompress(&cinfo);
    return;
  }
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = job.image.ptr<uint8_t>(static_cast<int>(cinfo.output_scanline));
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);  // reads up to EOI: a file cut after the last row is truncated too
  jpeg_destroy_decompress(&cinfo);
}

[[noreturn]] void jpeg_fail(const JpegJob& job, const std::string& what, const Deadline* deadline,
                            const DecodeLimits* limits) {
  switch (job.status) {
    case Status::Truncated:
      throw Error(ErrorCode::CorruptInput, "truncated " + what);
    case Status::TooLarge:
      if (limits) check_pixels(job.header.width, job.header.height, *limits);
      throw Error(ErrorCode::LimitExceeded, what + " too large");
    case Status::Timeout:
      if (deadline) deadline->fail();
      throw Error(ErrorCode::LimitExceeded, "decoding took too long");
    case Status::Unsupported:
      throw Error(ErrorCode::Unsupported, "unsupported " + what + " (" + job.message + ")");
    case Status::NoMemory:
      throw Error(ErrorCode::LimitExceeded, "not enough memory to decode the " + what);
    case Status::Corrupt:
    case Status::Ok:
      break;
  }
  std::string reason = job.message;
  throw Error(ErrorCode::CorruptInput, "corrupt " + what + (reason.empty() ? "" : " (" + reason + ")"));
}

cv::Mat cmyk_to_bgr(const cv::Mat& cmyk, bool inverted) {
  cv::Mat bgr(cmyk.rows, cmyk.cols, CV_8UC3);
  for (int y = 0; y < cmyk.rows; ++y) {
    const uint8_t* in = cmyk.ptr<uint8_t>(y);
    uint8_t* out = bgr.ptr<uint8_t>(y);
    for (int x = 0; x < cmyk.cols; ++x, in += 4, out += 3) {
      // Adobe writes inverted CMYK, so a stored value is already 255 - ink.
      const int c = inverted ? in[0] : 255 - in[0];
      const int m = inverted ? in[1] : 255 - in[1];
      const int ye = inverted ? in[2] : 255 - in[2];
      const int k = inverted ? in[3] : 255 - in[3];
      out[0] = static_cast<uint8_t>((ye * k + 127) / 255);
      out[1] = static_cast<uint8_t>((m * k + 127) / 255);
      out[2] = static_cast<uint8_t>((c * k + 127) / 255);
    }
  }
  return bgr;
}

// ---------------------------------------------------------------- PNG

struct PngJob {
  std::span<const uint8_t> data;
  size_t pos = 0;
  uint64_t max_pixels = 0;
  const Deadline* deadline = nullptr;
  bool header_only = false;

  RasterHeader header;
  cv::Mat image;  // 1 (grey), 2 (grey + alpha), 3 (BGR) or 4 (BGRA) channels
  std::vector<png_bytep> rows;
  Status status = Status::Ok;
  char message[160] = {};
};

void png_read_bytes(png_structp png, png_bytep out, size_t length) {
  auto* job = static_cast<PngJob*>(png_get_io_ptr(png));
  if (length > job->data.size() - job->pos) {
    job->status = Status::Truncated;
    png_error(png, "unexpected end of file");
  }
  std::memcpy(out, job->data.data() + job->pos, length);
  job->pos += length;
}

void png_error_exit(png_structp png, png_const_charp message) {
  auto* job = static_cast<PngJob*>(png_get_error_ptr(png));
  if (job->status == Status::Ok) {
    job->status = Status::Corrupt;
    std::snprintf(job->message, sizeof job->message, "%s", message ? message : "");
  }
  png_longjmp(png, 1);
}

void png_warning_silent(png_structp, png_const_charp) {}

void run_png(PngJob& job) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &job, png_error_exit, png_warning_silent);
  if (!png) {
    job.status = Status::NoMemory;
    return;
  }
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    job.status = Status::NoMemory;
    return;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return;
  }
  png_set_read_fn(png, &job, png_read_bytes);
  // The caller's pixel limit decides; libpng's own default (1,000,000 a side) would only get in the way.
  png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
  png_read_info(png, info);

  png_uint_32 width = 0, height = 0;
  int depth = 0, color = 0, interlace = 0;
  png_get_IHDR(png, info, &width, &height, &depth, &color, &interlace, nullptr, nullptr);
  job.header.width = static_cast<int>(width);
  job.header.height = static_cast<int>(height);
  png_uint_32 res_x = 0, res_y = 0;
  int unit = 0;
  if (png_get_pHYs(png, info, &res_x, &res_y, &unit) && unit == PNG_RESOLUTION_METER) job.header.dpi = res_x * 0.0254;
  if (job.header_only) {
    png_destroy_read_struct(&png, &info, nullptr);
    return;
  }
  if (static_cast<uint64_t>(width) * height > job.max_pixels) {
    job.status = Status::TooLarge;
    png_destroy_read_struct(&png, &info, nullptr);
    return;
  }
  if (color == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (color == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
  if (depth == 16) png_set_scale_16(png);
  if (color & (PNG_COLOR_MASK_COLOR | PNG_COLOR_MASK_PALETTE)) png_set_bgr(png);
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  const int channels = png_get_channels(png, info);
  if (channels < 1 || channels > 4 || png_get_rowbytes(png, info) != static_cast<size_t>(width) * channels) {
    std::snprintf(job.message, sizeof job.message, "unexpected pixel layout");
    job.status = Status::Unsupported;
    png_destroy_read_struct(&png, &info, nullptr);
    return;
  }
  try {
    job.image.create(static_cast<int>(height), static_cast<int>(width), CV_8UC(channels));
    job.rows.resize(height);
  } catch (...) {
    job.status = Status::NoMemory;
    png_destroy_read_struct(&png, &info, nullptr);
    return;
  }
  for (png_uint_32 y = 0; y < height; ++y) job.rows[y] = job.image.ptr<uint8_t>(static_cast<int>(y));
  for (int pass = 0; pass < passes; ++pass) {
    for (png_uint_32 y = 0; y < height; ++y) {
      png_read_row(png, job.rows[y], nullptr);
      if ((y & 63) == 0 && job.deadline && job.deadline->expired()) {
        job.status = Status::Timeout;
        png_destroy_read_struct(&png, &info, nullptr);
        return;
      }
    }
  }
  png_read_end(png, nullptr);  // checks the rest up to IEND: a file cut after the pixels is truncated too
  png_destroy_read_struct(&png, &info, nullptr);
}

[[noreturn]] void png_fail(const PngJob& job, const Deadline* deadline, const DecodeLimits* limits) {
  switch (job.status) {
    case Status::Truncated:
      throw Error(ErrorCode::CorruptInput, "truncated PNG");
    case Status::TooLarge:
      if (limits) check_pixels(job.header.width, job.header.height, *limits);
      throw Error(ErrorCode::LimitExceeded, "PNG too large");
    case Status::Timeout:
      if (deadline) deadline->fail();
      throw Error(ErrorCode::LimitExceeded, "decoding took too long");
    case Status::Unsupported:
      throw Error(ErrorCode::Unsupported, std::string("unsupported PNG (") + job.message + ")");
    case Status::NoMemory:
      throw Error(ErrorCode::LimitExceeded, "not enough memory to decode the PNG");
    case Status::Corrupt:
    case Status::Ok:
      break;
  }
  const std::string reason = job.message;
  throw Error(ErrorCode::CorruptInput, "corrupt PNG" + (reason.empty() ? "" : " (" + reason + ")"));
}

// Alpha onto white: a transparent background is paper.
cv::Mat drop_alpha(const cv::Mat& image) {
  if (image.channels() == 1 || image.channels() == 3) return image;
  const int colours = image.channels() - 1;
  cv::Mat out(image.rows, image.cols, CV_8UC(colours));
  for (int y = 0; y < image.rows; ++y) {
    const uint8_t* in = image.ptr<uint8_t>(y);
    uint8_t* o = out.ptr<uint8_t>(y);
    for (int x = 0; x < image.cols; ++x) {
      const int alpha = in[colours];
      for (int c = 0; c < colours; ++c) *o++ = static_cast<uint8_t>((in[c] * alpha + 255 * (255 - alpha) + 127) / 255);
      in += colours + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------- reader

class RasterReader final : public ScanReader {
 public:
  RasterReader(std::vector<uint8_t> bytes, MediaType type, const DecodeLimits& limits)
      : bytes_(std::move(bytes)), type_(type), limits_(limits) {}

  MediaType media_type() const override { return type_; }
  int page_count() const override { return 1; }

  DecodedPage read_page(int index) override {
    if (index != 0)
      throw Error(ErrorCode::InvalidArgument,
                  "page " + std::to_string(index + 1) + " does not exist (the file has 1 page)");
    return guarded([&] {
      const Deadline deadline(limits_.max_seconds_per_page);
      DecodedPage page;
      page.number = 1;
      page.origin = "raster";
      page.image = type_ == MediaType::Png ? decode_png(bytes_, limits_, deadline, &page.dpi)
                                           : decode_jpeg(bytes_, limits_, deadline, &page.dpi);
      if (type_ == MediaType::Jpeg && (page.image.channels() == 1 || jpeg_header(bytes_, "JPEG").components == 3))
        page.jpeg = bytes_;
      deadline.finish();
      return page;
    });
  }

 private:
  std::vector<uint8_t> bytes_;
  MediaType type_;
  DecodeLimits limits_;
};

}  // namespace

RasterHeader jpeg_header(std::span<const uint8_t> data, const std::string& what) {
  JpegJob job;
  job.data = data;
  job.header_only = true;
  run_jpeg(job);
  if (job.status != Status::Ok) jpeg_fail(job, what, nullptr, nullptr);
  return job.header;
}

cv::Mat decode_jpeg(std::span<const uint8_t> data, const DecodeLimits& limits, const Deadline& deadline, double* dpi,
                    const std::string& what) {
  JpegJob job;
  job.data = data;
  job.max_pixels = limits.max_pixels_per_page;
  job.deadline = &deadline;
  run_jpeg(job);
  if (job.status != Status::Ok) jpeg_fail(job, what, &deadline, &limits);
  if (dpi) *dpi = round_dpi(job.header.dpi);
  if (job.image.channels() == 4) return cmyk_to_bgr(job.image, job.adobe);
  return job.image;
}

cv::Mat decode_jpeg_samples(std::span<const uint8_t> data, const DecodeLimits& limits, const Deadline& deadline,
                            const std::string& what) {
  JpegJob job;
  job.data = data;
  job.max_pixels = limits.max_pixels_per_page;
  job.deadline = &deadline;
  job.components = true;
  run_jpeg(job);
  if (job.status != Status::Ok) jpeg_fail(job, what, &deadline, &limits);
  return job.image;
}

cv::Mat decode_png(std::span<const uint8_t> data, const DecodeLimits& limits, const Deadline& deadline, double* dpi) {
  PngJob job;
  job.data = data;
  job.max_pixels = limits.max_pixels_per_page;
  job.deadline = &deadline;
  run_png(job);
  if (job.status != Status::Ok) png_fail(job, &deadline, &limits);
  if (dpi) *dpi = round_dpi(job.header.dpi);
  return drop_alpha(job.image);
}

std::unique_ptr<ScanReader> open_raster(std::vector<uint8_t> bytes, MediaType type, const DecodeLimits& limits) {
  // The header must be readable for the file to count as an image at all.
  if (type == MediaType::Jpeg) {
    jpeg_header(bytes, "JPEG");
  } else {
    PngJob job;
    job.data = bytes;
    job.header_only = true;
    run_png(job);
    if (job.status != Status::Ok) png_fail(job, nullptr, nullptr);
  }
  return std::make_unique<RasterReader>(std::move(bytes), type, limits);
}

}  // namespace berkas::scan
