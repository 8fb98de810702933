// Letters: issued once a case's chain is complete, listed, downloaded, and
// the public verification page a hospital opens from the letter's QR code.
#include <pqxx/pqxx>

#include "api/api_context.hpp"
#include "core/date.hpp"
#include "letters/letter_issuer.hpp"
#include "letters/office_config.hpp"
#include "rules/program_rules.hpp"
#include "store/check_store.hpp"

namespace berkas {
namespace {

using nlohmann::json;

std::string html_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '<')
      out += "&lt;";
    else if (ch == '>')
      out += "&gt;";
    else if (ch == '&')
      out += "&amp;";
    else if (ch == '"')
      out += "&quot;";
    else
      out += ch;
  }
  return out;
}

void issue(ApiContext& c) {
  auto conn = c.pool.acquire();
  const StoredCase sc = stored_cases(*conn, {c.param(0)}).front();
  if (sc.id == 0) throw ApiError{404, "no case " + c.param(0)};
  const auto& program = standard_programs().at(sc.data.value("program", ""));
  const auto kind = program.letters.find(sc.data.value("stage", ""));
  if (kind == program.letters.end()) throw ApiError{409, "the programme issues no letter at this stage"};
  const IssuedLetter letter =
      issue_case_letter(*conn, {sc.case_ref, kind->second, today(), default_p12_password(), c.actor()});
  c.reply(201, {{"id", letter.id}, {"number", letter.number}, {"kind", letter.kind}, {"case_id", sc.case_ref}});
}

void list_letters(ApiContext& c) {
  auto conn = c.pool.acquire();
  pqxx::read_transaction txn(*conn);
  json out = json::array();
  for (const auto& r : txn.exec_params(
           "SELECT l.id, l.number, l.kind, l.issued_at::text, coalesce(c.case_ref, ''), l.signer FROM letters l "
           "LEFT JOIN cases c ON c.id = l.case_id WHERE ($1 = '' OR c.case_ref = $1) ORDER BY l.id DESC LIMIT 500",
           c.req.get_param_value("case")))
    out.push_back({{"id", r[0].as<long>()},
                   {"number", r[1].as<std::string>()},
                   {"kind", r[2].as<std::string>()},
                   {"issued_at", r[3].as<std::string>()},
                   {"case_id", r[4].as<std::string>()},
                   {"signer", r[5].as<std::string>()}});
  c.reply(200, {{"letters", out}});
}

void download(ApiContext& c) {
  auto conn = c.pool.acquire();
  const IssuedLetter letter = stored_letter(*conn, c.id_param(0), true);
  if (letter.id == 0) throw ApiError{404, "no letter " + c.param(0)};
  std::string file = letter.number;
  for (auto& ch : file)
    if (ch == '/' || ch == ' ') ch = '_';
  c.res.status = 200;
  c.res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".pdf\"");
  c.res.set_content(letter.pdf, "application/pdf");
}

// Public: what a hospital sees when it scans the QR code. It confirms the
// letter's number, kind, date and signer and whether the code matches the
// letter's content; it shows no personal data.
void verify_page(ApiContext& c) {
  auto conn = c.pool.acquire();
  const std::string id = c.param(0);
  const bool numeric = !id.empty() && id.size() < 18 && id.find_first_not_of("0123456789") == std::string::npos;
  const IssuedLetter letter = numeric ? stored_letter(*conn, std::stol(id)) : IssuedLetter{};
  const std::string h = c.req.get_param_value("h");
  const bool found = letter.id != 0;
  const bool matches = found && (h.empty() || h == letter.content_sha256);
  std::string issued_at;
  if (found) {
    pqxx::read_transaction txn(*conn);
    issued_at = txn.exec_params1("SELECT to_char(issued_at, 'DD-MM-YYYY') FROM letters WHERE id = $1", letter.id)[0]
                    .as<std::string>();
  }
  if (c.req.get_header_value("Accept").find("application/json") != std::string::npos) {
    c.reply(found ? 200 : 404, {{"found", found},
                                {"matches", matches},
                                {"number", letter.number},
                                {"kind", letter.kind},
                                {"signer", letter.signer},
                                {"issued", issued_at},
                                {"pdf_sha256", letter.pdf_sha256}});
    return;
  }
  const auto& office = standard_office();
  std::string status = !found    ? "Surat tidak ditemukan"
                       : matches ? "Surat terdaftar dan sah"
                                 : "Kode tidak cocok dengan isi surat yang terdaftar";
  std::string body =
      "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<link rel=\"icon\" href=\"/aset/favicon.svg\"><title>Verifikasi Surat - " +
      html_escape(office.office) +
      "</title>"
      "<style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}"
      ".ok{color:#05612b}.bad{color:#9b1c1c}dt{font-weight:bold;margin-top:.6rem}</style></head><body>"
      "<p>" +
      html_escape(office.government) + "<br>" + html_escape(office.office) +
      "</p>"
      "<h1 class=\"" +
      std::string(matches ? "ok" : "bad") + "\">" + status + "</h1>";
  if (found) {
    std::string signer = letter.signer;
    try {
      const Official& o = office.official(letter.signer);
      signer = o.name + " (" + o.position + ")";
    } catch (const std::exception&) {
    }
    body += "<dl><dt>Nomor surat</dt><dd>" + html_escape(letter.number) + "</dd><dt>Jenis</dt><dd>" +
            html_escape(letter.kind) + "</dd><dt>Tanggal terbit</dt><dd>" + issued_at +
            "</dd><dt>Ditandatangani secara elektronik oleh</dt><dd>" + html_escape(signer) +
            "</dd><dt>Sidik berkas PDF (SHA-256)</dt><dd><code>" + letter.pdf_sha256 +
            "</code></dd></dl>"
            "<p>Cocokkan nomor surat dan tanggal dengan surat yang Anda terima. Keaslian tanda tangan elektronik "
            "dapat diperiksa pada berkas PDF.</p>";
  }
  body += "</body></html>";
  c.res.status = found ? 200 : 404;
  c.res.set_content(body, "text/html; charset=utf-8");
}

}  // namespace

void add_letter_routes(std::vector<ApiRoute>& routes) {
  const auto& readers = kReaderRoles;
  routes.push_back({"POST", R"(/api/cases/([^/]+)/letter)", {"approver", "admin"}, issue});
  routes.push_back({"GET", "/api/letters", readers, list_letters});
  routes.push_back({"GET", R"(/api/letters/([^/]+)/pdf)", readers, download});
  routes.push_back({"GET", R"(/verify/([^/]+))", {}, verify_page});
}

}  // namespace berkas
