// Paper registers as data (templates/registers/<register>.json): the columns
// of each kind of ledger an office keeps, with the type that decides how a
// cell is read, checked and repaired. The sample generator draws register
// pages from the same files.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace berkas {

enum class CellType { Seq, Date, Nik, KkNumber, Money, LetterNumber, Name, Text };

// "seq", "date", ... as in the files; throws berkas::Error for another word.
CellType cell_type_from_string(const std::string& word);
const char* to_string(CellType type);

struct RegisterColumn {
  std::string name;    // key in the output
  std::string header;  // as printed; '\n' breaks the line
  CellType type = CellType::Text;
  int width = 0;         // share of the table's width, per mille
  bool required = true;  // false: a clerk may leave it empty
};

struct RegisterTemplate {
  std::string name;   // "rekomendasi"
  std::string title;  // printed at the top of the page
  std::vector<RegisterColumn> columns;
};

// Loads one file; throws berkas::Error naming the file and what is wrong
// (unknown type, widths not adding up to 1000, a repeated column name,
// fewer than 2 or more than 16 columns).
RegisterTemplate load_register_template(const std::filesystem::path& file);

// Every register in templates_dir()/registers, by name.
const std::map<std::string, RegisterTemplate>& standard_registers();

}  // namespace berkas
