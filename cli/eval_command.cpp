// `berkas eval documents SET`: document finding and orientation accuracy on
// a generated set, per capture level. `berkas eval fields SET`:
// classification and field accuracy, KK member rows, confidence calibration.
// `berkas eval checks SET`: seeded problems raised, clean cases stopped.
#include <cstdio>
#include <iostream>

#include "cli/cleanup_skips.hpp"
#include "cli/commands.hpp"
#include "eval/check_eval.hpp"
#include "eval/document_finding_eval.hpp"
#include "eval/field_accuracy_eval.hpp"
#include "eval/pdf_text_eval.hpp"
#include "eval/register_eval.hpp"

namespace berkas::cli {

void add_eval_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("eval", "Measure accuracy on a generated set with ground truth");
  cmd->require_subcommand(1);
  auto* documents = cmd->add_subcommand("documents", "Documents found and turned upright, per capture level");
  struct Args {
    std::string set;
    int threads = 0;
    bool verbose = false;
    std::vector<std::string> skip;
  };
  auto args = std::make_shared<Args>();
  documents->add_option("set", args->set, "A folder made by 'berkas generate'")
      ->required()
      ->check(CLI::ExistingDirectory);
  documents->add_option("--threads", args->threads, "Worker threads (default: every core)");
  documents->add_flag("--verbose,-v", args->verbose, "List every miss");
  auto* fields = cmd->add_subcommand("fields", "Classification and field accuracy per type, field and capture level");
  fields->add_option("set", args->set, "A folder made by 'berkas generate'")->required()->check(CLI::ExistingDirectory);
  fields->add_option("--threads", args->threads, "Worker threads (default: every core)");
  fields->add_flag("--verbose,-v", args->verbose, "List every miss on stderr");
  add_skip_option(fields, args->skip);
  fields->callback([args] {
    const auto accuracy = evaluate_field_accuracy(args->set, args->threads, args->verbose ? &std::cerr : nullptr,
                                                  without_steps({}, args->skip));
    print_field_accuracy(accuracy, std::cout);
  });
  auto* checks = cmd->add_subcommand(
      "checks", "Seeded problems raised and clean cases stopped, from 'berkas intake --results' or the ground truth");
  auto results = std::make_shared<std::string>();
  checks->add_option("set", args->set, "A folder made by 'berkas generate'")->required()->check(CLI::ExistingDirectory);
  checks->add_option("--results", *results,
                     "The cases' results of 'berkas intake --results' (default: check the ground truth itself)");
  checks->add_flag("--verbose,-v", args->verbose, "List every miss on stderr");
  checks->callback([args, results] {
    const auto score = evaluate_checks(args->set, *results);
    if (args->verbose)
      for (const auto& m : score.misses) std::cerr << m << "\n";
    print_check_score(score, std::cout);
  });
  auto* registers = cmd->add_subcommand(
      "registers", "Register pages: rows found, cells right, NIKs right or sent to review, handwriting sent to review");
  registers->add_option("set", args->set, "A folder made by 'berkas generate --registers'")
      ->required()
      ->check(CLI::ExistingDirectory);
  registers->add_option("--threads", args->threads, "Worker threads (default: every core)");
  registers->add_flag("--verbose,-v", args->verbose, "List every miss on stderr");
  registers->callback([args] {
    print_register_score(evaluate_registers(args->set, args->threads, args->verbose ? &std::cerr : nullptr), std::cout);
  });
  auto* pdf_text = cmd->add_subcommand(
      "pdf-text", "Searchable PDFs of a generated set: printed words pdftotext finds, and finds in place");
  auto pdfs = std::make_shared<std::string>();
  auto tolerance = std::make_shared<double>(8.0);
  pdf_text->add_option("set", args->set, "A folder made by 'berkas generate'")
      ->required()
      ->check(CLI::ExistingDirectory);
  pdf_text->add_option("pdfs", *pdfs, "The PDFs of 'berkas pdf SET/scans --out PDFS'")
      ->required()
      ->check(CLI::ExistingDirectory);
  pdf_text->add_option("--tolerance", *tolerance, "Pixels a word's box may stray outside its printed place (8)");
  pdf_text->add_flag("--verbose,-v", args->verbose, "List every miss on stderr");
  pdf_text->callback([args, pdfs, tolerance] {
    const auto scores = evaluate_pdf_text(args->set, *pdfs, *tolerance, args->verbose ? &std::cerr : nullptr);
    std::printf("%-8s %6s %7s %8s %8s\n", "capture", "pages", "words", "found", "in place");
    for (const auto& [capture, s] : scores)
      std::printf("%-8s %6d %7d %7.1f%% %7.1f%%\n", capture.c_str(), s.pages, s.found.total, 100 * s.found.share(),
                  100 * s.in_place.share());
  });
  documents->callback([args] {
    const auto scores = evaluate_document_finding(args->set, args->threads, args->verbose ? &std::cerr : nullptr);
    std::printf("%-8s %9s %14s %14s %6s\n", "capture", "documents", "found", "upright", "extra");
    for (const auto& [capture, s] : scores)
      std::printf("%-8s %9d %6d %6.1f%% %6d %6.1f%% %6d\n", capture.c_str(), s.documents, s.found,
                  100.0 * s.found / std::max(1, s.documents), s.upright, 100.0 * s.upright / std::max(1, s.documents),
                  s.extra);
  });
}

}  // namespace berkas::cli
