#include "letters/letter_number.hpp"

#include <array>
#include <cstdio>
#include <pqxx/pqxx>

#include "core/error.hpp"

namespace berkas {

std::string format_letter_number(const std::string& pattern, const std::map<std::string, std::string>& values, int seq,
                                 int year, int month) {
  static const std::array<const char*, 12> kRoman{"I",   "II",   "III", "IV", "V",  "VI",
                                                  "VII", "VIII", "IX",  "X",  "XI", "XII"};
  std::string out;
  bool has_seq = false;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] != '{') {
      out += pattern[i++];
      continue;
    }
    const size_t close = pattern.find('}', i);
    if (close == std::string::npos)
      throw Error(ErrorCode::InvalidArgument, "letter number pattern '" + pattern + "': unclosed '{'");
    std::string name = pattern.substr(i + 1, close - i - 1);
    i = close + 1;
    if (name == "seq" || name.rfind("seq:", 0) == 0) {
      const int width = name.size() > 4 ? std::stoi(name.substr(4)) : 0;
      char buf[32];
      std::snprintf(buf, sizeof buf, "%0*d", width, seq);
      out += buf;
      has_seq = true;
    } else if (name == "year") {
      out += std::to_string(year);
    } else if (name == "month") {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%02d", month);
      out += buf;
    } else if (name == "month_roman") {
      if (month < 1 || month > 12) throw Error(ErrorCode::InvalidArgument, "month out of range");
      out += kRoman[static_cast<size_t>(month - 1)];
    } else if (auto it = values.find(name); it != values.end()) {
      out += it->second;
    } else {
      throw Error(ErrorCode::InvalidArgument, "letter number pattern '" + pattern + "': unknown {" + name + "}");
    }
  }
  if (!has_seq) throw Error(ErrorCode::InvalidArgument, "letter number pattern '" + pattern + "' has no {seq}");
  return out;
}

int next_letter_serial(pqxx::transaction_base& txn, const std::string& kind, int year) {
  return txn
      .exec_params1(
          "INSERT INTO letter_counters (kind, year, last_seq) VALUES ($1, $2, 1) ON CONFLICT (kind, year) DO "
          "UPDATE SET last_seq = letter_counters.last_seq + 1 RETURNING last_seq",
          kind, year)[0]
      .as<int>();
}

}  // namespace berkas
