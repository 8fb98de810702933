#include "check/case_checks.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "cases/case_file.hpp"
#include "check/name_match.hpp"
#include "core/date.hpp"
#include "domain/edit_distance.hpp"
#include "domain/free_text.hpp"
#include "region/nik.hpp"

namespace berkas {
namespace {

using json = nlohmann::json;

// One value read from a document (or from a row of one of its tables).
struct Reading {
  const json* doc = nullptr;
  std::string field;  // as the flag names it: "nik", "members.nik"
  std::string value;
  double confidence = 0;
  const json* bbox = nullptr;
};

std::optional<Reading> reading(const json& doc, const json& fields, const std::string& name,
                               const std::string& label = "") {
  if (!fields.is_object() || !fields.contains(name)) return std::nullopt;
  const json& f = fields[name];
  if (!f.is_object() || !f.contains("value") || !f["value"].is_string()) return std::nullopt;
  Reading r{&doc, label.empty() ? name : label, f["value"].get<std::string>(), f.value("confidence", 0.0), nullptr};
  if (r.value.empty()) return std::nullopt;
  if (f.contains("bbox") && f["bbox"].is_array() && f["bbox"].size() == 4) r.bbox = &f["bbox"];
  return r;
}

std::optional<Reading> field_of(const json& doc, const std::string& name) {
  return doc.contains("fields") ? reading(doc, doc["fields"], name) : std::nullopt;
}

const json& rows_of(const json& doc, const std::string& table) {
  static const json empty = json::array();
  if (!doc.contains("tables") || !doc["tables"].contains(table) || !doc["tables"][table].is_array()) return empty;
  return doc["tables"][table];
}

std::string doc_type_of(const json& doc) { return doc.value("doc_type", ""); }

bool names_agree(const std::string& typed, const std::string& printed) {
  return compare_person_names(typed, printed).verdict != NameVerdict::Different;
}

class CaseChecker {
 public:
  CaseChecker(const json& c, const std::vector<json>& documents, const ProgramRules& rules,
              const CheckSettings& settings)
      : case_(c), documents_(documents), rules_(rules), settings_(settings) {
    received_ = parse_iso_date(case_value(c, "received_date")).value_or(today());
  }

  std::vector<Flag> run() {
    check_case_nik();
    check_required_documents();
    if (const json* ktp = best_person_document("ktp")) check_person(*ktp);
    for (const json& doc : documents_)
      if (doc_type_of(doc) == "sktm") {
        check_person(doc);
        check_sktm_validity(doc);
      }
    if (const json* kk = best_kk()) check_kk(*kk);
    if (case_value(case_, "stage") == "claim") {
      if (const json* invoice = best_invoice()) check_invoice(*invoice);
      check_claim_deadline();
    }
    settle();
    return std::move(flags_);
  }

 private:
  // --- flags ---------------------------------------------------------------

  Flag make(const std::string& code, const std::string& severity, const Reading* r, const std::string& expected,
            const std::string& message) const {
    Flag f;
    f.code = code;
    f.severity = severity;
    f.expected = expected;
    f.message = message;
    f.doc_type = "case";
    if (r != nullptr) {
      f.doc_type = doc_type_of(*r->doc);
      f.document = static_cast<int>(r->doc - documents_.data());
      f.source = r->doc->value("source", "");
      f.page = r->doc->value("page", 0);
      f.field = r->field;
      f.found = r->value;
      if (r->bbox != nullptr) {
        f.has_bbox = true;
        for (size_t i = 0; i < 4; ++i) f.bbox[i] = (*r->bbox)[i].get<int>();
      }
    }
    return f;
  }

  Flag about_case(const std::string& code, const std::string& field, const std::string& expected,
                  const std::string& found, const std::string& message) const {
    Flag f = make(code, "error", nullptr, expected, message);
    f.field = field;
    f.found = found;
    return f;
  }

