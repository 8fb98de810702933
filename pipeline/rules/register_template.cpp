#include "rules/register_template.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace berkas {
namespace {

constexpr std::pair<CellType, const char*> kTypeNames[] = {
    {CellType::Seq, "seq"},     {CellType::Date, "date"},
    {CellType::Nik, "nik"},     {CellType::KkNumber, "kk_number"},
    {CellType::Money, "money"}, {CellType::LetterNumber, "letter_number"},
    {CellType::Name, "name"},   {CellType::Text, "text"},
};

}  // namespace

CellType cell_type_from_string(const std::string& word) {
  for (const auto& [type, name] : kTypeNames)
    if (word == name) return type;
  throw Error(ErrorCode::InvalidArgument,
              "unknown cell type '" + word + "' (seq, date, nik, kk_number, money, letter_number, name, text)");
}

const char* to_string(CellType type) {
  for (const auto& [t, name] : kTypeNames)
    if (t == type) return name;
  return "text";
}

RegisterTemplate load_register_template(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(ErrorCode::NotFound, file.string() + ": cannot be opened");
  RegisterTemplate t;
  try {
    const auto j = nlohmann::json::parse(in);
    t.name = j.at("register").get<std::string>();
    t.title = j.value("title", t.name);
    std::set<std::string> names;
    int total = 0;
    for (const auto& c : j.at("columns")) {
      RegisterColumn col;
      col.name = c.at("name").get<std::string>();
      col.header = c.value("header", col.name);
      try {
        col.type = cell_type_from_string(c.at("type").get<std::string>());
      } catch (const Error& e) {
        throw Error(ErrorCode::CorruptInput, file.string() + ": column " + col.name + ": " + e.what());
      }
      col.width = c.at("width").get<int>();
      col.required = c.value("required", true);
      if (col.width <= 0) throw Error(ErrorCode::CorruptInput, file.string() + ": column " + col.name + ": width");
      if (!names.insert(col.name).second)
        throw Error(ErrorCode::CorruptInput, file.string() + ": column " + col.name + " appears twice");
      total += col.width;
      t.columns.push_back(std::move(col));
    }
    if (t.columns.size() < 2 || t.columns.size() > 16)
      throw Error(ErrorCode::CorruptInput,
                  file.string() + ": a register has 2 to 16 columns, not " + std::to_string(t.columns.size()));
    if (total < 995 || total > 1005)
      throw Error(ErrorCode::CorruptInput,
                  file.string() + ": the column widths add up to " + std::to_string(total) + ", not 1000");
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::CorruptInput, file.string() + ": " + e.what());
  }
  return t;
}

const std::map<std::string, RegisterTemplate>& standard_registers() {
  static const std::map<std::string, RegisterTemplate> registers = [] {
    std::map<std::string, RegisterTemplate> out;
    const auto dir = templates_dir() / "registers";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.path().extension() == ".json") {
        RegisterTemplate t = load_register_template(entry.path());
        out.emplace(t.name, std::move(t));
      }
    if (out.empty()) throw Error(ErrorCode::NotFound, "no register templates in " + dir.string());
    return out;
  }();
  return registers;
}

}  // namespace berkas
