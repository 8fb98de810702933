// TIFF: the page directories (IFDs) are walked here, without libtiff, to count
// pages, read each page's size and resolution, and see whether its data lies
// inside the file, all before anything is decoded. Each page is then decoded by
// Leptonica straight from its directory offset (pixReadMemFromMultipageTiff),
// which handles G3/G4, LZW, PackBits, Deflate, JPEG, uncompressed, 1- to
// 16-bit, RGB and palette pages. What Leptonica refuses (separate colour
// planes, odd YCbCr layouts) goes through libtiff's RGBA interface, with
// libtiff's messages caught per handle.
#include <leptonica/allheaders.h>
#include <tiffio.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "image/scan_pages.hpp"

namespace berkas::scan {
namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Beyond the page limit the directories are still counted (cheaply) up to
// here, to say how many pages the file has.
constexpr size_t kMaxCountedPages = 100000;

struct TiffPage {
  uint64_t ifd = 0;
  int64_t width = -1;
  int64_t height = -1;
  int bits = 1;
  int samples = 1;
  int compression = 1;
  double dpi = 0;
  // A problem found in the directory, reported when this page is read.
  ErrorCode error_code = ErrorCode::CorruptInput;
  std::string error;
};

class TiffBytes {
 public:
  explicit TiffBytes(std::span<const uint8_t> data) : data_(data), little_(data.size() > 1 && data[0] == 'I') {}

