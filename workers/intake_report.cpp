#include "workers/intake_report.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include "core/error.hpp"

namespace berkas {
namespace {

std::string escaped(const std::string& s) {
  std::string out;
  for (char ch : s) switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += ch;
    }
  return out;
}

const char* severity_label(const std::string& s) {
  if (s == "error") return "galat";
  if (s == "warning") return "peringatan";
  return "info";
}

// The assignment's reasons, for the supervisor (intake/case_assignment.cpp).
std::string reason_label(const std::string& reason) {
  const std::string after = "after a separator sheet for case ";
  if (reason.rfind(after, 0) == 0) {
    const std::string id = reason.substr(after.size(), reason.find(',') - after.size());
    return "setelah lembar pemisah untuk kasus " + id + ", yang tidak ada di berkas kasus";
  }
  if (reason.rfind("no separator sheet", 0) == 0)
    return "tanpa lembar pemisah, dan tidak ada NIK, nomor KK, nomor tagihan atau nama yang cocok dengan satu kasus "
           "di batch ini";
  return reason;
}

const char* decision_label(const std::string& d) { return d == "clean" ? "Bersih" : "Perlu verifikasi"; }

}  // namespace

void write_intake_report(const IntakeResult& result, const std::filesystem::path& file) {
  std::ostringstream html;
  int clean = 0;
  std::map<std::string, int> by_code;
  for (const auto& c : result.cases) {
    clean += c.value("decision", "") == "clean" ? 1 : 0;
    for (const auto& f : c["flags"])
      if (f.value("severity", "") == "error") ++by_code[f.value("code", "")];
  }
  html << "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
       << "<title>Laporan intake batch " << result.batch.batch_id << "</title><style>"
       << "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;margin:1em 0}"
       << "th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}"
       << "th{background:#eef}.review{color:#a40000;font-weight:bold}.clean{color:#206020;font-weight:bold}"
       << ".galat{color:#a40000}.peringatan{color:#8a6d00}</style></head><body>\n";
  html << "<h1>Laporan intake batch " << result.batch.batch_id << "</h1>\n<p>" << result.cases.size()
       << " kasus: " << clean << " bersih, " << result.cases.size() - clean << " perlu verifikasi. "
       << result.reading.pages << " halaman dibaca";
  if (result.reading.seconds > 0)
    html << " (" << static_cast<int>(result.reading.pages / result.reading.seconds * 60) << " halaman per menit)";
  html << ". " << result.unassigned.size() << " dokumen tanpa kasus.</p>\n";
  if (!by_code.empty()) {
    html << "<h2>Galat menurut kode</h2><table><tr><th>Kode</th><th>Jumlah</th></tr>";
    for (const auto& [code, n] : by_code) html << "<tr><td>" << escaped(code) << "</td><td>" << n << "</td></tr>";
    html << "</table>\n";
  }
  html << "<h2>Kasus</h2><table><tr><th>Kasus</th><th>Program</th><th>Keputusan</th><th>Dokumen</th>"
       << "<th>Temuan</th></tr>\n";
  for (const auto& c : result.cases) {
    const std::string decision = c.value("decision", "");
    html << "<tr><td>" << escaped(c.value("case_id", "")) << "</td><td>" << escaped(c.value("program", ""))
         << "</td><td class=\"" << decision << "\">" << decision_label(decision)
         << (c.contains("letter") ? "<br>Surat " + escaped(c.value("letter", "")) : std::string()) << "</td><td>"
         << c["documents"].size() << "</td><td>";
    if (c["flags"].empty()) html << "&mdash;";
    for (const auto& f : c["flags"]) {
      const std::string sev = f.value("severity", "");
      html << "<div class=\"" << severity_label(sev) << "\"><b>" << escaped(f.value("code", "")) << "</b> ("
           << severity_label(sev) << ")";
      if (f.contains("source"))
        html << " &middot; " << escaped(f.value("doc_type", "")) << " " << escaped(f.value("source", "")) << " hal. "
             << f.value("page", 0);
      if (f.contains("field")) html << " &middot; " << escaped(f.value("field", ""));
      html << "<br>kasus: <code>" << escaped(f.value("expected", "")) << "</code> &middot; terbaca: <code>"
           << escaped(f.value("found", "")) << "</code></div>";
    }
    html << "</td></tr>\n";
  }
  html << "</table>\n";
  if (!result.unassigned.empty()) {
    html << "<h2>Dokumen tanpa kasus</h2><table><tr><th>Berkas</th><th>Hal.</th><th>Jenis</th><th>Alasan</th></tr>";
    for (const auto& u : result.unassigned)
      html << "<tr><td>" << escaped(u.source) << "</td><td>" << u.page << "</td><td>" << escaped(u.doc_type)
           << "</td><td>" << escaped(reason_label(u.reason)) << "</td></tr>\n";
    html << "</table>\n";
  }
  html << "</body></html>\n";
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  std::ofstream out(file, std::ios::binary);
  if (!(out << html.str())) throw Error(ErrorCode::Io, "cannot write the report " + file.string());
}

}  // namespace berkas