  // Each comparison is filed under the case value it tests ("nik", "name",
  // ...): agreement confirms that value; disagreement waits for settle(),
  // which weighs it by how sure the reading was.
  void confirm(const std::string& key) { confirmed_.insert(key); }

  void disagree(const std::string& key, const std::string& code, const Reading& r, const std::string& expected,
                const std::string& message, bool about_a_name = false) {
    pending_.push_back({key, make(code, "error", &r, expected, message), r.confidence,
                        about_a_name ? settings_.name_confidence_threshold : settings_.confidence_threshold});
  }

  // The document is there but the field a check needs was not read on it.
  void unread(const std::string& key, const json& doc, const std::string& field) {
    unread_.push_back({key, doc_type_of(doc), &doc, field});
  }

  static bool close(const std::string& expected, const std::string& found) {
    if (expected.empty() || found.empty()) return false;
    if (expected.size() == found.size() && edit_distance(expected, found) <= (expected.size() > 5 ? 2 : 1)) return true;
    return similarity(expected, found) >= 0.75;
  }

  // A document NIK equal to the case's carries the birth date and sex the
  // case's NIK encodes: where those agree with the case, they are confirmed.
  void confirm_from_nik() {
    if (!confirmed_.count("nik")) return;
    const NikReading n = read_nik(case_value(case_, "applicant.nik"), RegionTable::standard(), received_.year);
    if (!n.ok()) return;
    if (auto birth = parse_iso_date(case_value(case_, "applicant.birth_date"));
        birth && birth->day == n.birth_date.day && birth->month == n.birth_date.month &&
        birth->year % 100 == n.birth_date.year % 100)
      confirm("birth_date");
    if (case_value(case_, "applicant.sex") == std::string(1, n.sex)) confirm("sex");
  }

  void settle() {
    confirm_from_nik();
    std::set<std::string> disputed;
    for (auto& p : pending_) {
      disputed.insert(p.key);
      const bool confirmed_elsewhere = confirmed_.count(p.key) > 0;
      if (p.confidence >= p.threshold) {
        // A name close to the case's, which another document shows: a misread
        // that escaped its confidence, not another person. (Numbers stay
        // strict: one digit makes another person's NIK.)
        const bool name = p.key == "name" || p.key == "head_name";
        if (name && confirmed_elsewhere && close(p.flag.expected, p.flag.found)) {
          p.flag.severity = "warning";
          p.flag.message += " (close to the case's value, which another document shows)";
        }
        flags_.push_back(std::move(p.flag));
        continue;
      }
      Flag low = p.flag;
      p.flag.severity = "warning";
      p.flag.message += " (read with low confidence)";
      const bool confirmed = confirmed_elsewhere;
      low.code = "LOW_CONFIDENCE";
      low.severity = confirmed ? "warning" : "error";
      low.message = "'" + low.field + "' was read with confidence " + std::to_string(p.confidence).substr(0, 4) +
                    (confirmed ? "; another document agrees with the case" : "; a verifier must compare it");
      flags_.push_back(std::move(p.flag));
      flags_.push_back(std::move(low));
    }
    std::set<std::string> reported;
    for (const auto& u : unread_) {
      if (confirmed_.count(u.key) || disputed.count(u.key) || !reported.insert(u.key).second) continue;
      Flag f;
      f.code = "LOW_CONFIDENCE";
      // The KK's number and head are only a cross-check once the applicant's
      // NIK was found among its members.
      const bool kk_confirmed = (u.key == "kk_number" || u.key == "head_name") && confirmed_.count("kk_membership");
      f.severity = kk_confirmed ? "warning" : "error";
      f.doc_type = u.doc_type;
      f.document = static_cast<int>(u.doc - documents_.data());
      f.source = u.doc->value("source", "");
      f.page = u.doc->value("page", 0);
      f.field = u.field;
      f.expected = case_value_for(u.key);
      f.message = "'" + u.field + "' could not be read on the " + u.doc_type + "; a verifier must check it";
      flags_.push_back(std::move(f));
    }
  }

