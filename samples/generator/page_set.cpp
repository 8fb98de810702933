#include "page_set.hpp"

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "documents.hpp"
#include "sample_set.hpp"
#include "scan_writer.hpp"
#include "vocabulary.hpp"

namespace berkas::samples {

std::map<std::string, int> parse_mix(const std::string& text) {
  std::map<std::string, int> mix;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    const auto eq = item.find('=');
    const std::string type = item.substr(0, eq);
    if (type != "ktp" && type != "kk" && type != "sktm" && type != "invoice" && type != "other")
      throw Error(ErrorCode::InvalidArgument,
                  "unknown document type '" + type + "' in --mix (use ktp, kk, sktm, invoice, other)");
    int share = 0;
    try {
      share = eq == std::string::npos ? 1 : std::stoi(item.substr(eq + 1));
    } catch (const std::exception&) {
      throw Error(ErrorCode::InvalidArgument, "--mix needs type=share, e.g. ktp=40,kk=20; not '" + item + "'");
    }
    if (share < 0) throw Error(ErrorCode::InvalidArgument, "--mix shares cannot be negative");
    mix[type] = share;
  }
  return mix;
}

int generate_page_set(const PageSetOptions& o) {
  int total_share = 0;
  for (const auto& [type, share] : o.mix) total_share += share;
  if (total_share <= 0 || o.pages < 1 || o.captures.empty())
    throw Error(ErrorCode::InvalidArgument, "a page set needs pages, a mix and a capture level");
  Rng master(o.seed);
  PopulationGenerator people(master.fork(1), RegionTable::standard(), o.today);
  std::filesystem::create_directories(o.out / "scans");
  std::ofstream truth(o.out / "truth.jsonl");
  ScannedPdfWriter pdf(300);
  // Deterministic interleaving: each page goes to the type furthest behind its share.
  std::map<std::string, int> made;
  for (int i = 0; i < o.pages; ++i) {
    std::string type;
    double worst = 1e9;
    for (const auto& [t, share] : o.mix) {
      if (share == 0) continue;
      const double progress = made[t] / static_cast<double>(share);
      if (progress < worst) worst = progress, type = t;
    }
    ++made[type];
    Rng rng = master.fork(100 + static_cast<uint64_t>(i));
    const Household h = people.household();
    const Person& p = h.members[static_cast<size_t>(rng.uniform(0, static_cast<int>(h.members.size()) - 1))];
    RenderedDocument doc;
    if (type == "ktp") {
      doc = render_ktp(rng, h.head(), h.residence, h.kk_issued);
    } else if (type == "kk") {
      doc = render_kk(rng, h);
    } else if (type == "sktm") {
      SktmLetter letter{"474/" + std::to_string(rng.uniform(1, 400)) + "/DS/" + std::to_string(o.today.year),
                        o.today.plus_days(-rng.uniform(3, 150)), std::string(rng.pick(sktm_purposes())),
                        people.person_name('M', "javanese")};
      doc = render_sktm(rng, p, h.residence, letter);
    } else if (type == "invoice") {
      HospitalBill bill;
      bill.hospital = rng.chance(0.5) ? "RSUD DEPATI BAHRIN" : "RS MUHAMMADIYAH PALEMBANG";
      bill.hospital_address = "Jl. Jend. Sudirman No. " + std::to_string(rng.uniform(1, 200));
      bill.invoice_number = "INV/" + std::to_string(o.today.year) + "/" + std::to_string(rng.uniform(1000, 9999));
      bill.patient_name = p.name;
      bill.medical_record_number = std::to_string(rng.uniform(100000, 999999));
      bill.discharge = o.today.plus_days(-rng.uniform(5, 60));
      bill.admission = bill.discharge.plus_days(-rng.uniform(1, 9));
      for (int k = 0; k < rng.uniform(3, 7); ++k)
        bill.items.push_back({"Layanan " + std::to_string(k + 1), static_cast<long>(rng.uniform(5, 900)) * 5000L});
      doc = render_invoice(rng, bill, rng.uniform(0, kBillLayouts - 1));
    } else {
      doc = render_other_letter(rng, std::string(rng.pick(other_letter_titles())), p, h.residence, o.today);
    }
    const Capture capture = o.captures[static_cast<size_t>(i) % o.captures.size()];
    const CapturedPage page = capture_page(rng, {std::move(doc)}, capture);
    const auto jpeg = encode_jpeg(page.image, page.jpeg_quality);
    char name[32];
    std::snprintf(name, sizeof name, "page-%04d.jpg", i + 1);
    std::ofstream(o.out / "scans" / name, std::ios::binary)
        .write(reinterpret_cast<const char*>(jpeg.data()), static_cast<std::streamsize>(jpeg.size()));
    pdf.add_page(jpeg, page.image.size());
    for (const auto& placed : page.documents) {
      auto line = document_truth("pages.pdf", i + 1, page, placed);
      line["file"] = std::string("scans/") + name;
      truth << line.dump() << "\n";
    }
  }
  pdf.write(o.out / "pages.pdf");
  if (!truth) throw Error(ErrorCode::Io, "writing into " + o.out.string() + " failed");
  return o.pages;
}

}  // namespace berkas::samples
