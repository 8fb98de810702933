#include "sample_set.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "check/name_match.hpp"
#include "clean/document_image.hpp"
#include "core/error.hpp"
#include "documents.hpp"
#include "name_variants.hpp"
#include "region/nik.hpp"
#include "rules/program_rules.hpp"
#include "scan_writer.hpp"
#include "vocabulary.hpp"

namespace berkas::samples {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kDpi = 300;

struct Hospital {
  const char* name;
  const char* address;
  const char* invoice_pattern;  // printf with year, month, serial
  int layout;
};

const std::vector<Hospital> kHospitals{
    {"RSUD DEPATI BAHRIN", "Jl. Raya Sungailiat - Pangkalpinang, Sungailiat, Bangka", "INV/%04d/%02d/%04d", 0},
    {"RSUD KAYUAGUNG", "Jl. Letnan Muchtar Saleh No. 2, Kayuagung", "RB-%04d%02d-%05d", 0},
    {"RS MUHAMMADIYAH PALEMBANG", "Jl. Jend. A. Yani 13 Ulu, Palembang", "KW.%04d.%02d.%05d", 1},
    {"RS PELABUHAN PALEMBANG", "Jl. Mayor Memet Sastrawiria, Palembang", "RSP/KW/%04d/%02d/%04d", 1},
    {"RSUP DR. MOHAMMAD HOESIN", "Jl. Jend. Sudirman Km. 3,5, Palembang", "TAG%04d%02d%06d", 2},
    {"RSUD BATANG", "Jl. Dr. Sutomo No. 42, Batang", "INV-RI-%04d%02d-%04d", 2},
    {"KLINIK UTAMA SEHAT BERSAMA", "Jl. Merdeka No. 8", "SB/%04d/%02d/%03d", 3},
};

const std::vector<std::string> kBillItems{"Kamar Rawat Inap Kelas III",
                                          "Jasa Dokter Spesialis",
                                          "Visite Dokter",
                                          "Obat-obatan dan BHP",
                                          "Pemeriksaan Laboratorium",
                                          "Radiologi / Rontgen",
                                          "Tindakan Medis",
                                          "Administrasi",
                                          "Asuhan Keperawatan",
                                          "Persalinan Normal",
                                          "Gizi / Makan Pasien",
                                          "Pemeriksaan USG",
                                          "Oksigen"};

const std::vector<std::string> kProblems{"NIK_MISMATCH",
                                         "NAME_MISMATCH",
                                         "BIRTH_DATE_MISMATCH",
                                         "SEX_MISMATCH",
                                         "NOT_IN_KK",
                                         "KK_NUMBER_MISMATCH",
                                         "SKTM_EXPIRED",
                                         "INVOICE_PATIENT_MISMATCH",
                                         "INVOICE_DATES_MISMATCH",
                                         "INVOICE_AMOUNT_MISMATCH",
                                         "LATE_CLAIM",
                                         "MISSING_DOCUMENT",
                                         "NIK_INVALID",
                                         "DUPLICATE_CLAIM"};

bool needs_claim(const std::string& problem) {
  return problem.rfind("INVOICE_", 0) == 0 || problem == "LATE_CLAIM" || problem == "DUPLICATE_CLAIM";
}
bool needs_sktm(const std::string& problem) { return problem == "SKTM_EXPIRED"; }

std::string roman(int month) {
  static const char* r[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
  return r[(month - 1) % 12];
}

// What one case's berkas holds before it is captured.
struct CasePlan {
  std::string case_id, program, stage, problem, name_rule;
  Household household;
  Person applicant;
  json record;  // the case as typed
  std::vector<std::string> expected, allowed;
  std::vector<RenderedDocument> documents;
  std::vector<RenderedDocument> companion_cards;  // spouse KTP copied on the same sheet
};

struct ClaimRecord {
  std::string hospital, invoice_number, patient_nik;
};

class SampleSetBuilder {
 public:
  explicit SampleSetBuilder(const SampleSetOptions& o)
      : options_(o), master_(o.seed), population_(master_.fork(1), RegionTable::standard(), o.today) {}

  SampleSetSummary run();

 private:
  CasePlan plan_case(int index, Rng& rng);
  void write_case(CasePlan& plan, Rng& rng, std::ofstream& truth);
  HospitalBill make_bill(Rng& rng, const Person& patient, const Date& admission, const Date& discharge,
                         const Hospital& hospital);
  // The name of someone else living near `res`: one the name matcher tells
  // apart from `name` (a seeded name problem must be another person).
  std::string stranger_name(const Residence& res, const std::string& name);

  const SampleSetOptions& options_;
  Rng master_;
  PopulationGenerator population_;
  std::vector<ClaimRecord> claims_;
  std::vector<json> all_cases_;
  SampleSetSummary summary_;
  int problem_cursor_ = 0;
};

std::string SampleSetBuilder::stranger_name(const Residence& res, const std::string& name) {
  std::string other = population_.stranger(res).name;
  for (int tries = 0; tries < 20 && compare_person_names(name, other).verdict != NameVerdict::Different; ++tries)
    other = population_.stranger(res).name;
  return other;
}

HospitalBill SampleSetBuilder::make_bill(Rng& rng, const Person& patient, const Date& admission, const Date& discharge,
                                         const Hospital& hospital) {
  HospitalBill bill;
  bill.hospital = hospital.name;
  bill.hospital_address = hospital.address;
  char buf[64];
  std::snprintf(buf, sizeof buf, hospital.invoice_pattern, discharge.year, discharge.month, rng.uniform(1, 9999));
  bill.invoice_number = buf;
  std::snprintf(buf, sizeof buf, rng.chance(0.5) ? "%02d-%02d-%02d" : "%06d", rng.uniform(0, 99), rng.uniform(0, 99),
                rng.uniform(0, 99));
  if (std::string(buf).find('-') == std::string::npos)
    std::snprintf(buf, sizeof buf, "%06d", rng.uniform(1000, 999999));
  bill.medical_record_number = buf;
  bill.patient_name = patient.name;
  bill.admission = admission;
  bill.discharge = discharge;
  const long nights = std::max<long>(1, discharge.days_since_epoch() - admission.days_since_epoch());
  bill.items.push_back({"Kamar Rawat Inap Kelas III (" + std::to_string(nights) + " hari)", nights * 150000L});
  const int n = rng.uniform(3, 7);
  for (int i = 0; i < n; ++i) {
    const std::string& d = rng.pick(kBillItems);
    if (d.rfind("Kamar", 0) == 0) continue;
    bill.items.push_back({d, static_cast<long>(rng.uniform(5, 900)) * 5000L});
  }
  return bill;
}

CasePlan SampleSetBuilder::plan_case(int index, Rng& rng) {
  CasePlan plan;
  char id[32];
  std::snprintf(id, sizeof id, "C-%04d", index + 1);
  plan.case_id = id;
  // The first cases of every set are clean, then clean and problem cases alternate.
  const bool clean = index % 5 < static_cast<int>(options_.clean_share * 5 + 0.5);
  if (!clean) plan.problem = kProblems[static_cast<size_t>(problem_cursor_++) % kProblems.size()];
  if (plan.problem == "DUPLICATE_CLAIM" && claims_.empty()) plan.problem = "INVOICE_AMOUNT_MISMATCH";

  static const std::vector<std::string> programs{"jampersal", "sktm", "pbi", "jamsoskes"};
  plan.program = programs[static_cast<size_t>(index) % programs.size()];
  if ((needs_claim(plan.problem) && plan.program == "pbi") || (needs_sktm(plan.problem) && plan.program == "jamsoskes"))
    plan.program = "sktm";
  const ProgramRules& rules = standard_programs().at(plan.program);
  plan.stage = rules.has_stage("claim") && (needs_claim(plan.problem) || rng.chance(0.5)) ? "claim" : "application";

  // A household with a fitting applicant (Jampersal: a woman of childbearing age).
  while (true) {
    plan.household = population_.household();
    std::vector<const Person*> fit;
    for (const auto& m : plan.household.members) {
      const int age = options_.today.year - m.birth_date.year;
      if (plan.program == "jampersal" ? (m.sex == 'F' && age >= 18 && age <= 44) : age >= 1) fit.push_back(&m);
    }
    if (!fit.empty()) {
      plan.applicant = *fit[static_cast<size_t>(rng.uniform(0, static_cast<int>(fit.size()) - 1))];
      break;
    }
  }
  const Person& a = plan.applicant;
  const Residence& res = plan.household.residence;
  const Date today = options_.today;
  const Date received = today.plus_days(-rng.uniform(0, 45));
  const Hospital& hospital = kHospitals[static_cast<size_t>(rng.uniform(0, static_cast<int>(kHospitals.size()) - 1))];
  const Date discharge = received.plus_days(-rng.uniform(5, 60));
  const Date admission = discharge.plus_days(-rng.uniform(1, 9));
  Date sktm_date = received.plus_days(-rng.uniform(3, rules.sktm_validity_days - 20));

  json applicant{{"nik", a.nik},
                 {"name", a.name},
                 {"birth_place", a.birth_place},
                 {"birth_date", a.birth_date.iso()},
                 {"sex", std::string(1, a.sex)},
                 {"address", res.address},
                 {"kk_number", plan.household.kk_number},
                 {"head_name", plan.household.head().name}};
  json record{{"case_id", plan.case_id},
              {"program", plan.program},
              {"stage", plan.stage},
              {"received_date", received.iso()},
              {"applicant", applicant}};
  Household kk_household = plan.household;  // the KK that goes into the berkas
  Person ktp_person = a;
  std::string bill_patient = a.name;
  Date bill_admission = admission, bill_discharge = discharge;
  long amount_delta = 0;
  Date submitted = received;
  std::string dropped;
  const Hospital* bill_hospital = &hospital;
  std::string forced_invoice_number;

  const std::string& p = plan.problem;
  plan.expected = p.empty() ? std::vector<std::string>{} : std::vector<std::string>{p};
  if (p == "NIK_MISMATCH") {
    record["applicant"]["nik"] = population_.other_nik_like(a);  // the officer mistyped it
    plan.allowed = {"NOT_IN_KK"};
  } else if (p == "NAME_MISMATCH") {
    record["applicant"]["name"] = stranger_name(res, a.name);
    plan.allowed = {"INVOICE_PATIENT_MISMATCH"};
  } else if (p == "BIRTH_DATE_MISMATCH") {
    record["applicant"]["birth_date"] =
        a.birth_date.plus_days(rng.chance(0.5) ? rng.uniform(1, 27) : 365 * rng.uniform(1, 3)).iso();
  } else if (p == "SEX_MISMATCH") {
    record["applicant"]["sex"] = a.sex == 'F' ? "M" : "F";
  } else if (p == "NOT_IN_KK") {
    kk_household = population_.household();  // someone else's family card
    record["applicant"]["kk_number"] = kk_household.kk_number;
    record["applicant"]["head_name"] = kk_household.head().name;
  } else if (p == "KK_NUMBER_MISMATCH") {
    std::string kk = plan.household.kk_number;
    kk[12 + rng.uniform(0, 3)] = static_cast<char>('0' + (kk[13] - '0' + rng.uniform(1, 8)) % 10);
    if (kk == plan.household.kk_number) kk[15] = kk[15] == '9' ? '1' : static_cast<char>(kk[15] + 1);
    record["applicant"]["kk_number"] = kk;
  } else if (p == "SKTM_EXPIRED") {
    sktm_date = received.plus_days(-rng.uniform(rules.sktm_validity_days + 10, rules.sktm_validity_days + 300));
  } else if (p == "INVOICE_PATIENT_MISMATCH") {
    bill_patient = stranger_name(res, a.name);
  } else if (p == "INVOICE_DATES_MISMATCH") {
    (rng.chance(0.5) ? bill_admission : bill_discharge) =
        (rng.chance(0.5) ? admission : discharge).plus_days(rng.uniform(2, 6));
    if (bill_discharge < bill_admission) std::swap(bill_admission, bill_discharge);
  } else if (p == "INVOICE_AMOUNT_MISMATCH") {
    amount_delta = static_cast<long>(rng.uniform(1, 40)) * 50000L * (rng.chance(0.5) ? 1 : -1);
  } else if (p == "LATE_CLAIM") {
    submitted = discharge.plus_days(rules.claim_deadline_days + rng.uniform(5, 120));
    record["received_date"] = submitted.iso();
    sktm_date = submitted.plus_days(-rng.uniform(5, 60));
  } else if (p == "MISSING_DOCUMENT") {
    dropped = rng.chance(0.5) ? "kk" : "ktp";
  } else if (p == "NIK_INVALID") {
    std::string nik = a.nik;
    nik[8] = '1', nik[9] = static_cast<char>('3' + rng.uniform(0, 6));  // month 13..19
    record["applicant"]["nik"] = nik;
    plan.allowed = {"NIK_MISMATCH", "NOT_IN_KK", "BIRTH_DATE_MISMATCH", "SEX_MISMATCH"};
  } else if (p == "DUPLICATE_CLAIM") {
    const ClaimRecord& earlier = claims_[static_cast<size_t>(rng.uniform(0, static_cast<int>(claims_.size()) - 1))];
    for (const auto& h : kHospitals)
      if (earlier.hospital == h.name) bill_hospital = &h;
    forced_invoice_number = earlier.invoice_number;
  }
  if (p.empty() && rng.chance(0.45)) {
    auto [variant, rule] = honest_name_variant(rng, a.name, a.sex);
    if (!rule.empty()) {
      record["applicant"]["name"] = variant;
      plan.name_rule = rule;
      plan.allowed = {"NAME_MISMATCH"};  // as a warning only
    }
  }

  HospitalBill bill;
  if (plan.stage == "claim") {
    Person patient = a;
    patient.name = bill_patient;
    bill = make_bill(rng, patient, bill_admission, bill_discharge, *bill_hospital);
    if (!forced_invoice_number.empty()) bill.invoice_number = forced_invoice_number;
    record["care"] = {
        {"hospital", bill_hospital->name}, {"admission_date", admission.iso()}, {"discharge_date", discharge.iso()}};
    record["claim"] = {{"invoice_number", bill.invoice_number},
                       {"amount", std::to_string(bill.total() + amount_delta)},
                       {"submitted_date", submitted.iso()}};
    claims_.push_back({bill.hospital, bill.invoice_number, a.nik});
  } else if (plan.program == "sktm") {
    record["care"] = {{"hospital", hospital.name}, {"admission_date", received.plus_days(-rng.uniform(0, 3)).iso()}};
  }
  plan.record = record;

  for (const auto& req : rules.stages.at(plan.stage)) {
    if (req.doc_type == dropped) continue;
    if (req.doc_type == "ktp") {
      plan.documents.push_back(
          render_ktp(rng, ktp_person, res, plan.household.kk_issued.plus_days(rng.uniform(0, 900))));
    } else if (req.doc_type == "kk") {
      plan.documents.push_back(render_kk(rng, kk_household));
    } else if (req.doc_type == "sktm") {
      SktmLetter letter;
      char num[64];
      switch (rng.uniform(0, 2)) {
        case 0:
          std::snprintf(num, sizeof num, "474/%03d/DS/%s/%d", rng.uniform(1, 400), roman(sktm_date.month).c_str(),
                        sktm_date.year);
          break;
        case 1:
          std::snprintf(num, sizeof num, "140/%d/KEL/%d", rng.uniform(1, 900), sktm_date.year);
          break;
        default:
          std::snprintf(num, sizeof num, "400.9.2/%03d/%s/%d", rng.uniform(1, 400),
                        res.village_is_kelurahan ? "KEL" : "DS", sktm_date.year);
      }
      letter.letter_number = num;
      letter.issue_date = sktm_date;
      letter.purpose = std::string(rng.pick(sktm_purposes()));
      letter.village_head = population_.person_name('M', "javanese");
      plan.documents.push_back(render_sktm(rng, ktp_person, res, letter));
    } else if (req.doc_type == "invoice") {
      plan.documents.push_back(render_invoice(rng, bill, bill_hospital->layout));
    } else if (req.doc_type == "other") {
      plan.documents.push_back(render_other_letter(rng, req.title, a, res, received.plus_days(-rng.uniform(1, 20))));
    }
  }
  if (p == "MISSING_DOCUMENT") plan.allowed = {"NOT_IN_KK", "KK_NUMBER_MISMATCH"};
  // A spouse's KTP often shares the photocopy sheet with the applicant's.
  for (const auto& m : plan.household.members)
    if (m.nik != a.nik && options_.today.year - m.birth_date.year >= 17 && rng.chance(0.35)) {
      plan.companion_cards.push_back(render_ktp(rng, m, res, plan.household.kk_issued.plus_days(rng.uniform(0, 900))));
      break;
    }
  return plan;
}

json truth_fields(const std::map<std::string, TruthField>& fields, const cv::Matx33d& h, cv::Size page) {
  json out = json::object();
  for (const auto& [key, f] : fields) {
    const cv::Rect b = page_box(h, f.box, page);
    out[key] = {{"value", f.value}, {"bbox", {b.x, b.y, b.width, b.height}}};
    if (f.handwritten) out[key]["handwritten"] = true;
    if (!f.printed.empty() && f.printed != f.value) out[key]["printed"] = f.printed;
  }
  return out;
}

void SampleSetBuilder::write_case(CasePlan& plan, Rng& rng, std::ofstream& truth) {
  const Capture capture =
      options_.captures[static_cast<size_t>(rng.uniform(0, static_cast<int>(options_.captures.size()) - 1))];
  // One file for the whole berkas (PDF or TIFF, as a feeder scanner writes),
  // or one file per page (PNG/JPEG, as a phone or a flatbed saves).
  std::vector<std::string> formats = options_.formats;
  // Phones save JPEG; TIFF comes from document scanners copying in grey or
  // black and white, so only photocopied berkas are stored as TIFF.
  if (capture == Capture::Photo) formats = {"jpeg"};
  if (capture != Capture::Copy && formats.size() > 1)
    formats.erase(std::remove(formats.begin(), formats.end(), "tiff"), formats.end());
  const std::string format = formats[static_cast<size_t>(rng.uniform(0, static_cast<int>(formats.size()) - 1))];
  std::vector<CapturedPage> pages;
  // Feeder stacks may start with the case's separator sheet.
  if (format == "pdf" && rng.chance(0.4))
    pages.push_back(capture_page(rng, {render_separator(rng, plan.case_id)}, Capture::Copy));
  for (auto& doc : plan.documents) {
    std::vector<RenderedDocument> on_page;
    const bool card = doc.is_card;
    on_page.push_back(std::move(doc));
    if (card && capture == Capture::Copy && !plan.companion_cards.empty()) {
      on_page.push_back(std::move(plan.companion_cards.front()));
      plan.companion_cards.clear();
    }
    pages.push_back(capture_page(rng, std::move(on_page), capture));
  }
  const fs::path dir = options_.out / "scans" / plan.case_id;
  fs::create_directories(dir);
  std::vector<std::pair<std::string, int>> where;  // file, page number for each captured page
  // Document scanners store photocopies as 1-bit G4 TIFF; colour scans as LZW.
  const bool one_bit = format == "tiff" && capture == Capture::Copy && rng.chance(0.85);
  if (format == "pdf" || format == "tiff") {
    const std::string name = plan.case_id + (format == "pdf" ? ".pdf" : ".tif");
    std::vector<cv::Mat> images;
    std::vector<int> quality;
    for (auto& pg : pages) {
      images.push_back(pg.image);
      quality.push_back(pg.jpeg_quality);
    }
    if (format == "pdf")
      write_scanned_pdf(dir / name, images, quality, kDpi);
    else
      write_tiff(dir / name, images, one_bit, kDpi);
    for (size_t i = 0; i < pages.size(); ++i) where.emplace_back(name, static_cast<int>(i) + 1);
    ++summary_.files;
  } else {
    for (size_t i = 0; i < pages.size(); ++i) {
      char name[64];
      std::snprintf(name, sizeof name, "%s-%02zu.%s", plan.case_id.c_str(), i + 1, format == "png" ? "png" : "jpg");
      if (format == "png")
        write_png(dir / name, pages[i].image);
      else
        write_jpeg(dir / name, pages[i].image, pages[i].jpeg_quality);
      where.emplace_back(name, 1);
      ++summary_.files;
    }
  }
  summary_.pages += static_cast<int>(pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    const CapturedPage& pg = pages[i];
    for (const auto& placed : pg.documents) {
      json line = document_truth("scans/" + plan.case_id + "/" + where[i].first, where[i].second, pg, placed);
      line["case_id"] = plan.case_id;
      if (one_bit) line["bilevel"] = true;
      truth << line.dump() << "\n";
      ++summary_.documents;
    }
  }
}

SampleSetSummary SampleSetBuilder::run() {
  fs::create_directories(options_.out / "cases");
  std::ofstream truth(options_.out / "truth.jsonl"), expected(options_.out / "expected.jsonl");
  if (!truth || !expected) throw Error(ErrorCode::Io, "cannot write into " + options_.out.string());
  for (int i = 0; i < options_.cases; ++i) {
    Rng rng = master_.fork(1000 + static_cast<uint64_t>(i));
    CasePlan plan = plan_case(i, rng);
    write_case(plan, rng, truth);
    std::ofstream(options_.out / "cases" / (plan.case_id + ".json")) << plan.record.dump(2) << "\n";
    all_cases_.push_back(plan.record);
    json exp{{"case_id", plan.case_id},
             {"problem", plan.problem.empty() ? json(nullptr) : json(plan.problem)},
             {"expected_flags", plan.expected},
             {"allowed_flags", plan.allowed}};
    if (!plan.name_rule.empty()) exp["name_variant"] = plan.name_rule;
    expected << exp.dump() << "\n";
    ++summary_.cases;
    if (plan.problem.empty()) ++summary_.clean_cases;
  }
  std::ofstream(options_.out / "cases.json") << json(all_cases_).dump(2) << "\n";
  json captures = json::array(), formats = options_.formats;
  for (auto c : options_.captures) captures.push_back(to_string(c));
  std::ofstream(options_.out / "manifest.json")
      << json{{"generator", "berkas generate"},      {"seed", options_.seed},   {"cases", summary_.cases},
              {"clean_cases", summary_.clean_cases}, {"files", summary_.files}, {"pages", summary_.pages},
              {"documents", summary_.documents},     {"captures", captures},    {"formats", formats},
              {"today", options_.today.iso()}}
             .dump(2)
      << "\n";
  if (!truth || !expected) throw Error(ErrorCode::Io, "writing into " + options_.out.string() + " failed");
  return summary_;
}

}  // namespace

nlohmann::json document_truth(const std::string& source, int page, const CapturedPage& pg,
                              const PlacedDocument& placed) {
  const RenderedDocument& d = placed.document;
  const cv::Rect outline = page_box(placed.to_page, cv::Rect2f(0, 0, d.image.cols, d.image.rows), pg.image.size());
  json line{{"source", source},
            {"page", page},
            {"doc_type", d.doc_type},
            {"capture", to_string(pg.capture)},
            {"rotation", std::lround(rotation_on_page(placed.to_page) * 10) / 10.0},
            {"bbox", {outline.x, outline.y, outline.width, outline.height}},
            {"fields", truth_fields(d.fields, placed.to_page, pg.image.size())}};
  if (!d.layout.empty()) line["layout"] = d.layout;
  for (const auto& [table, rows] : d.tables) {
    json jrows = json::array();
    for (const auto& row : rows) jrows.push_back(truth_fields(row, placed.to_page, pg.image.size()));
    line["tables"][table] = jrows;
  }
  return line;
}

const std::vector<std::string>& seedable_problems() { return kProblems; }

SampleSetSummary generate_sample_set(const SampleSetOptions& options) {
  if (options.cases < 1) throw Error(ErrorCode::InvalidArgument, "--cases must be at least 1");
  if (options.captures.empty()) throw Error(ErrorCode::InvalidArgument, "no capture level chosen");
  return SampleSetBuilder(options).run();
}

}  // namespace berkas::samples