  std::string case_value_for(const std::string& key) const {
    const std::string path = case_path_for_field(key);
    return path.empty() ? "" : case_value(case_, path);
  }

  // --- the case as typed ---------------------------------------------------

  void check_case_nik() {
    const std::string nik = case_value(case_, "applicant.nik");
    const NikReading n = read_nik(nik, RegionTable::standard(), received_.year);
    if (!n.ok()) {
      flags_.push_back(about_case("NIK_INVALID", "nik", "", nik,
                                  "the case's NIK is not a possible NIK: " + std::string(to_string(n.problem))));
      return;
    }
    // The NIK encodes the birth date (two-digit year) and sex.
    if (auto birth = parse_iso_date(case_value(case_, "applicant.birth_date"))) {
      if (birth->day != n.birth_date.day || birth->month != n.birth_date.month ||
          birth->year % 100 != n.birth_date.year % 100)
        flags_.push_back(about_case("BIRTH_DATE_MISMATCH", "birth_date", birth->iso(), n.birth_date.iso(),
                                    "the case's NIK encodes another birth date than the case"));
    }
    const std::string sex = case_value(case_, "applicant.sex");
    if (!sex.empty() && sex[0] != n.sex)
      flags_.push_back(about_case("SEX_MISMATCH", "sex", sex, std::string(1, n.sex),
                                  "the case's NIK encodes the other sex than the case"));
  }

  void check_required_documents() {
    const auto stage = rules_.stages.find(case_value(case_, "stage"));
    if (stage == rules_.stages.end()) return;
    for (const RequiredDocument& req : stage->second) {
      const bool present = std::any_of(documents_.begin(), documents_.end(), [&](const json& doc) {
        if (doc_type_of(doc) != req.doc_type) return false;
        if (req.title.empty()) return true;
        const auto title = field_of(doc, "title");
        return title && title_matches(req.title, title->value);
      });
      if (present) continue;
      Flag f = about_case("MISSING_DOCUMENT", req.doc_type, req.title.empty() ? req.doc_type : req.title, "",
                          "the berkas has no " + (req.title.empty() ? req.doc_type : req.title) +
                              ", which the programme requires at this stage");
      f.doc_type = req.doc_type;
      flags_.push_back(std::move(f));
    }
  }

  // A letter's title as read may be damaged or carry extra words.
  static bool title_matches(const std::string& wanted, const std::string& read) {
    if (read.find(wanted) != std::string::npos) return true;
    const std::string head = read.substr(0, std::min(read.size(), wanted.size() + 2));
    return similarity(wanted, head) >= 0.8;
  }

  // --- KTP and SKTM --------------------------------------------------------

  // Several KTPs may come (a spouse's card shares the photocopy): check the
  // one that is the applicant's, by NIK, name or birth date.
  const json* best_person_document(const std::string& type) const {
    const json* best = nullptr;
    int best_score = -1;
    for (const json& doc : documents_) {
      if (doc_type_of(doc) != type) continue;
      int score = 0;
      if (auto nik = field_of(doc, "nik"); nik && nik->value == case_value(case_, "applicant.nik")) score += 4;
      if (auto name = field_of(doc, "name"); name && names_agree(case_value(case_, "applicant.name"), name->value))
        score += 2;
      if (auto birth = field_of(doc, "birth_date"); birth && birth->value == case_value(case_, "applicant.birth_date"))
        score += 1;
      if (score > best_score) best = &doc, best_score = score;
    }
    return best;
  }

  void check_person(const json& doc) {
    const std::string type = doc_type_of(doc) == "ktp" ? "KTP" : "SKTM";
    compare_nik(doc, field_of(doc, "nik"), "nik", "NIK on " + type + " differs from the case");
    compare_name(doc, field_of(doc, "name"), "name", "NAME_MISMATCH", "name on " + type);
    compare_exact(doc, field_of(doc, "birth_date"), "birth_date", "BIRTH_DATE_MISMATCH",
                  "birth date on " + type + " differs from the case");
    compare_exact(doc, field_of(doc, "sex"), "sex", "SEX_MISMATCH", "sex on " + type + " differs from the case");
  }

