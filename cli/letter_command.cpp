// `berkas approve`, `berkas letter issue` and `berkas verify`: the approval
// chain, numbered signed letters, and checking a letter someone holds.

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/sha256.hpp"
#include "letters/letter_issuer.hpp"
#include "letters/office_config.hpp"
#include "letters/pdf_signature.hpp"
#include "store/database.hpp"

namespace berkas::cli {
namespace {

// Writes the signed PDF (default name: the number, '/' as '-') and says so.
void save_letter(const IssuedLetter& issued, std::string out, const std::string& what) {
  if (out.empty()) {
    out = issued.number + ".pdf";
    for (auto& ch : out)
      if (ch == '/') ch = '-';
  }
  std::ofstream file(out, std::ios::binary);
  if (!(file << issued.pdf)) throw Error(ErrorCode::Io, "cannot write " + out);
  std::printf("letter %ld: %s (%s) for %s, signed by %s\n  %s\n", issued.id, issued.number.c_str(), issued.kind.c_str(),
              what.c_str(), issued.signer.c_str(), out.c_str());
}

Date parse_date_option(const std::string& text) {
  if (text.empty()) return {};
  auto d = parse_iso_date(text);
  if (!d) throw Error(ErrorCode::InvalidArgument, "--date must be YYYY-MM-DD, not '" + text + "'");
  return *d;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::NotFound, path + ": cannot be opened");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

void add_letter_commands(CLI::App& app) {
  auto* approve = app.add_subcommand("approve", "Record the next step of a case's approval chain");
  auto request = std::make_shared<ApprovalRequest>();
  approve->add_option("--case", request->case_ref, "The case")->required();
  approve->add_option("--approver", request->approver, "The official's key (templates/office.json)")->required();
  approve->add_option("--delegation", request->delegation, "Standing in for the step's position: a.n., Plt. or Plh.");
  approve->add_flag("--reject", request->reject, "Reject instead of approving (needs --note)");
  approve->add_option("--note", request->note, "Why (required to reject)");
  approve->callback([request] {
    request->actor = "cli:" + os_user();
    auto store = open_store();
    const ApprovalResult r = approve_case(*store, *request);
    std::printf("case %s: step %d of %d (%s) %s%s\n", request->case_ref.c_str(), r.step, r.steps, r.position.c_str(),
                request->reject ? "rejected" : "approved", r.complete ? "; the approval chain is complete" : "");
  });

  auto* letter = app.add_subcommand("letter", "Numbered, signed letters");
  letter->require_subcommand(1);
  auto* issue = letter->add_subcommand("issue", "Issue a numbered, signed letter for a fully approved case");
  struct IssueArgs {
    IssueRequest request;
    std::string out, date;
  };
  auto args = std::make_shared<IssueArgs>();
  issue->add_option("--case", args->request.case_ref, "The case")->required();
  issue
      ->add_option("--kind", args->request.kind,
                   "rekomendasi, persetujuan_perawatan or persetujuan_pembayaran (templates/letters/)")
      ->required();
  issue->add_option("--out,-o", args->out, "Write the signed PDF here (default: <number>.pdf, '/' as '-')");
  issue->add_option("--date", args->date, "Date of the letter, YYYY-MM-DD (default: today)");
  issue->callback([args] {
    IssueRequest req = args->request;
    req.actor = "cli:" + os_user();
    req.p12_password = default_p12_password();
    req.date = parse_date_option(args->date);
    auto store = open_store();
    save_letter(issue_case_letter(*store, req), args->out, "case " + req.case_ref);
  });

  auto* minutes =
      letter->add_subcommand("minutes", "Issue the verification minutes (berita acara) of a batch's claims");
  struct MinutesArgs {
    long batch = 0;
    std::string out, date;
  };
  auto margs = std::make_shared<MinutesArgs>();
  minutes->add_option("--batch", margs->batch, "The batch (its number from berkas intake)")->required();
  minutes->add_option("--out,-o", margs->out, "Write the signed PDF here (default: <number>.pdf)");
  minutes->add_option("--date", margs->date, "Date of the minutes, YYYY-MM-DD (default: today)");
  minutes->callback([margs] {
    MinutesRequest req;
    req.batch_id = margs->batch;
    req.actor = "cli:" + os_user();
    req.p12_password = default_p12_password();
    req.date = parse_date_option(margs->date);
    auto store = open_store();
    save_letter(issue_minutes(*store, req), margs->out, "batch " + std::to_string(margs->batch));
  });

  auto* verify = app.add_subcommand("verify", "Check a letter's signature, certificate and record in the store");
  struct VerifyArgs {
    std::string file, ca;
  };
  auto vargs = std::make_shared<VerifyArgs>();
  verify->add_option("file", vargs->file, "The letter (PDF)")->required();
  verify->add_option("--ca", vargs->ca, "The trusted CA certificate (default: <certificates>/ca.pem)");
  verify->callback([vargs] {
    const std::string pdf = read_file(vargs->file);
    const auto ca = vargs->ca.empty() ? certificates_dir() / "ca.pem" : std::filesystem::path(vargs->ca);
    const SignatureCheck sig = verify_pdf_signature(pdf, ca);
    if (!sig.valid) throw Error(ErrorCode::CorruptInput, vargs->file + ": NOT VALID: " + sig.problem);
    std::smatch m;
    static const std::regex kLetterId(R"(/BerkasLetter\s*\((\d+)\))");
    if (!std::regex_search(pdf, m, kLetterId))
      throw Error(ErrorCode::CorruptInput, vargs->file + ": validly signed, but not a letter berkas issued");
    auto store = open_store();
    const IssuedLetter record = stored_letter(*store, std::stol(m[1]));
    if (record.id == 0)
      throw Error(ErrorCode::CorruptInput, vargs->file + ": NOT VALID: letter " + m[1].str() + " is not in the store");
    if (record.pdf_sha256 != sha256_hex({reinterpret_cast<const uint8_t*>(pdf.data()), pdf.size()}))
      throw Error(ErrorCode::CorruptInput,
                  vargs->file + ": NOT VALID: the file differs from letter " + record.number + " as issued");
    std::printf("VALID: %s\n  letter:  %s (%s)\n  case:    %s\n  signer:  %s (%s)\n  signed:  %s UTC\n",
                vargs->file.c_str(), record.number.c_str(), record.kind.c_str(), record.case_ref.c_str(),
                record.signer.c_str(), sig.signer_subject.c_str(), sig.signing_time.c_str());
    if (!sig.timestamp.empty()) std::printf("  timestamp: %s UTC (timestamp authority)\n", sig.timestamp.c_str());
  });
}

}  // namespace berkas::cli
