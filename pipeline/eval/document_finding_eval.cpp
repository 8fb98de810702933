#include "eval/document_finding_eval.hpp"

#include <cmath>

#include "eval/set_reading.hpp"

namespace berkas {

std::map<std::string, FindingScore> evaluate_document_finding(const std::filesystem::path& set, int threads,
                                                              std::ostream* detail) {
  std::map<std::string, FindingScore> scores;
  compare_set_pages(set, threads, [&](const PageComparison& c) {
    size_t matched = 0;
    for (size_t t = 0; t < c.truth.size(); ++t) {
      const auto& truth = c.truth[t];
      FindingScore& s = scores[truth["capture"].get<std::string>()];
      ++s.documents;
      const bool found = c.match[t] >= 0;
      double off = 360;
      if (found) {
        ++s.found;
        ++matched;
        off = std::fmod(std::abs(rotation_on_page(c.read[static_cast<size_t>(c.match[t])].upright.to_page) -
                                 truth["rotation"].get<double>()),
                        360.0);
        off = std::min(off, 360 - off);
        if (off < 20) ++s.upright;
      }
      if ((!found || off >= 20) && detail != nullptr)
        *detail << (found ? "not upright: " : "not found: ") << c.source << " page " << c.page << " "
                << truth["doc_type"].get<std::string>() << " (" << truth["capture"].get<std::string>() << ")\n";
    }
    scores[c.truth.front()["capture"].get<std::string>()].extra += static_cast<int>(c.read.size() - matched);
  });
  return scores;
}

}  // namespace berkas
