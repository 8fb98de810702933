#include "intake/zip_upload.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "intake/upload_names.hpp"

namespace berkas {
namespace {

namespace fs = std::filesystem;

// Runs f, expecting a berkas::Error with `code` whose message contains every
// fragment; returns the message.
std::string expect_error(const std::function<void()>& f, ErrorCode code, const std::vector<std::string>& fragments) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    for (const auto& fragment : fragments)
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no berkas::Error thrown";
  return {};
}

// ---------------------------------------------------------------- names

void expect_rejected_name(const std::string& name, const std::string& reason) {
  SCOPED_TRACE("name of " + std::to_string(name.size()) + " bytes");
  expect_error([&] { checked_upload_name(name); }, ErrorCode::InvalidArgument, {"upload name \"", reason});
}

TEST(UploadName, KeepsFoldersAndNormalisesSeparators) {
  EXPECT_EQ(checked_upload_name("ktp.jpg"), "ktp.jpg");
  EXPECT_EQ(checked_upload_name("berkas-1/ktp.jpg"), "berkas-1/ktp.jpg");
  EXPECT_EQ(checked_upload_name("berkas-1\\sub\\ktp.jpg"), "berkas-1/sub/ktp.jpg");
  EXPECT_EQ(checked_upload_name("./berkas-1/ktp.jpg"), "berkas-1/ktp.jpg");
  EXPECT_EQ(checked_upload_name(".\\berkas-1\\ktp.jpg"), "berkas-1/ktp.jpg");
  EXPECT_EQ(checked_upload_name("././a//b/./c.png"), "a/b/c.png");
  EXPECT_EQ(checked_upload_name("berkas-1/"), "berkas-1");
  EXPECT_EQ(checked_upload_name("...png"), "...png");  // dots inside a name are not ".."
  EXPECT_EQ(checked_upload_name("a..b/..c/d.."), "a..b/..c/d..");
  EXPECT_EQ(checked_upload_name(".hidden/kk.png"), ".hidden/kk.png");
  EXPECT_EQ(checked_upload_name("Kartu Keluarga Ñoño é 日本.png"), "Kartu Keluarga Ñoño é 日本.png");
  EXPECT_EQ(checked_upload_name("ktp 10:30.jpg"), "ktp 10:30.jpg");  // a colon is only a drive letter second
  EXPECT_EQ(checked_upload_name("ab:c.png"), "ab:c.png");
}

TEST(UploadName, RejectsEmptyNames) {
  expect_rejected_name("", "is empty");
  expect_rejected_name(".", "names no file");
  expect_rejected_name("./", "names no file");
  expect_rejected_name(".//./", "names no file");
}

TEST(UploadName, RejectsAbsolutePaths) {
  expect_rejected_name("/etc/passwd", "absolute path");
  expect_rejected_name("\\etc\\passwd", "absolute path");
  expect_rejected_name("\\\\server\\share\\x.jpg", "absolute path");
  expect_rejected_name("//server/share/x.jpg", "absolute path");
  expect_rejected_name("C:/x", "drive letter");
  expect_rejected_name("c:\\Windows\\x.jpg", "drive letter");
  expect_rejected_name("C:x.jpg", "drive letter");
}

TEST(UploadName, RejectsParentComponents) {
  expect_rejected_name("../../etc/passwd", "\"..\" component");
  expect_rejected_name("a/../../b", "\"..\" component");
  expect_rejected_name("a/../b", "\"..\" component");  // even one that stays inside
  expect_rejected_name("..", "\"..\" component");
  expect_rejected_name("a/..", "\"..\" component");
  expect_rejected_name("..\\..\\etc\\passwd", "\"..\" component");
  expect_rejected_name("./../x", "\"..\" component");
}

TEST(UploadName, RejectsControlCharacters) {
  expect_rejected_name(std::string("a\0b.jpg", 7), "NUL");
  expect_rejected_name(std::string("\0", 1), "NUL");
  expect_rejected_name("a\nb.jpg", "control character");
  expect_rejected_name("a\tb.jpg", "control character");
  expect_rejected_name("a\rb.jpg", "control character");
  expect_rejected_name("a\x1b[31mb.jpg", "control character");
  expect_rejected_name("a\x7f.jpg", "control character");
  expect_rejected_name("a\xc2\x85.jpg", "control character");        // U+0085, a C1 control
  expect_rejected_name("gpj\xe2\x80\xae.exe", "control character");  // U+202E, right-to-left override
  expect_rejected_name("a\xe2\x81\xa6.jpg", "control character");    // U+2066, left-to-right isolate
}

TEST(UploadName, RejectsNamesLongerThan255Bytes) {
  const std::string folder = "berkas-1/";
  EXPECT_EQ(checked_upload_name(folder + std::string(255 - folder.size(), 'a')).size(), 255u);
  expect_rejected_name(folder + std::string(256 - folder.size(), 'a'), "longer than 255 bytes");
  // Bytes, not characters: 128 two-byte characters are 256 bytes.
  std::string e_acute;
  for (int i = 0; i < 128; ++i) e_acute += "\xc3\xa9";
  expect_rejected_name(e_acute, "longer than 255 bytes");
  // Normalisation does not rescue an overlong name.
  expect_rejected_name(std::string(250, '.') + "/./a.png", "longer than 255 bytes");
}

TEST(UploadName, RejectsInvalidUtf8) {
  expect_rejected_name("a\xff.jpg", "not valid UTF-8");
  expect_rejected_name("a\x80.jpg", "not valid UTF-8");   // lone continuation byte
  expect_rejected_name("a\xc3", "not valid UTF-8");       // truncated sequence
  expect_rejected_name("a\xc3z.jpg", "not valid UTF-8");  // bad continuation
  expect_rejected_name(
      "a\xc0\xaf"
      "etc",
      "not valid UTF-8");                                                 // overlong '/'
  expect_rejected_name("\xe0\x80\xae\xe0\x80\xae/x", "not valid UTF-8");  // overlong '.'
  expect_rejected_name("a\xed\xa0\x80.jpg", "not valid UTF-8");           // UTF-16 surrogate
  expect_rejected_name("a\xf4\x90\x80\x80.jpg", "not valid UTF-8");       // beyond U+10FFFF
  expect_rejected_name("\xcf\xc3\xbd.jpg", "not valid UTF-8");            // Latin-1/CP437 bytes
}

TEST(UploadName, MessageQuotesTheNameSafely) {
  const std::string message =
      expect_error([] { checked_upload_name("../../etc/passwd"); }, ErrorCode::InvalidArgument, {});
  EXPECT_EQ(message, "upload name \"../../etc/passwd\" has a \"..\" component");
  EXPECT_EQ(expect_error([] { checked_upload_name(std::string("a\0b", 3)); }, ErrorCode::InvalidArgument, {}),
            "upload name \"a\\x00b\" contains a NUL byte");
  EXPECT_EQ(expect_error([] { checked_upload_name("a\nb\xff"); }, ErrorCode::InvalidArgument, {}),
            "upload name \"a\\x0ab\\xff\" contains a control character (byte 1)");
  // A long name is cut short in the message.
  const std::string long_message =
      expect_error([] { checked_upload_name(std::string(300, 'x')); }, ErrorCode::InvalidArgument, {"(300 bytes)"});
  EXPECT_LT(long_message.size(), 200u);
}

// ---------------------------------------------------------------- ZIPs

struct Entry {
  std::string name;
  std::string data;
  unsigned type = AE_IFREG;  // AE_IFREG, AE_IFDIR or AE_IFLNK (data is then the target)
};

struct ArchiveWriter {
  archive* a = archive_write_new();
  ~ArchiveWriter() { archive_write_free(a); }
};

// A ZIP written by libarchive, deflated unless options say otherwise.
void write_zip(const fs::path& path, const std::vector<Entry>& entries, const std::string& options = "") {
  ArchiveWriter w;
  ASSERT_EQ(archive_write_set_format_zip(w.a), ARCHIVE_OK);
  if (!options.empty()) {
    ASSERT_EQ(archive_write_set_options(w.a, options.c_str()), ARCHIVE_OK) << archive_error_string(w.a);
    ASSERT_EQ(archive_write_set_passphrase(w.a, "rahasia"), ARCHIVE_OK);
  }
  ASSERT_EQ(archive_write_open_filename(w.a, path.c_str()), ARCHIVE_OK) << archive_error_string(w.a);
  for (const auto& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname_utf8(entry, e.name.c_str());
    archive_entry_set_filetype(entry, e.type);
    archive_entry_set_perm(entry, e.type == AE_IFDIR ? 0755 : 0644);
    if (e.type == AE_IFLNK) archive_entry_set_symlink(entry, e.data.c_str());
    archive_entry_set_size(entry, e.type == AE_IFREG ? static_cast<la_int64_t>(e.data.size()) : 0);
    ASSERT_EQ(archive_write_header(w.a, entry), ARCHIVE_OK) << archive_error_string(w.a);
    archive_entry_free(entry);
    if (e.type == AE_IFREG && !e.data.empty()) {
      ASSERT_EQ(archive_write_data(w.a, e.data.data(), e.data.size()), static_cast<la_ssize_t>(e.data.size()));
    }
  }
  ASSERT_EQ(archive_write_close(w.a), ARCHIVE_OK) << archive_error_string(w.a);
}

// Reproducible bytes that do not compress.
std::string noise(std::size_t size, uint32_t seed) {
  std::string out(size, '\0');
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (auto& c : out) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

// Every path under dir, relative, sorted.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.push_back(fs::relative(e.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

constexpr uint64_t kMiB = 1ull << 20;
constexpr uint64_t kBombBytes = 600 * kMiB;

class ZipUpload : public ::testing::Test {
 protected:
  // The bomb: 600 MiB of zeros in one deflated entry, made once, streaming.
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/berkas-zipbomb-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    bomb_dir_ = pattern;
    bomb_ = bomb_dir_ / "bom.zip";
    ArchiveWriter w;
    ASSERT_EQ(archive_write_set_format_zip(w.a), ARCHIVE_OK);
    ASSERT_EQ(archive_write_set_options(w.a, "zip:compression=deflate"), ARCHIVE_OK);
    ASSERT_EQ(archive_write_open_filename(w.a, bomb_.c_str()), ARCHIVE_OK);
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, "berkas-1/ktp.jpg");
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(kBombBytes));
    ASSERT_EQ(archive_write_header(w.a, entry), ARCHIVE_OK);
    archive_entry_free(entry);
    const std::string zeros(kMiB, '\0');
    for (uint64_t written = 0; written < kBombBytes; written += kMiB) {
      ASSERT_EQ(archive_write_data(w.a, zeros.data(), zeros.size()), static_cast<la_ssize_t>(zeros.size()));
    }
    ASSERT_EQ(archive_write_close(w.a), ARCHIVE_OK);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(bomb_dir_, ec);
  }

  void SetUp() override {
    char pattern[] = "/tmp/berkas-zipupload-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    root_ = pattern;
    // spool/../../ is root_ itself, so a traversal would land in sight.
    spool_ = root_ / "upload" / "spool";
    fs::create_directories(spool_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  bool spool_empty() const { return fs::is_directory(spool_) && fs::is_empty(spool_); }

  static inline fs::path bomb_dir_;
  static inline fs::path bomb_;
  fs::path root_;
  fs::path spool_;
};

TEST_F(ZipUpload, ExtractsFilesInArchiveOrderWithNamesAndBytes) {
  const std::string ktp = noise(20000, 1);
  const std::string kk = noise(30000, 2);
  const std::string text(100000, 'a');  // compresses, within the ratio
  write_zip(root_ / "batch.zip", {{"berkas-1/", "", AE_IFDIR},
                                  {"berkas-1/ktp.jpg", ktp},
                                  {"berkas-2/kk.png", kk},
                                  {"./berkas-2\\empty.txt", ""},
                                  {"berkas-3/Kartu Keluarga é.txt", text}});
  const auto files = extract_zip(root_ / "batch.zip", spool_);
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0].name, "berkas-1/ktp.jpg");
  EXPECT_EQ(files[1].name, "berkas-2/kk.png");
  EXPECT_EQ(files[2].name, "berkas-2/empty.txt");
  EXPECT_EQ(files[3].name, "berkas-3/Kartu Keluarga é.txt");
  EXPECT_EQ(files[0].path, spool_ / "000001.bin");
  EXPECT_EQ(files[1].path, spool_ / "000002.bin");
  EXPECT_EQ(files[2].path, spool_ / "000003.bin");
  EXPECT_EQ(files[3].path, spool_ / "000004.bin");
  EXPECT_EQ(read_file(files[0].path), ktp);
  EXPECT_EQ(read_file(files[1].path), kk);
  EXPECT_EQ(read_file(files[2].path), "");
  EXPECT_EQ(read_file(files[3].path), text);
  EXPECT_EQ(listing(spool_), (std::vector<std::string>{"000001.bin", "000002.bin", "000003.bin", "000004.bin"}));
}