  uint64_t size() const { return data_.size(); }
  bool has(uint64_t offset, uint64_t length) const { return offset <= data_.size() && length <= data_.size() - offset; }
  uint32_t u16(uint64_t at) const {
    const uint8_t* p = data_.data() + at;
    return little_ ? p[0] | (p[1] << 8) : (p[0] << 8) | p[1];
  }
  uint32_t u32(uint64_t at) const {
    const uint8_t* p = data_.data() + at;
    return little_ ? p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24)
                   : (static_cast<uint32_t>(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
  }

 private:
  std::span<const uint8_t> data_;
  bool little_;
};

// One 12-byte directory entry.
struct Entry {
  uint32_t tag = 0;
  uint32_t type = 0;
  uint32_t count = 0;
  uint64_t at = 0;  // where the entry starts
};

int type_size(uint32_t type) {
  switch (type) {
    case 1:  // BYTE
    case 2:  // ASCII
    case 6:  // SBYTE
    case 7:  // UNDEFINED
      return 1;
    case 3:  // SHORT
    case 8:  // SSHORT
      return 2;
    case 4:   // LONG
    case 9:   // SLONG
    case 11:  // FLOAT
    case 13:  // IFD
      return 4;
    case 5:   // RATIONAL
    case 10:  // SRATIONAL
    case 12:  // DOUBLE
      return 8;
    default:
      return 0;
  }
}

// Where an entry's values are: in the entry itself when they fit in 4 bytes.
// Returns false when they lie (partly) outside the file.
bool values_at(const TiffBytes& tiff, const Entry& e, uint64_t* at) {
  const uint64_t bytes = static_cast<uint64_t>(type_size(e.type)) * e.count;
  if (bytes == 0) return false;
  *at = bytes <= 4 ? e.at + 8 : tiff.u32(e.at + 8);
  return tiff.has(*at, bytes);
}

// Value i of a SHORT or LONG entry.
bool integer(const TiffBytes& tiff, const Entry& e, uint32_t i, uint64_t* value) {
  uint64_t at = 0;
  if (i >= e.count || (e.type != 3 && e.type != 4) || !values_at(tiff, e, &at)) return false;
  *value = e.type == 3 ? tiff.u16(at + 2ull * i) : tiff.u32(at + 4ull * i);
  return true;
}

bool rational(const TiffBytes& tiff, const Entry& e, double* value) {
  uint64_t at = 0;
  if (e.type != 5 || !values_at(tiff, e, &at)) return false;
  const uint32_t den = tiff.u32(at + 4);
  if (den == 0) return false;
  *value = static_cast<double>(tiff.u32(at)) / den;
  return true;
}

// Reads one directory's entries into `page`. Problems with the page itself
// (missing size, data beyond the end of the file) are kept in page.error.
void read_directory(const TiffBytes& tiff, uint64_t ifd, TiffPage& page) {
  page.ifd = ifd;
  const uint32_t n = tiff.u16(ifd);
  Entry offsets, counts;
  double x_resolution = 0;
  uint64_t unit = 2;  // inch
  for (uint32_t i = 0; i < n; ++i) {
    Entry e;
    e.at = ifd + 2 + 12ull * i;
    e.tag = tiff.u16(e.at);
    e.type = tiff.u16(e.at + 2);
    e.count = tiff.u32(e.at + 4);
    uint64_t v = 0;
    switch (e.tag) {
      case 256:
        if (integer(tiff, e, 0, &v)) page.width = static_cast<int64_t>(v);
        break;
      case 257:
        if (integer(tiff, e, 0, &v)) page.height = static_cast<int64_t>(v);
        break;
      case 258:
        if (integer(tiff, e, 0, &v)) page.bits = static_cast<int>(v);
        break;
      case 259:
        if (integer(tiff, e, 0, &v)) page.compression = static_cast<int>(v);
        break;
      case 277:
        if (integer(tiff, e, 0, &v)) page.samples = static_cast<int>(v);
        break;
      case 282:
        rational(tiff, e, &x_resolution);
        break;
      case 296:
        integer(tiff, e, 0, &unit);
        break;
      case 273:  // StripOffsets
      case 324:  // TileOffsets
        offsets = e;
        break;
      case 279:  // StripByteCounts
      case 325:  // TileByteCounts
        counts = e;
        break;
      default:
        break;
    }
  }
  if (unit == 2) page.dpi = x_resolution;
  if (unit == 3) page.dpi = x_resolution * 2.54;

  if (page.width <= 0 || page.height <= 0) {
    page.error = "corrupt TIFF (the page has no image size)";
    return;
  }
  if (page.bits != 1 && page.bits != 2 && page.bits != 4 && page.bits != 8 && page.bits != 16) {
    page.error_code = ErrorCode::Unsupported;
    page.error = "unsupported TIFF (" + std::to_string(page.bits) + " bits per sample)";
    return;
  }
  if (page.samples < 1 || page.samples > 4) {
    page.error_code = ErrorCode::Unsupported;
    page.error = "unsupported TIFF (" + std::to_string(page.samples) + " samples per pixel)";
    return;
  }
  if (offsets.tag == 0 || offsets.count == 0) {
    page.error = "corrupt TIFF (the page has no image data)";
    return;
  }
  uint64_t dummy = 0;
  if (!values_at(tiff, offsets, &dummy) || (counts.tag != 0 && !values_at(tiff, counts, &dummy))) {
    page.error = "truncated TIFF (the page's strip table lies beyond the end of the file)";
    return;
  }
  // Every strip or tile must lie inside the file; a cut file shows here.
  for (uint32_t i = 0; i < offsets.count; ++i) {
    uint64_t at = 0, length = 0;
    if (!integer(tiff, offsets, i, &at)) {
      page.error = "corrupt TIFF (bad strip offsets)";
      return;
    }
    if (counts.tag != 0 && integer(tiff, counts, i, &length) && !tiff.has(at, length)) {
      page.error = "truncated TIFF (the page's image data lies beyond the end of the file)";
      return;
    }
  }
}

// ---- libtiff's RGBA interface on memory, for what Leptonica does not read.

struct MemoryFile {
  std::span<const uint8_t> data;
  uint64_t pos = 0;
  int errors = 0;
};

tsize_t memory_read(thandle_t handle, tdata_t out, tsize_t size) {
  auto* file = static_cast<MemoryFile*>(handle);
  if (size <= 0 || file->pos >= file->data.size()) return 0;
  const uint64_t n = std::min<uint64_t>(static_cast<uint64_t>(size), file->data.size() - file->pos);
  std::memcpy(out, file->data.data() + file->pos, n);
  file->pos += n;
  return static_cast<tsize_t>(n);
}
tsize_t memory_write(thandle_t, tdata_t, tsize_t) { return 0; }
toff_t memory_seek(thandle_t handle, toff_t offset, int whence) {
  auto* file = static_cast<MemoryFile*>(handle);
  const uint64_t base = whence == SEEK_CUR ? file->pos : whence == SEEK_END ? file->data.size() : 0;
  file->pos = base + offset;
  return file->pos;
}
int memory_close(thandle_t) { return 0; }
toff_t memory_size(thandle_t handle) { return static_cast<MemoryFile*>(handle)->data.size(); }
int memory_map(thandle_t handle, tdata_t* base, toff_t* size) {
  auto* file = static_cast<MemoryFile*>(handle);
  *base = const_cast<uint8_t*>(file->data.data());  // opened read-only: libtiff does not write to it
  *size = file->data.size();
  return 1;
}
void memory_unmap(thandle_t, tdata_t, toff_t) {}
int count_tiff_error(TIFF*, void* user, const char*, const char*, va_list) {
  ++static_cast<MemoryFile*>(user)->errors;
  return 1;  // handled: nothing printed
}
int ignore_tiff_warning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

struct TiffCloser {
  void operator()(TIFF* tif) const { TIFFClose(tif); }
};

// Returns an empty Mat when libtiff cannot decode the page either.
cv::Mat decode_rgba(std::span<const uint8_t> bytes, const TiffPage& page) {
  MemoryFile file{bytes};
  TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
  TIFFOpenOptionsSetErrorHandlerExtR(options, count_tiff_error, &file);
  TIFFOpenOptionsSetWarningHandlerExtR(options, ignore_tiff_warning, &file);
  std::unique_ptr<TIFF, TiffCloser> tif(TIFFClientOpenExt("scan", "r", &file, memory_read, memory_write, memory_seek,
                                                          memory_close, memory_size, memory_map, memory_unmap,
                                                          options));
  TIFFOpenOptionsFree(options);
  if (!tif || !TIFFSetSubDirectory(tif.get(), page.ifd)) return {};
  // Dimensions were checked against the pixel limit before this allocation.
  std::vector<uint32_t> raster(static_cast<size_t>(page.width) * static_cast<size_t>(page.height));
  if (!TIFFReadRGBAImageOriented(tif.get(), static_cast<uint32_t>(page.width), static_cast<uint32_t>(page.height),
                                 raster.data(), ORIENTATION_TOPLEFT, 1) ||
      file.errors > 0)
    return {};
  cv::Mat out(static_cast<int>(page.height), static_cast<int>(page.width), CV_8UC3);
  const uint32_t* in = raster.data();
  for (int y = 0; y < out.rows; ++y) {
    uint8_t* o = out.ptr<uint8_t>(y);
    for (int x = 0; x < out.cols; ++x, ++in, o += 3) {
      // libtiff's RGBA interface premultiplies colour by alpha: onto white is colour + (255 - alpha).
      const uint32_t paper = 255 - TIFFGetA(*in);
      o[0] = static_cast<uint8_t>(std::min<uint32_t>(255, TIFFGetB(*in) + paper));
      o[1] = static_cast<uint8_t>(std::min<uint32_t>(255, TIFFGetG(*in) + paper));
      o[2] = static_cast<uint8_t>(std::min<uint32_t>(255, TIFFGetR(*in) + paper));
    }
  }
  if (page.samples <= 2) cv::extractChannel(out, out, 0);  // grey stays grey
  return out;
}

class TiffReader final : public ScanReader {
 public:
  TiffReader(std::vector<uint8_t> bytes, std::vector<TiffPage> pages, const DecodeLimits& limits)
      : bytes_(std::move(bytes)), pages_(std::move(pages)), limits_(limits) {}