  void compare_nik(const json& doc, const std::optional<Reading>& r, const std::string& field,
                   const std::string& message) {
    const std::string expected = case_value(case_, "applicant.nik");
    if (!r) return unread("nik", doc, field);
    if (r->value == expected) return confirm("nik");
    const NikReading n = read_nik(r->value, RegionTable::standard(), received_.year);
    if (!n.ok() && r->confidence >= settings_.confidence_threshold)
      flags_.push_back(
          make("NIK_INVALID", "error", &*r, "",
               "NIK on the " + doc_type_of(doc) + " is not a possible NIK: " + std::string(to_string(n.problem))));
    disagree("nik", "NIK_MISMATCH", *r, expected, message);
  }

  void compare_name(const json& doc, const std::optional<Reading>& r, const std::string& key, const std::string& code,
                    const std::string& what) {
    const std::string expected = case_value(case_, key == "head_name" ? "applicant.head_name" : "applicant.name");
    if (expected.empty()) return;
    if (!r) return unread(key, doc, key);
    const NameComparison cmp = compare_person_names(expected, r->value);
    if (cmp.verdict == NameVerdict::Same) return confirm(key);
    if (cmp.verdict == NameVerdict::Variant) {
      confirm(key);
      flags_.push_back(make(code, "warning", &*r, expected, what + " is a variant of the case's (" + cmp.rule + ")"));
      return;
    }
    disagree(key, code, *r, expected, what + " is another person's than the case's", true);
  }

  void compare_exact(const json& doc, const std::optional<Reading>& r, const std::string& key, const std::string& code,
                     const std::string& message) {
    const std::string expected = case_value_for(key);
    if (expected.empty()) return;
    if (!r) return unread(key, doc, key);
    if (r->value == expected) return confirm(key);
    disagree(key, code, *r, expected, message);
  }

  void check_sktm_validity(const json& doc) {
    const auto issued = field_of(doc, "issue_date");
    if (!issued) return unread("sktm_issue_date", doc, "issue_date");
    const auto date = parse_iso_date(issued->value);
    if (!date) return;
    const long age = received_.days_since_epoch() - date->days_since_epoch();
    if (age <= rules_.sktm_validity_days) return;
    const std::string limit = "issued on or after " + received_.plus_days(-rules_.sktm_validity_days).iso();
    const std::string message = "the SKTM was issued " + std::to_string(age) + " days before the case was received; " +
                                "the programme accepts " + std::to_string(rules_.sktm_validity_days);
    Reading r = *issued;
    pending_.push_back({"sktm_issue_date", make("SKTM_EXPIRED", "error", &r, limit, message), r.confidence,
                        settings_.confidence_threshold});
  }

  // --- KK ------------------------------------------------------------------

  const json* best_kk() const {
    const json* best = nullptr;
    for (const json& doc : documents_) {
      if (doc_type_of(doc) != "kk") continue;
      if (best == nullptr) best = &doc;
      if (auto n = field_of(doc, "kk_number"); n && n->value == case_value(case_, "applicant.kk_number")) return &doc;
    }
    return best;
  }