TEST_F(ZipUpload, AcceptsStoredEntriesAndLargeOrdinaryFiles) {
  const std::string scan = noise(5 * kMiB, 3);  // past the 1 MiB after which the ratio is checked
  write_zip(root_ / "stored.zip", {{"a/scan.jpg", scan}, {"a/b.png", noise(1000, 4)}}, "zip:compression=store");
  const auto files = extract_zip(root_ / "stored.zip", spool_);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(read_file(files[0].path), scan);
  write_zip(root_ / "deflated.zip", {{"a/scan.jpg", scan}});
  const auto again = extract_zip(root_ / "deflated.zip", root_ / "spool2");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(read_file(again[0].path), scan);
}

TEST_F(ZipUpload, NeverOverwritesAFileAlreadyInTheSpool) {
  write_file(spool_ / "000001.bin", "already here");
  write_zip(root_ / "batch.zip", {{"berkas-1/ktp.jpg", "ktp"}});
  const auto files = extract_zip(root_ / "batch.zip", spool_);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, spool_ / "000002.bin");
  EXPECT_EQ(read_file(files[0].path), "ktp");
  EXPECT_EQ(read_file(spool_ / "000001.bin"), "already here");
  // A failing extraction deletes only what it wrote.
  write_zip(root_ / "bad.zip", {{"berkas-1/ktp.jpg", "ktp"}, {"../x", "x"}});
  expect_error([&] { extract_zip(root_ / "bad.zip", spool_); }, ErrorCode::InvalidArgument, {});
  EXPECT_EQ(listing(spool_), (std::vector<std::string>{"000001.bin", "000002.bin"}));
}

