#include "name_variants.hpp"

#include <functional>
#include <sstream>
#include <vector>

namespace berkas::samples {
namespace {

std::vector<std::string> words_of(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> w;
  for (std::string x; in >> x;) w.push_back(x);
  return w;
}

std::string join(const std::vector<std::string>& w) {
  std::string out;
  for (const auto& x : w) out += (out.empty() ? "" : " ") + x;
  return out;
}

bool replace_first(std::string& s, const std::string& from, const std::string& to) {
  const auto pos = s.find(from);
  if (pos == std::string::npos) return false;
  s.replace(pos, from.size(), to);
  return true;
}

}  // namespace

std::pair<std::string, std::string> honest_name_variant(Rng& rng, const std::string& name, char sex) {
  using Rule = std::function<bool(std::string&)>;
  const std::vector<std::pair<std::string, Rule>> rules{
      {"abbreviated Muhammad",
       [&](std::string& s) {
         static const char* forms[] = {"MOH.", "MUH.", "M.", "MOCH."};
         return replace_first(s, "MUHAMMAD", forms[rng.uniform(0, 3)]);
       }},
      {"old spelling oe/u",
       [](std::string& s) {
         for (size_t i = 0; i + 1 < s.size(); ++i)
           if (s[i] == 'U' && i > 0 && s[i - 1] != ' ' && s[i - 1] != 'O') {
             s.replace(i, 1, "OE");
             return true;
           }
         return false;
       }},
      {"old spelling dj/j", [](std::string& s) { return replace_first(s, "J", "DJ"); }},
      {"old spelling tj/c", [](std::string& s) { return replace_first(s, "C", "TJ"); }},
      {"old spelling sj/sy", [](std::string& s) { return replace_first(s, "SY", "SJ"); }},
      {"kh/ch", [](std::string& s) { return replace_first(s, "KH", "CH"); }},
      {"title added",
       [&](std::string& s) {
         s = (sex == 'F' ? "HJ. " : "H. ") + s;
         return true;
       }},
      {"joined words",
       [](std::string& s) {
         auto w = words_of(s);
         for (size_t i = 0; i + 1 < w.size(); ++i)
           if (w[i].size() <= 4 && w[i].back() != '.') {
             w[i] += w[i + 1];
             w.erase(w.begin() + static_cast<long>(i) + 1);
             s = join(w);
             return true;
           }
         return false;
       }},
      {"dropped middle name",
       [](std::string& s) {
         auto w = words_of(s);
         if (w.size() < 3) return false;
         w.erase(w.begin() + 1);
         s = join(w);
         return true;
       }},
      {"doubled letter",
       [](std::string& s) {
         for (size_t i = 1; i + 1 < s.size(); ++i)
           if (s[i] == s[i + 1] && s[i] != ' ') {
             s.erase(i, 1);
             return true;
           }
         for (size_t i = 2; i + 2 < s.size(); ++i)
           if (std::string("LNMRT").find(s[i]) != std::string::npos && s[i - 1] != ' ' && s[i + 1] != ' ') {
             s.insert(i, 1, s[i]);
             return true;
           }
         return false;
       }},
  };
  // Try rules from a random start until one applies.
  const size_t start = static_cast<size_t>(rng.uniform(0, static_cast<int>(rules.size()) - 1));
  for (size_t k = 0; k < rules.size(); ++k) {
    const auto& [label, rule] = rules[(start + k) % rules.size()];
    std::string s = name;
    if (rule(s) && s != name) return {s, label};
  }
  return {name, ""};
}

}  // namespace berkas::samples