  void check_kk(const json& kk) {
    compare_exact(kk, field_of(kk, "kk_number"), "kk_number", "KK_NUMBER_MISMATCH", "KK number differs from the case");
    compare_name(kk, field_of(kk, "head_name"), "head_name", "NAME_MISMATCH", "head of family on the KK");

    const json& members = rows_of(kk, "members");
    const std::string nik = case_value(case_, "applicant.nik"), name = case_value(case_, "applicant.name");
    if (members.empty()) return unread("kk_members", kk, "members");
    // The applicant's row: by NIK; else by name; else by a NIK a digit or
    // two away (OCR damage), which then stands as a NIK disagreement.
    const json* row = nullptr;
    for (const json& m : members)
      if (auto n = reading(kk, m, "nik"); n && n->value == nik) row = &m;
    const bool row_by_nik = row != nullptr;
    if (row_by_nik) confirm("kk_membership");
    // Member names are small print and often damaged beyond the name
    // matcher's OCR allowance: a close spelling also finds the row.
    auto close_name = [&](const json& m) {
      auto n = reading(kk, m, "name");
      return n && (names_agree(name, n->value) || close(name, n->value));
    };
    // A member of the same name whose NIK, read surely, is far from the
    // case's and whose birth date is another is someone else: TRI, SRI and
    // EKO are common names.
    auto someone_else = [&](const json& m) {
      auto n = reading(kk, m, "nik");
      if (!n || n->confidence < settings_.confidence_threshold) return false;
      if (n->value.size() == nik.size() && edit_distance(n->value, nik) <= 2) return false;
      auto birth = reading(kk, m, "birth_date");
      return !(birth && birth->value == case_value_for("birth_date"));
    };
    if (row == nullptr)
      for (const json& m : members)
        if (close_name(m) && !someone_else(m)) row = row ? row : &m;
    if (row == nullptr)
      for (const json& m : members)
        if (auto n = reading(kk, m, "nik"); n && n->value.size() == nik.size() && edit_distance(n->value, nik) <= 2)
          row = row ? row : &m;
    if (row == nullptr) {
      // Not in the family unless the rows were too poorly read to tell.
      double least = 1;
      std::optional<Reading> weakest;
      for (const json& m : members)
        if (auto n = reading(kk, m, "nik", "members.nik"); n && n->confidence <= least)
          least = n->confidence, weakest = n;
      Reading r = weakest.value_or(Reading{&kk, "members.nik", "", 0, nullptr});
      Flag f = make("NOT_IN_KK", "error", &r, nik, "the applicant's NIK is not among the KK's members");
      f.found = "";
      pending_.push_back({"kk_membership", std::move(f), weakest ? least : 0.0, settings_.confidence_threshold});
      return;
    }
    compare_nik(kk, reading(kk, *row, "nik", "members.nik"), "members.nik",
                "NIK on the applicant's KK member row differs from the case");
    // The row's birth date and sex confirm the case's; a misread here is not
    // a disagreement (the KTP and SKTM carry these in larger print).
    for (const char* key : {"birth_date", "sex"})
      if (auto v = reading(kk, *row, key); v && v->value == case_value_for(key)) confirm(key);
    if (auto n = reading(kk, *row, "name", "members.name")) {
      // Member names are small print: the row of the applicant's NIK with a
      // name the matcher accepts, or one close to it, confirms the name.
      if (compare_person_names(name, n->value).verdict != NameVerdict::Different ||
          (row_by_nik && close(name, n->value)))
        confirm("name");
    }
  }

  // --- hospital bill and claim ---------------------------------------------

  const json* best_invoice() const {
    const json* best = nullptr;
    for (const json& doc : documents_) {
      if (doc_type_of(doc) != "invoice") continue;
      if (best == nullptr) best = &doc;
      if (auto n = field_of(doc, "invoice_number"); n && n->value == case_value(case_, "claim.invoice_number"))
        return &doc;
    }
    return best;
  }