TEST_F(ZipUpload, StopsAZipBombAtThePerFileLimit) {
  ASSERT_LT(fs::file_size(bomb_), 2 * kMiB);  // 600 MiB in under 2 MiB: a bomb
  ZipLimits limits;
  limits.max_entry_bytes = 64 * kMiB;
  limits.max_ratio = 1e9;  // the byte limit alone
  expect_error([&] { extract_zip(bomb_, spool_, limits); }, ErrorCode::LimitExceeded,
               {"entry 1 of bom.zip (berkas-1/ktp.jpg)", "more than the limit of 67108864 bytes (64.0 MiB) per file"});
  EXPECT_TRUE(spool_empty());
}

TEST_F(ZipUpload, StopsAZipBombAtTheTotalLimit) {
  ZipLimits limits;
  limits.max_total_bytes = 32 * kMiB;
  limits.max_ratio = 1e9;
  expect_error([&] { extract_zip(bomb_, spool_, limits); }, ErrorCode::LimitExceeded,
               {"bom.zip decompresses to more than the limit of 33554432 bytes (32.0 MiB) in all"});
  EXPECT_TRUE(spool_empty());
}

TEST_F(ZipUpload, StopsAZipBombByItsCompressionRatio) {
  // Default limits: 600 MiB is within the 4 GiB total but above 512 MiB per
  // file; the ratio (about 1000:1) stops it long before either.
  expect_error([&] { extract_zip(bomb_, spool_); }, ErrorCode::LimitExceeded,
               {"entry 1 of bom.zip (berkas-1/ktp.jpg) has a compression ratio of", "above the limit of 200:1"});
  EXPECT_TRUE(spool_empty());
  // Below 1 MiB the ratio is not judged: 1 MiB of zeros is accepted...
  write_zip(root_ / "small.zip", {{"zeros.bin", std::string(kMiB, '\0')}});
  ASSERT_EQ(extract_zip(root_ / "small.zip", spool_).size(), 1u);
  // ...and past it, a ratio above the limit is refused.
  write_zip(root_ / "bigger.zip", {{"zeros.bin", std::string(2 * kMiB, '\0')}});
  expect_error([&] { extract_zip(root_ / "bigger.zip", root_ / "spool2"); }, ErrorCode::LimitExceeded,
               {"compression ratio"});
  EXPECT_TRUE(fs::is_empty(root_ / "spool2"));
  ZipLimits lenient;
  lenient.max_ratio = 5000;
  EXPECT_EQ(extract_zip(root_ / "bigger.zip", root_ / "spool3", lenient).size(), 1u);
}

