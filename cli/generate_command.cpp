// `berkas generate`: a synthetic intake with exact ground truth.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "page_set.hpp"
#include "register_set.hpp"
#include "sample_set.hpp"

namespace berkas::cli {
namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

// The output folder must be creatable and writable, and must not already
// hold another set (we never mix two generations).
void prepare_output(const std::filesystem::path& out) {
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) throw Error(ErrorCode::Io, "cannot create output folder " + out.string() + ": " + ec.message());
  if (std::filesystem::exists(out / "manifest.json"))
    throw Error(ErrorCode::InvalidArgument,
                "output folder " + out.string() + " already holds a generated set; choose an empty folder");
  const auto probe = out / ".berkas-write-test";
  if (std::FILE* f = std::fopen(probe.c_str(), "w")) {
    std::fclose(f);
    std::filesystem::remove(probe, ec);
  } else {
    throw Error(ErrorCode::Io, "output folder " + out.string() + " is not writable");
  }
}

}  // namespace

void add_generate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "generate", "Generate synthetic berkas (scans, cases, ground truth) for demos, tests and accuracy runs");
  struct Args {
    std::string seed = "1", out, captures = "clean,copy,photo", formats = "png,jpeg,tiff,pdf", today = "2026-11-24";
    int cases = 10;
    double clean_share = 0.4;
    int pages = 0;
    int registers = 0;
    std::string mix = "ktp=40,kk=20,sktm=20,invoice=20";
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--out,-o", args->out, "Output folder (created; must not already hold a set)")->required();
  cmd->add_option("--seed", args->seed, "Seed: a whole number; the same seed and options give identical files")
      ->capture_default_str();
  cmd->add_option("--cases", args->cases, "Number of cases")->capture_default_str();
  cmd->add_option("--captures", args->captures, "Capture levels to draw from: clean, copy, photo")
      ->capture_default_str();
  cmd->add_option("--formats", args->formats, "File formats to draw from: png, jpeg, tiff, pdf")->capture_default_str();
  cmd->add_option("--clean-share", args->clean_share, "Share of cases without a seeded problem (0..1)")
      ->capture_default_str();
  cmd->add_option("--today", args->today, "The date the set is generated 'on' (YYYY-MM-DD)")->capture_default_str();
  cmd->add_option("--pages", args->pages,
                  "Instead of cases: this many loose pages in the --mix of types (pages.pdf, scans/page-NNNN.jpg), "
                  "for benchmarks");
  cmd->add_option("--mix", args->mix, "With --pages: shares of document types")->capture_default_str();
  cmd->add_option("--registers", args->registers,
                  "Instead of cases: this many pages of paper registers (templates/registers), one file each "
                  "(scans/register-NNNN.*), with every cell in truth.jsonl");
  cmd->callback([args] {
    samples::SampleSetOptions o;
    try {
      size_t used = 0;
      if (args->seed.empty() || args->seed[0] == '-') throw std::invalid_argument("negative");
      o.seed = std::stoull(args->seed, &used);
      if (used != args->seed.size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      throw Error(ErrorCode::InvalidArgument,
                  "--seed must be a whole number from 0 to 18446744073709551615, not '" + args->seed + "'");
    }
    if (args->cases < 1 || args->cases > 100000)
      throw Error(ErrorCode::InvalidArgument, "--cases must be between 1 and 100000");
    if (args->clean_share < 0 || args->clean_share > 1)
      throw Error(ErrorCode::InvalidArgument, "--clean-share must be between 0 and 1");
    o.cases = args->cases;
    o.clean_share = args->clean_share;
    o.captures.clear();
    for (const auto& c : split_list(args->captures)) o.captures.push_back(samples::capture_from_string(c));
    o.formats = split_list(args->formats);
    for (const auto& f : o.formats)
      if (f != "png" && f != "jpeg" && f != "tiff" && f != "pdf")
        throw Error(ErrorCode::InvalidArgument, "unknown format '" + f + "' (use png, jpeg, tiff, pdf)");
    if (o.formats.empty() || o.captures.empty())
      throw Error(ErrorCode::InvalidArgument, "--formats and --captures must each name at least one");
    auto today = parse_iso_date(args->today);
    if (!today)
      throw Error(ErrorCode::InvalidArgument, "--today must be a date as YYYY-MM-DD, not '" + args->today + "'");
    o.today = *today;
    o.out = args->out;
    prepare_output(o.out);
    if (args->registers > 0) {
      samples::RegisterSetOptions r;
      r.seed = o.seed;
      r.pages = args->registers;
      r.captures = o.captures;
      r.formats.clear();
      for (const auto& f : o.formats)
        if (f != "pdf") r.formats.push_back(f);
      if (r.formats.empty()) r.formats = {"png"};
      r.out = o.out;
      r.today = o.today;
      const int n = samples::generate_register_set(r);
      std::printf("generated %d register pages: %s/scans/register-NNNN.*, truth.jsonl\n", n, o.out.c_str());
      return;
    }
    if (args->pages > 0) {
      samples::PageSetOptions p;
      p.seed = o.seed;
      p.pages = args->pages;
      p.mix = samples::parse_mix(args->mix);
      p.captures = o.captures;
      p.out = o.out;
      p.today = o.today;
      const int n = samples::generate_page_set(p);
      std::printf("generated %d pages: %s/pages.pdf, %s/scans/page-NNNN.jpg, truth.jsonl\n", n, o.out.c_str(),
                  o.out.c_str());
      return;
    }
    const auto s = samples::generate_sample_set(o);
    std::printf("generated %d cases (%d clean, %d with a seeded problem): %d documents on %d pages in %d files\n",
                s.cases, s.clean_cases, s.cases - s.clean_cases, s.documents, s.pages, s.files);
    std::printf("output: %s (scans/, cases.json, truth.jsonl, expected.jsonl)\n", o.out.c_str());
  });
}

}  // namespace berkas::cli
