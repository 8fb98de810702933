#include "intake/zip_upload.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/error.hpp"
#include "intake/upload_names.hpp"

namespace berkas {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kBufferBytes = 64 * 1024;
constexpr uint64_t kRatioCheckAfter = 1ull << 20;

std::string errno_text(int err) { return std::strerror(err); }

std::string libarchive_message(archive* a) {
  const char* message = archive_error_string(a);
  return message != nullptr ? message : "unknown libarchive error";
}

std::string mib(uint64_t bytes) {
  char text[64];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  return text;
}

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  // Closes, reporting a failure (a write that was deferred can fail here).
  int close() {
    const int r = ::close(fd_);
    fd_ = -1;
    return r;
  }

 private:
  int fd_;
};

// Every file written so far; deleted unless the extraction completes.
class SpoolGuard {
 public:
  ~SpoolGuard() {
    if (committed_) return;
    for (const auto& path : written_) {
      std::error_code ec;
      fs::remove(path, ec);
    }
  }
  void add(const fs::path& path) { written_.push_back(path); }
  void commit() { committed_ = true; }

 private:
  std::vector<fs::path> written_;
  bool committed_ = false;
};

void write_all(int fd, const char* data, std::size_t size, const fs::path& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(ErrorCode::Io, "cannot write " + path.string() + ": " + errno_text(errno));
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

std::string entry_name(archive_entry* entry) {
  // UTF-8 when libarchive can convert it (a UTF-8 locale); in the C locale
  // libarchive hands the stored bytes through unchanged.
  if (const char* utf8 = archive_entry_pathname_utf8(entry)) return utf8;
  if (const char* raw = archive_entry_pathname(entry)) return raw;
  return {};
}

}  // namespace

std::vector<ExtractedFile> extract_zip(const fs::path& zip, const fs::path& spool_dir, const ZipLimits& limits) {
  const std::string zip_label = zip.filename().string();

  Fd input(::open(zip.c_str(), O_RDONLY | O_CLOEXEC));
  if (input.get() < 0) {
    const int err = errno;
    throw Error(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                "cannot open " + zip.string() + ": " + errno_text(err));
  }
  struct stat st {};
  if (::fstat(input.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    throw Error(ErrorCode::Io, zip.string() + " is not a regular file");
  }

  std::error_code ec;
  fs::create_directories(spool_dir, ec);
  if (ec || !fs::is_directory(spool_dir)) {
    throw Error(ErrorCode::Io,
                "cannot create the spool folder " + spool_dir.string() + (ec ? ": " + ec.message() : std::string()));
  }

  std::unique_ptr<archive, ArchiveDeleter> reader(archive_read_new());
  if (!reader) throw Error(ErrorCode::Internal, "libarchive: out of memory");
  archive* a = reader.get();
  archive_read_support_format_zip(a);
  archive_read_support_filter_none(a);  // ZIP needs no outer filter; "all" could run external programs
  if (archive_read_open_fd(a, input.get(), kBufferBytes) != ARCHIVE_OK) {
    throw Error(ErrorCode::CorruptInput, zip_label + " is not a ZIP archive: " + libarchive_message(a));
  }

  SpoolGuard guard;
  std::vector<ExtractedFile> files;
  std::vector<char> buffer(kBufferBytes);
  uint64_t entries = 0;
  uint64_t total_bytes = 0;
  uint64_t next_number = 1;

  for (;;) {
    archive_entry* entry = nullptr;
    const int header = archive_read_next_header(a, &entry);
    if (header == ARCHIVE_EOF) break;
    if (header != ARCHIVE_OK) {
      throw Error(ErrorCode::CorruptInput,
                  zip_label + " is corrupt (after " + std::to_string(entries) + " entries): " + libarchive_message(a));
    }
    ++entries;
    if (entries > limits.max_entries) {
      throw Error(ErrorCode::LimitExceeded,
                  zip_label + " has more than the limit of " + std::to_string(limits.max_entries) + " entries");
    }
    const std::string raw_name = entry_name(entry);
    const std::string where = "entry " + std::to_string(entries) + " of " + zip_label;
    const auto type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) continue;
    if (archive_entry_hardlink(entry) != nullptr || type == AE_IFLNK) {
      throw Error(ErrorCode::Unsupported, where + " is a link, not a file: links are refused");
    }
    if (type != AE_IFREG) throw Error(ErrorCode::Unsupported, where + " is not a regular file");
    if (archive_entry_is_encrypted(entry)) {
      throw Error(ErrorCode::Unsupported, where + " is encrypted: encrypted ZIP entries are refused");
    }
    std::string name;
    try {
      name = checked_upload_name(raw_name);
    } catch (const Error& e) {
      throw e.with_context(where);
    }
    const std::string labelled = where + " (" + name + ")";

    // A generated name: the entry's own never touches the file system.
    fs::path path;
    Fd out;
    for (;;) {
      char leaf[32];
      std::snprintf(leaf, sizeof leaf, "%06llu.bin", static_cast<unsigned long long>(next_number++));
      path = spool_dir / leaf;
      out.reset(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
      if (out.get() >= 0) break;
      if (errno != EEXIST) {
        throw Error(ErrorCode::Io, "cannot create " + path.string() + ": " + errno_text(errno));
      }
    }
    guard.add(path);

    const int64_t read_before = archive_filter_bytes(a, -1);
    uint64_t entry_bytes = 0;
    for (;;) {
      const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
      if (n == 0) break;
      if (n < 0) throw Error(ErrorCode::CorruptInput, labelled + " is corrupt: " + libarchive_message(a));
      const auto got = static_cast<uint64_t>(n);
      if (entry_bytes + got > limits.max_entry_bytes) {
        throw Error(ErrorCode::LimitExceeded, labelled + " decompresses to more than the limit of " +
                                                  std::to_string(limits.max_entry_bytes) + " bytes (" +
                                                  mib(limits.max_entry_bytes) + ") per file");
      }
      if (total_bytes + got > limits.max_total_bytes) {
        throw Error(ErrorCode::LimitExceeded, zip_label + " decompresses to more than the limit of " +
                                                  std::to_string(limits.max_total_bytes) + " bytes (" +
                                                  mib(limits.max_total_bytes) + ") in all");
      }
      write_all(out.get(), buffer.data(), static_cast<std::size_t>(n), path);
      entry_bytes += got;
      total_bytes += got;
      if (entry_bytes > kRatioCheckAfter) {
        // Upload bytes libarchive has consumed for this entry so far.
        const int64_t consumed = archive_filter_bytes(a, -1) - read_before;
        const double ratio = static_cast<double>(entry_bytes) / static_cast<double>(consumed > 0 ? consumed : 1);
        if (ratio > limits.max_ratio) {
          char text[160];
          std::snprintf(text, sizeof text, " has a compression ratio of %.0f:1, above the limit of %.0f:1", ratio,
                        limits.max_ratio);
          throw Error(ErrorCode::LimitExceeded, labelled + text);
        }
      }
    }
    if (out.close() != 0) {
      throw Error(ErrorCode::Io, "cannot write " + path.string() + ": " + errno_text(errno));
    }
    files.push_back({path, name});
  }
  guard.commit();
  return files;
}

}  // namespace berkas