TEST_F(ZipUpload, RefusesPathTraversalAndWritesNothing) {
  write_zip(root_ / "evil.zip", {{"berkas-1/ktp.jpg", "ktp"}, {"../../etc/passwd", "root::0:0::/:/bin/sh\n"}});
  const auto before = listing(root_);
  expect_error([&] { extract_zip(root_ / "evil.zip", spool_); }, ErrorCode::InvalidArgument,
               {"entry 2 of evil.zip: upload name \"../../etc/passwd\" has a \"..\" component"});
  EXPECT_TRUE(spool_empty());
  EXPECT_EQ(listing(root_), before);
  EXPECT_FALSE(fs::exists(root_ / "etc"));
}

TEST_F(ZipUpload, RefusesAbsoluteEntryNames) {
  write_zip(root_ / "evil.zip", {{"/etc/passwd", "x"}});
  expect_error([&] { extract_zip(root_ / "evil.zip", spool_); }, ErrorCode::InvalidArgument, {"absolute path"});
  EXPECT_TRUE(spool_empty());
}

TEST_F(ZipUpload, RefusesLinks) {
  write_zip(root_ / "link.zip", {{"berkas-1/ktp.jpg", "ktp"}, {"berkas-1/passwd", "/etc/passwd", AE_IFLNK}});
  expect_error([&] { extract_zip(root_ / "link.zip", spool_); }, ErrorCode::Unsupported,
               {"entry 2 of link.zip is a link"});
  EXPECT_TRUE(spool_empty());
}

