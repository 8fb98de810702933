// Pages of the paper registers offices kept for years (templates/registers):
// ruled ledgers, printed, typed on a typewriter, or partly written by hand,
// with a page number, sometimes a stamp, and — photographed in a bound book —
// curved lines and the shadow of the spine. Every cell's value and box is
// recorded, and whether it was written by hand.
#pragma once

#include <string>
#include <vector>

#include "person.hpp"
#include "rendered_document.hpp"
#include "rng.hpp"
#include "rules/register_template.hpp"

namespace berkas::samples {

// How the entries of a page were made.
enum class RegisterHand { Printed, Typewriter, Mixed };  // Mixed: some cells by hand

struct RegisterCell {
  std::string value;    // normal form: ISO date, digits of a NIK or amount, text as printed
  std::string printed;  // as it appears on the page
  bool handwritten = false;
};
using RegisterRow = std::vector<RegisterCell>;  // one per template column

// `count` entries from row number `first_no`, dated from `from` onwards.
std::vector<RegisterRow> register_rows(PopulationGenerator& people, const RegisterTemplate& t, int first_no, int count,
                                       Date from, RegisterHand hand);

// One landscape A4 page; tables["rows"] holds each row's cells by column
// name, with TruthField::handwritten set for cells written by hand.
RenderedDocument render_register_page(Rng& rng, const RegisterTemplate& t, const std::vector<RegisterRow>& rows,
                                      int page_number, const std::string& office, RegisterHand hand);

// The page as it lies in an open bound book: lines bend near the spine and
// the paper darkens into it. Moves every truth box with the paper.
void bend_into_binding(Rng& rng, RenderedDocument& page, bool spine_on_left);

}  // namespace berkas::samples