  MediaType media_type() const override { return MediaType::Tiff; }
  int page_count() const override { return static_cast<int>(pages_.size()); }

  DecodedPage read_page(int index) override {
    if (index < 0 || index >= page_count())
      throw Error(ErrorCode::InvalidArgument, "page " + std::to_string(index + 1) + " does not exist (the file has " +
                                                  std::to_string(page_count()) + " pages)");
    const TiffPage& info = pages_[static_cast<size_t>(index)];
    if (!info.error.empty()) throw Error(info.error_code, info.error);
    check_pixels(info.width, info.height, limits_);
    return guarded([&] {
      const Deadline deadline(limits_.max_seconds_per_page);
      size_t offset = static_cast<size_t>(info.ifd);
      // One Leptonica call; it cannot be interrupted, the time is checked after it.
      PixPtr pix(pixReadMemFromMultipageTiff(bytes_.data(), bytes_.size(), &offset));
      DecodedPage page;
      page.number = index + 1;
      page.origin = "tiff";
      page.dpi = round_dpi(info.dpi);
      if (pix && pixGetWidth(pix.get()) == info.width && pixGetHeight(pix.get()) == info.height)
        page.image = mat_from_pix(pix.get());
      else
        page.image = decode_rgba(bytes_, info);
      if (page.image.empty())
        throw Error(ErrorCode::CorruptInput, "corrupt TIFF image data (compression " +
                                                 std::to_string(info.compression) + ", " + std::to_string(info.bits) +
                                                 " bits x " + std::to_string(info.samples) + " samples)");
      deadline.finish();
      return page;
    });
  }