TEST_F(ZipUpload, RefusesEncryptedEntries) {
  write_zip(root_ / "secret.zip", {{"berkas-1/ktp.jpg", noise(1000, 5)}}, "zip:encryption=zipcrypt");
  expect_error([&] { extract_zip(root_ / "secret.zip", spool_); }, ErrorCode::Unsupported,
               {"entry 1 of secret.zip is encrypted"});
  EXPECT_TRUE(spool_empty());
}

TEST_F(ZipUpload, RefusesATruncatedZip) {
  write_zip(root_ / "batch.zip", {{"berkas-1/ktp.jpg", noise(20000, 1)}, {"berkas-2/kk.png", noise(20000, 2)}});
  const std::string whole = read_file(root_ / "batch.zip");
  write_file(root_ / "half.zip", whole.substr(0, whole.size() / 2));
  expect_error([&] { extract_zip(root_ / "half.zip", spool_); }, ErrorCode::CorruptInput, {"half.zip"});
  EXPECT_TRUE(spool_empty());
  // Cut inside the first entry's data, too.
  write_file(root_ / "cut-short.zip", whole.substr(0, 5000));
  expect_error([&] { extract_zip(root_ / "cut-short.zip", spool_); }, ErrorCode::CorruptInput, {"cut-short.zip"});
  EXPECT_TRUE(spool_empty());
}

TEST_F(ZipUpload, RefusesWhatIsNotAZip) {
  write_file(root_ / "scan.zip", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + noise(1000, 6));
  expect_error([&] { extract_zip(root_ / "scan.zip", spool_); }, ErrorCode::CorruptInput,
               {"scan.zip is not a ZIP archive"});
  write_file(root_ / "empty.zip", "");
  expect_error([&] { extract_zip(root_ / "empty.zip", spool_); }, ErrorCode::CorruptInput, {"not a ZIP archive"});
  EXPECT_TRUE(spool_empty());
  expect_error([&] { extract_zip(root_ / "missing.zip", spool_); }, ErrorCode::NotFound, {"missing.zip"});
}

TEST_F(ZipUpload, RefusesTooManyEntries) {
  std::vector<Entry> entries;
  for (int i = 1; i <= 4; ++i) entries.push_back({"berkas-" + std::to_string(i) + "/ktp.jpg", "ktp"});
  write_zip(root_ / "four.zip", entries);
  ZipLimits limits;
  limits.max_entries = 4;
  EXPECT_EQ(extract_zip(root_ / "four.zip", root_ / "ok", limits).size(), 4u);
  limits.max_entries = 3;
  expect_error([&] { extract_zip(root_ / "four.zip", spool_, limits); }, ErrorCode::LimitExceeded,
               {"four.zip has more than the limit of 3 entries"});
  EXPECT_TRUE(spool_empty());
  // Folder entries count too.
  write_zip(root_ / "folders.zip",
            {{"a/", "", AE_IFDIR}, {"b/", "", AE_IFDIR}, {"c/", "", AE_IFDIR}, {"d/", "", AE_IFDIR}});
  expect_error([&] { extract_zip(root_ / "folders.zip", spool_, limits); }, ErrorCode::LimitExceeded,
               {"more than the limit of 3 entries"});
}

}  // namespace
}  // namespace berkas