  void check_invoice(const json& invoice) {
    compare_name(invoice, field_of(invoice, "patient_name"), "patient_name", "INVOICE_PATIENT_MISMATCH",
                 "patient on the invoice");
    compare_exact(invoice, field_of(invoice, "admission_date"), "admission_date", "INVOICE_DATES_MISMATCH",
                  "admission date on the invoice differs from the case's care");
    compare_exact(invoice, field_of(invoice, "discharge_date"), "discharge_date", "INVOICE_DATES_MISMATCH",
                  "discharge date on the invoice differs from the case's care");
    if (auto total = field_of(invoice, "total_amount"))
      compare_amount(*total);
    else
      unread("amount", invoice, "total_amount");
    // A different bill number is shown, not blocking: the amount and dates decide.
    const std::string number = case_value(case_, "claim.invoice_number");
    if (auto n = field_of(invoice, "invoice_number");
        n && !number.empty() && compact_code(n->value) != compact_code(number))
      flags_.push_back(
          make("INVOICE_NUMBER_MISMATCH", "warning", &*n, number, "bill number on the invoice differs from the claim"));
  }

  void compare_amount(const Reading& total) {
    const std::string expected = case_value(case_, "claim.amount");
    if (expected.empty()) return;
    if (total.value == expected) return confirm("amount");
    disagree("amount", "INVOICE_AMOUNT_MISMATCH", total, expected, "the claimed amount differs from the invoice total");
  }

  void check_claim_deadline() {
    std::string submitted_text = case_value(case_, "claim.submitted_date");
    if (submitted_text.empty()) submitted_text = case_value(case_, "received_date");
    const auto submitted = parse_iso_date(submitted_text);
    const auto discharge = parse_iso_date(case_value(case_, "care.discharge_date"));
    if (!submitted || !discharge) return;
    const long days = submitted->days_since_epoch() - discharge->days_since_epoch();
    if (days <= rules_.claim_deadline_days) return;
    flags_.push_back(
        about_case("LATE_CLAIM", "submitted_date",
                   "on or before " + discharge->plus_days(rules_.claim_deadline_days).iso(), submitted->iso(),
                   "the claim was submitted " + std::to_string(days) + " days after discharge; the programme allows " +
                       std::to_string(rules_.claim_deadline_days)));
  }

  struct Pending {
    std::string key;
    Flag flag;
    double confidence;
    double threshold;
  };
  struct Unread {
    std::string key, doc_type;
    const json* doc;
    std::string field;
  };

  const json& case_;
  const std::vector<json>& documents_;
  const ProgramRules& rules_;
  const CheckSettings& settings_;
  Date received_;
  std::vector<Flag> flags_;
  std::vector<Pending> pending_;
  std::vector<Unread> unread_;
  std::set<std::string> confirmed_;
};

}  // namespace

std::string case_path_for_field(const std::string& field) {
  static const std::map<std::string, std::string> paths{{"nik", "applicant.nik"},
                                                        {"name", "applicant.name"},
                                                        {"birth_date", "applicant.birth_date"},
                                                        {"sex", "applicant.sex"},
                                                        {"kk_number", "applicant.kk_number"},
                                                        {"head_name", "applicant.head_name"},
                                                        {"patient_name", "applicant.name"},
                                                        {"admission_date", "care.admission_date"},
                                                        {"discharge_date", "care.discharge_date"},
                                                        {"amount", "claim.amount"}};
  auto it = paths.find(field);
  return it == paths.end() ? "" : it->second;
}

std::vector<Flag> check_case(const json& case_data, const std::vector<json>& documents, const ProgramRules& rules,
                             const CheckSettings& settings) {
  return CaseChecker(case_data, documents, rules, settings).run();
}

json check_result_json(const json& case_data, const std::vector<json>& documents, const std::vector<Flag>& flags) {
  json docs = json::array();
  for (const json& d : documents) {
    json entry{{"source", d.value("source", "")}, {"page", d.value("page", 0)}, {"doc_type", doc_type_of(d)}};
    if (auto title = field_of(d, "title")) entry["title"] = title->value;
    docs.push_back(std::move(entry));
  }
  json out{{"case_id", case_value(case_data, "case_id")}, {"decision", decision_for(flags)}, {"documents", docs}};
  json& list = out["flags"] = json::array();
  for (const Flag& f : flags) list.push_back(flag_json(f));
  return out;
}

}  // namespace berkas
