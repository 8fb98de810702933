// The issuing office (templates/office.json): letterhead, place, the codes
// in letter numbers, and the officials who sign, each with a PKCS#12 file
// of key and certificate under the certificate folder.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace berkas {

struct Official {
  std::string key;  // e.g. kepala-dinas: also the PKCS#12 file's name
  std::string position, name, rank, nip;
};

struct OfficeConfig {
  std::string government, office, address, phone, email, website, place;
  std::string classification, unit;  // {class} and {unit} of letter numbers
  std::string verify_base_url;       // + letter id: what the QR code opens
  std::vector<Official> officials;

  // Throws berkas::Error when nobody holds that key or position.
  const Official& official(const std::string& key_or_position) const;
};

OfficeConfig load_office_config(const std::filesystem::path& file);
// templates_dir()/office.json, loaded once per process.
const OfficeConfig& standard_office();

// $BERKAS_CERTS, else state_dir()/certs: <key>.p12 per official, ca.pem.
std::filesystem::path certificates_dir();

}  // namespace berkas
