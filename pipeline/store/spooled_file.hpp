// A stored file's bytes on local disk, for the decoder (which reads files),
// removed when the object goes. Used by the workers and by the page images
// the web pages show.
#pragma once

#include <filesystem>
#include <pqxx/connection>
#include <string>

namespace berkas {

class SpooledFile {
 public:
  // Writes source file `source_file_id` under <state>/spool/<purpose>/;
  // `name` receives the name the station gave it. Throws berkas::Error
  // (NotFound when there is no such file, Io when it cannot be written).
  SpooledFile(pqxx::connection& conn, long source_file_id, const std::string& purpose, std::string& name);
  ~SpooledFile();
  SpooledFile(const SpooledFile&) = delete;
  SpooledFile& operator=(const SpooledFile&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace berkas
