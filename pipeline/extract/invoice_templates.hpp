// Hospital-bill layouts as data, in the spirit of invoice2data: one JSON file
// per hospital layout in templates/invoices/, plus generic.json, the
// fallback every bill goes through. A layout says how to recognise it
// (hospital names, keywords), where each field stands (label aliases, and
// whether the value is right of the label on its row or below it, under a
// column header) and what its items table looks like (column header aliases,
// a label the table starts after, labels that end it). Adding a hospital
// means adding a file.
//
// File format (all keys optional except "name"):
//   {"name": "rsud-rincian",
//    "generic": false,                     // true only for the fallback
//    "match": {"hospitals": ["RSUD KAYUAGUNG"],      // also the snapped value
//              "keywords": ["RINCIAN BIAYA PERAWATAN"], "min_keywords": 1},
//    "fields": {"invoice_number": {"labels": ["NO. TAGIHAN"], "value": "right"},
//               "care_period": {"labels": ["PERIODE RAWAT"], "value": "right"}},
//    "other_labels": ["KELAS", "CARA BAYAR"],  // labels of no field: values stop there
//    "hospital_words": ["RSUD", "RUMAH SAKIT"],  // generic: what a hospital name holds
//    "items": {"description": ["URAIAN"], "amount": ["SUBTOTAL", "JUMLAH"],
//              "start": ["RINCIAN PELAYANAN"], "end": ["TOTAL", "GRAND TOTAL"]}}
// Fields: hospital, invoice_number, patient_name, medical_record_number,
// admission_date, discharge_date, total_amount, and care_period (one label
// followed by the admission and discharge dates). "value": "right", "below"
// or "any" (right first); a layout's preference is tried first, the other
// position after it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "extract/text_layout.hpp"

namespace berkas {

enum class ValuePosition { Right, Below, Any };

struct InvoiceFieldSpec {
  std::vector<std::string> labels;
  ValuePosition position = ValuePosition::Any;
};

struct InvoiceItemsSpec {
  std::vector<std::string> description;  // column header aliases
  std::vector<std::string> amount;       // in order of preference (SUBTOTAL before TARIF)
  std::vector<std::string> start;        // headerless tables: the table starts after this label
  std::vector<std::string> end;          // the row that ends the table (the total)
};

struct InvoiceTemplate {
  std::string name;
  bool generic = false;
  std::vector<std::string> hospitals;
  std::vector<std::string> keywords;
  int min_keywords = 1;
  std::map<std::string, InvoiceFieldSpec> fields;
  std::vector<std::string> other_labels;
  std::vector<std::string> hospital_words;
  InvoiceItemsSpec items;
};

// Parses one template (JSON text). Throws berkas::Error on malformed input.
InvoiceTemplate parse_invoice_template(const std::string& json_text, const std::string& origin = "");

struct InvoiceTemplates {
  std::vector<InvoiceTemplate> layouts;  // hospital layouts
  InvoiceTemplate generic;               // the fallback
};

// Every *.json in `dir`; the one marked "generic" is the fallback (a built-in
// minimal one when none is). Throws berkas::Error when a file is malformed.
InvoiceTemplates load_invoice_templates(const std::filesystem::path& dir);

// templates_dir()/invoices, loaded once (thread-safe).
const InvoiceTemplates& standard_invoice_templates();

// Where a fuzzy phrase ("RINCIAN BIAYA PERAWATAN") stands in the rows: the
// best window of consecutive words of one row whose letters and digits match
// the phrase's within OCR tolerance. score 0 when nowhere.
struct PhraseMatch {
  size_t row = 0, first = 0, last = 0;
  double score = 0;
};
PhraseMatch find_phrase(const std::vector<TextRow>& rows, const std::string& phrase, size_t first_row = 0,
                        size_t end_row = static_cast<size_t>(-1));

// The layout the rows show, or nullptr (then only the generic one applies):
// the one with the most hospital-name and keyword hits, if it has enough.
const InvoiceTemplate* match_invoice_template(const std::vector<TextRow>& rows, const InvoiceTemplates& templates);

// Similarity needed between an OCR'd label key and a label key of length n.
double label_threshold(size_t n);

}  // namespace berkas
