// A batch uploaded as one ZIP: its files streamed into a spool folder under
// generated names, with the limits that keep a hostile archive (ZIP bomb,
// path traversal, links, encryption) from doing harm.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace berkas {

struct ZipLimits {
  uint64_t max_entries = 10000;             // every entry counts, folders included
  uint64_t max_entry_bytes = 512ull << 20;  // decompressed bytes of one file
  uint64_t max_total_bytes = 4ull << 30;    // decompressed bytes of all files
  // Decompressed bytes of an entry per byte of the upload it was read from;
  // checked once the entry has produced more than 1 MiB.
  double max_ratio = 200;
};

struct ExtractedFile {
  std::filesystem::path path;  // in spool_dir, under a generated name ("000001.bin")
  std::string name;            // the entry's path, through checked_upload_name: a label, never a path
};

// Streams every regular-file entry of `zip` into `spool_dir` (created if
// missing) and returns them in archive order. Files are named by number,
// never after the entry, so nothing is written outside spool_dir; an
// existing file is never overwritten. Folder entries are skipped.
//
// Throws berkas::Error, and first deletes every file it wrote, when:
//   - zip cannot be opened (NotFound, Io) or spool_dir cannot be written (Io);
//   - zip is not a ZIP archive or is corrupt or truncated (CorruptInput,
//     libarchive's message included);
//   - an entry is encrypted, or is a symbolic link, hard link, device or
//     other non-regular, non-folder entry (Unsupported);
//   - an entry's name fails checked_upload_name (InvalidArgument);
//   - there are more than max_entries entries, or an entry or all entries
//     together decompress to more than max_entry_bytes / max_total_bytes, or
//     an entry's compression ratio exceeds max_ratio (LimitExceeded). Bytes
//     are counted as they are written, never taken from the headers, so no
//     more than the limit is ever written.
std::vector<ExtractedFile> extract_zip(const std::filesystem::path& zip, const std::filesystem::path& spool_dir,
                                       const ZipLimits& limits = {});

}  // namespace berkas
