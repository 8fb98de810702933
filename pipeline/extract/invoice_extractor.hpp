// Hospital bills (doc_type "invoice"): hospital, invoice_number,
// patient_name, medical_record_number, admission_date, discharge_date,
// total_amount and the items table (description, amount), driven by the
// layouts in templates/invoices/ (see invoice_templates.hpp). A bill whose
// layout no template knows goes through the generic label aliases alone.
//
// Labels are found fuzzily (OCR damage such as TGI for TGL, lost colons, a
// colon read as "1"); a value is looked for right of its label on the row
// (or on a neighbouring row when the scan's slant split the row) and below it
// under a column header. Values are in the contract's normal form; a field
// not found is absent.
#pragma once

#include <vector>

#include "extract/extracted_fields.hpp"
#include "extract/invoice_templates.hpp"
#include "extract/text_layout.hpp"

namespace berkas {

// With the standard templates (templates_dir()/invoices, loaded once).
Extraction extract_invoice(const std::vector<TextRow>& rows, int reference_year);

// With the given templates (tests, tools).
Extraction extract_invoice(const std::vector<TextRow>& rows, int reference_year, const InvoiceTemplates& templates);

}  // namespace berkas
