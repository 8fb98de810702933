#include "register_set.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "register_page.hpp"
#include "rules/register_template.hpp"
#include "sample_set.hpp"
#include "scan_writer.hpp"

namespace berkas::samples {
namespace {

const char* to_string(RegisterHand hand) {
  return hand == RegisterHand::Printed ? "printed" : hand == RegisterHand::Typewriter ? "typewriter" : "mixed";
}

}  // namespace

int generate_register_set(const RegisterSetOptions& o) {
  if (o.pages < 1 || o.captures.empty() || o.formats.empty())
    throw Error(ErrorCode::InvalidArgument, "a register set needs pages, a capture level and a format");
  std::vector<const RegisterTemplate*> registers;
  for (const auto& [_, t] : standard_registers()) registers.push_back(&t);
  Rng master(o.seed);
  PopulationGenerator people(master.fork(1), RegionTable::standard(), o.today);
  std::filesystem::create_directories(o.out / "scans");
  std::ofstream truth(o.out / "truth.jsonl");
  const std::vector<std::string> offices{"DINAS KESEHATAN KABUPATEN BANGKA",
                                         "DINAS KESEHATAN PROVINSI SUMATERA SELATAN",
                                         "DINAS KESEHATAN KABUPATEN OGAN KOMERING ILIR"};
  int next_no = 1, page_number = 1;
  Date date = o.today.plus_days(-700);
  for (int i = 0; i < o.pages; ++i) {
    // Runs of 2 to 4 consecutive pages of one register, as a book is scanned.
    const size_t which = static_cast<size_t>(i / 3) % registers.size();
    if (i % 3 == 0) next_no = 1 + 20 * master.uniform(0, 40), page_number = 1 + master.uniform(0, 80);
    const RegisterTemplate& t = *registers[which];
    Rng rng = master.fork(100 + static_cast<uint64_t>(i));
    // Hands and capture levels vary independently: every pairing within 9 pages.
    const int h = (i + i / 3) % 3;
    const RegisterHand hand = h == 0 ? RegisterHand::Printed : h == 1 ? RegisterHand::Mixed : RegisterHand::Typewriter;
    const int count = rng.uniform(14, 20);
    const auto rows = register_rows(people, t, next_no, count, date, hand);
    RenderedDocument doc = render_register_page(rng, t, rows, page_number, rng.pick(offices), hand);
    const Capture capture = o.captures[static_cast<size_t>(i) % o.captures.size()];
    // A photographed book lies open: the spine is at the inner edge.
    const bool bound = capture == Capture::Photo;
    const bool spine_left = page_number % 2 == 1;
    if (bound) bend_into_binding(rng, doc, spine_left);
    const CapturedPage page = capture_page(rng, {std::move(doc)}, capture);
    std::string format = o.formats[static_cast<size_t>(rng.uniform(0, static_cast<int>(o.formats.size()) - 1))];
    if (capture == Capture::Photo) format = "jpeg";  // a phone saves JPEG
    char name[40];
    std::snprintf(name, sizeof name, "register-%04d.%s", i + 1,
                  format == "jpeg"   ? "jpg"
                  : format == "tiff" ? "tif"
                                     : "png");
    const auto path = o.out / "scans" / name;
    if (format == "png") write_png(path, page.image);
    if (format == "jpeg") write_jpeg(path, page.image, page.jpeg_quality);
    if (format == "tiff") write_tiff(path, {page.image}, true, 300);
    for (const auto& placed : page.documents) {
      auto line = document_truth(std::string("scans/") + name, 1, page, placed);
      line["register"] = t.name;
      line["hand"] = to_string(hand);
      line["spine"] = bound ? (spine_left ? "left" : "right") : "none";
      line["format"] = format;
      truth << line.dump() << "\n";
    }
    next_no += count;
    ++page_number;
    date = date.plus_days(rng.uniform(5, 20));
  }
  nlohmann::json manifest{{"kind", "registers"}, {"seed", o.seed}, {"pages", o.pages}, {"today", o.today.iso()}};
  std::ofstream(o.out / "manifest.json") << manifest.dump(2) << "\n";
  if (!truth) throw Error(ErrorCode::Io, "writing into " + o.out.string() + " failed");
  return o.pages;
}

}  // namespace berkas::samples