 private:
  std::vector<uint8_t> bytes_;
  std::vector<TiffPage> pages_;
  DecodeLimits limits_;
};

}  // namespace

std::unique_ptr<ScanReader> open_tiff(std::vector<uint8_t> bytes, const DecodeLimits& limits) {
  const TiffBytes tiff(bytes);
  if (!tiff.has(0, 8)) throw Error(ErrorCode::CorruptInput, "truncated TIFF");
  std::vector<TiffPage> pages;
  std::set<uint64_t> seen;
  uint64_t ifd = tiff.u32(4);
  size_t counted = 0;
  while (ifd != 0 && counted < kMaxCountedPages) {
    if (!seen.insert(ifd).second) break;  // a directory chain that loops back: the pages so far are all
    const bool complete = ifd >= 8 && tiff.has(ifd, 2) && tiff.has(ifd + 2, 12ull * tiff.u16(ifd) + 4);
    if (!complete) {
      if (counted >= static_cast<size_t>(limits.max_pages)) break;
      if (pages.empty())
        throw Error(ErrorCode::CorruptInput,
                    ifd < 8 ? "corrupt TIFF (bad directory offset)" : "truncated TIFF (no complete page directory)");
      // The pages before are readable; this one (and any after it) is lost.
      TiffPage lost;
      lost.error = ifd < 8 ? "corrupt TIFF (bad directory offset)"
                           : "truncated TIFF (this page's directory lies beyond the end of the file)";
      pages.push_back(lost);
      ++counted;
      break;
    }
    if (counted < static_cast<size_t>(limits.max_pages)) {
      TiffPage page;
      read_directory(tiff, ifd, page);
      pages.push_back(std::move(page));
    }
    ++counted;
    ifd = tiff.u32(ifd + 2 + 12ull * tiff.u16(ifd));
  }
  if (counted > static_cast<size_t>(limits.max_pages))
    throw Error(ErrorCode::LimitExceeded, "too many pages (" + (counted >= kMaxCountedPages ? "over " : std::string()) +
                                              std::to_string(counted) + "; the limit is " +
                                              std::to_string(limits.max_pages) + ")");
  if (pages.empty()) throw Error(ErrorCode::CorruptInput, "corrupt TIFF (no pages)");
  return std::make_unique<TiffReader>(std::move(bytes), std::move(pages), limits);
}

cv::Mat mat_from_pix(PIX* source) {
  PixPtr owned;
  PIX* pix = source;
  const auto use = [&](PIX* next) {
    if (!next) throw Error(ErrorCode::LimitExceeded, "not enough memory to convert the image");
    owned.reset(next);
    pix = next;
  };
  if (pixGetColormap(pix)) use(pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC));
  if (pixGetDepth(pix) == 2 || pixGetDepth(pix) == 4) use(pixConvertTo8(pix, 0));
  if (pixGetDepth(pix) == 16) use(pixConvert16To8(pix, L_MS_BYTE));
  if (pixGetDepth(pix) == 24) use(pixConvert24To32(pix));

  const int width = pixGetWidth(pix);
  const int height = pixGetHeight(pix);
  const int depth = pixGetDepth(pix);
  const int wpl = pixGetWpl(pix);
  const l_uint32* data = pixGetData(pix);
  if (depth == 1) {
    // Leptonica: 1 = black. Out: black 0, white 255.
    cv::Mat out(height, width, CV_8UC1);
    for (int y = 0; y < height; ++y) {
      const l_uint32* line = data + static_cast<size_t>(y) * wpl;
      uint8_t* o = out.ptr<uint8_t>(y);
      for (int x = 0; x < width; ++x) o[x] = (line[x >> 5] >> (31 - (x & 31))) & 1 ? 0 : 255;
    }
    return out;
  }
  if (depth == 8) {
    cv::Mat out(height, width, CV_8UC1);
    for (int y = 0; y < height; ++y) {
      const l_uint32* line = data + static_cast<size_t>(y) * wpl;
      uint8_t* o = out.ptr<uint8_t>(y);
      for (int x = 0; x < width; ++x) o[x] = static_cast<uint8_t>(line[x >> 2] >> (8 * (3 - (x & 3))));
    }
    return out;
  }
  if (depth == 32) {
    // 0xRRGGBBAA words. With alpha (4 samples), Leptonica has read the TIFF
    // through libtiff's RGBA interface, which premultiplies: onto white is
    // colour + (255 - alpha).
    const bool alpha = pixGetSpp(pix) == 4;
    cv::Mat out(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
      const l_uint32* line = data + static_cast<size_t>(y) * wpl;
      uint8_t* o = out.ptr<uint8_t>(y);
      for (int x = 0; x < width; ++x, o += 3) {
        const l_uint32 paper = alpha ? 255 - (line[x] & 0xff) : 0;
        o[0] = static_cast<uint8_t>(std::min<l_uint32>(255, ((line[x] >> 8) & 0xff) + paper));
        o[1] = static_cast<uint8_t>(std::min<l_uint32>(255, ((line[x] >> 16) & 0xff) + paper));
        o[2] = static_cast<uint8_t>(std::min<l_uint32>(255, (line[x] >> 24) + paper));
      }
    }
    return out;
  }
  throw Error(ErrorCode::Unsupported, "unsupported image depth (" + std::to_string(depth) + " bits per pixel)");
}

}  // namespace berkas::scan
