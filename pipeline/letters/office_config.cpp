#include "letters/office_config.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace berkas {

const Official& OfficeConfig::official(const std::string& key_or_position) const {
  for (const auto& o : officials)
    if (o.key == key_or_position || o.position == key_or_position) return o;
  // Approval chains name positions short: "Kepala Dinas" for "Kepala Dinas Kesehatan".
  for (const auto& o : officials)
    if (o.position.rfind(key_or_position + " ", 0) == 0) return o;
  throw Error(ErrorCode::InvalidArgument, "no official '" + key_or_position + "' in the office configuration");
}

OfficeConfig load_office_config(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(ErrorCode::NotFound, file.string() + ": cannot be opened");
  OfficeConfig o;
  try {
    const auto j = nlohmann::json::parse(in);
    o.government = j.at("government").get<std::string>();
    o.office = j.at("office").get<std::string>();
    o.address = j.at("address").get<std::string>();
    o.phone = j.value("phone", "");
    o.email = j.value("email", "");
    o.website = j.value("website", "");
    o.place = j.at("place").get<std::string>();
    o.classification = j.at("classification").get<std::string>();
    o.unit = j.at("unit").get<std::string>();
    o.verify_base_url = j.at("verify_base_url").get<std::string>();
    for (const auto& p : j.at("officials"))
      o.officials.push_back({p.at("key").get<std::string>(), p.at("position").get<std::string>(),
                             p.at("name").get<std::string>(), p.value("rank", ""), p.value("nip", "")});
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::CorruptInput, file.string() + ": " + e.what());
  }
  return o;
}

const OfficeConfig& standard_office() {
  static const OfficeConfig office = load_office_config(templates_dir() / "office.json");
  return office;
}

std::filesystem::path certificates_dir() {
  if (const char* dir = std::getenv("BERKAS_CERTS"); dir != nullptr && *dir != '\0') return dir;
  return state_dir() / "certs";
}

}  // namespace berkas
