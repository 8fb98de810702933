// Letter kinds as data (templates/letters/<kind>.json): title, number
// pattern, the Sifat/Lampiran/Hal lines, addressee, body blocks with
// {placeholders}, who signs, copies (tembusan). The minutes of a batch of
// claims (berita acara) add an opening, a table of claims and a closing.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace berkas {

struct LetterBlock {
  enum class Kind { Paragraph, Fields, CostShare };
  Kind kind = Kind::Paragraph;
  std::string text;                                         // Paragraph, CostShare
  std::vector<std::pair<std::string, std::string>> fields;  // Fields: label, value
};

struct LetterColumn {
  std::string title, value;
  double width = 0.1;  // share of the text width
  bool right = false;
};

struct LetterTemplate {
  std::string kind, title, number_pattern, sifat, lampiran, hal;
  std::vector<std::string> addressee;
  std::vector<LetterBlock> body;
  std::string signer;                 // "last_approver" or an official's key
  std::vector<std::string> signers;   // minutes: several officials sign
  std::vector<std::string> tembusan;  // copies to
  // Minutes of a batch of claims.
  std::string opening, closing;
  std::vector<LetterColumn> columns;
  bool is_minutes() const { return !columns.empty(); }
};

// Loads one kind; throws berkas::Error naming the file and the field.
LetterTemplate load_letter_template(const std::filesystem::path& file);
// templates_dir()/letters/<kind>.json, loaded once per process.
const LetterTemplate& letter_template(const std::string& kind);
// Every kind there is, by name.
std::vector<std::string> letter_kinds();

// Replaces each {name} by values[name]; throws berkas::Error for a name
// that has no value (a template must never print "{applicant.nmae}").
std::string fill_placeholders(const std::string& text, const std::map<std::string, std::string>& values);

}  // namespace berkas
