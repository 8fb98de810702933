// A document layout as data (templates/layouts/<doc_type>.json): which
// labels a document prints, what kind of value follows each, and where.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace berkas {

struct FieldRule {
  std::string field;
  std::vector<std::string> labels;  // label_key() form: "TEMPATTGLLAHIR"
  // text, address, person_name, nik, kk_number, date, date_or_lifetime,
  // place_and_date, rt_rw, postal_code, letter_number, province, regency,
  // district, village, vocabulary:<sex|blood_type|religion|...>
  std::string kind;
  std::string date_field;    // place_and_date: the field that takes the date
  bool keep_label = false;   // the label word is part of the value ("KOTA BOGOR")
  bool multiline = false;    // the value may wrap onto the rows below
  bool value_below = false;  // nothing after the label: the value is on the next row
  bool anywhere = false;     // the label may stand mid-row, right after another value
  bool first = false;        // take the first occurrence, not the best-matching one
  std::string after_field;   // only occurrences below this field's label count
};

struct LayoutTemplate {
  std::string doc_type;
  std::vector<FieldRule> fields;
  std::vector<std::string> issuer_words;  // sktm: words that precede the issuing office's name
  // Fields whose label rows always come in this order, one row each (a
  // KTP): a row between two known labels whose own label OCR could not
  // read is the field missing between them.
  std::vector<std::string> row_order;
  // Values start in one column after aligned colons (KTP, letters): words
  // left of it are debris.
  bool aligned_values = false;
};

// Reads one template file. Throws berkas::Error naming the file and problem.
LayoutTemplate load_layout_template(const std::filesystem::path& file);

// templates_dir()/layouts/<doc_type>.json, loaded once per process.
const LayoutTemplate& layout_template(const std::string& doc_type);

}  // namespace berkas
