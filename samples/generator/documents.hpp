// Renderers for each kind of paper in a berkas. Each draws an upright,
// flat document at 300 dpi and records the truth of every field it prints.
#pragma once

#include <string>
#include <vector>

#include "person.hpp"
#include "rendered_document.hpp"
#include "rng.hpp"

namespace berkas::samples {

RenderedDocument render_ktp(Rng& rng, const Person& person, const Residence& residence, const Date& issued);
RenderedDocument render_kk(Rng& rng, const Household& household);

struct SktmLetter {
  std::string letter_number;
  Date issue_date;
  std::string purpose;
  std::string village_head;  // who signs
};
RenderedDocument render_sktm(Rng& rng, const Person& person, const Residence& residence, const SktmLetter& letter);

struct BillItem {
  std::string description;
  long amount = 0;
};
struct HospitalBill {
  std::string hospital;
  std::string hospital_address;
  std::string invoice_number;
  std::string patient_name;
  std::string medical_record_number;
  Date admission, discharge;
  std::vector<BillItem> items;
  long total() const;
};
// Layouts: 0 RSUD (rincian biaya), 1 private hospital (kwitansi), 2 central
// hospital (boxed grid), 3 clinic-style layout that has no template.
constexpr int kBillLayouts = 4;
RenderedDocument render_invoice(Rng& rng, const HospitalBill& bill, int layout);

RenderedDocument render_separator(Rng& rng, const std::string& case_id);
RenderedDocument render_other_letter(Rng& rng, const std::string& title, const Person& person,
                                     const Residence& residence, const Date& date);

// Shared formatting of values as they are printed on Indonesian papers.
std::string dd_mm_yyyy(const Date& d, char sep = '-');
std::string long_date(const Date& d);  // 5 Januari 2026
std::string rupiah(long amount);       // 1.250.000
std::string sex_word(char sex);        // LAKI-LAKI / PEREMPUAN
}  // namespace berkas::samples
