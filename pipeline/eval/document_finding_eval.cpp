#include "eval/document_finding_eval.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for_each.h>
#include <oneapi/tbb/task_arena.h>

#include <cmath>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "image/scan_reader.hpp"

namespace berkas {

std::map<std::string, FindingScore> evaluate_document_finding(const std::filesystem::path& set, int threads,
                                                              std::ostream* detail) {
  std::ifstream in(set / "truth.jsonl");
  if (!in)
    throw Error(ErrorCode::NotFound,
                (set / "truth.jsonl").string() + ": no ground truth (is this a set made by 'berkas generate'?)");
  // Truth documents grouped by file, then page.
  std::map<std::string, std::map<int, std::vector<nlohmann::json>>> truth;
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    truth[j["source"].get<std::string>()][j["page"].get<int>()].push_back(std::move(j));
  }
  std::vector<std::string> sources;
  for (const auto& [source, pages] : truth) sources.push_back(source);

  std::map<std::string, FindingScore> scores;
  std::mutex lock;
  tbb::enumerable_thread_specific<std::unique_ptr<DocumentReader>> readers;
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for_each(sources.begin(), sources.end(), [&](const std::string& source) {
      auto& reader = readers.local();
      if (!reader) reader = std::make_unique<DocumentReader>();
      auto scan = ScanReader::open(set / source);
      for (const auto& [page, docs] : truth.at(source)) {
        const DecodedPage decoded = scan->read_page(page - 1);
        const auto read = reader->read_page(decoded.image, decoded.dpi);
        std::vector<bool> used(read.size(), false);
        std::lock_guard<std::mutex> guard(lock);
        for (const auto& t : docs) {
          FindingScore& s = scores[t["capture"].get<std::string>()];
          ++s.documents;
          const cv::Rect tb(t["bbox"][0], t["bbox"][1], t["bbox"][2], t["bbox"][3]);
          int best = -1;
          double best_iou = 0;
          for (size_t i = 0; i < read.size(); ++i) {
            const cv::Rect fb = bounding_box(read[i].found.corners);
            const double iou = (tb & fb).area() / static_cast<double>((tb | fb).area());
            if (iou > best_iou) best_iou = iou, best = static_cast<int>(i);
          }
          const bool found = best_iou >= 0.75;
          double off = 360;
          if (found) {
            used[static_cast<size_t>(best)] = true;
            ++s.found;
            off = std::fmod(std::abs(rotation_on_page(read[static_cast<size_t>(best)].upright.to_page) -
                                     t["rotation"].get<double>()),
                            360.0);
            off = std::min(off, 360 - off);
            if (off < 20) ++s.upright;
          }
          if ((!found || off >= 20) && detail != nullptr)
            *detail << (found ? "not upright: " : "not found: ") << source << " page " << page << " "
                    << t["doc_type"].get<std::string>() << " (" << t["capture"].get<std::string>() << ")\n";
        }
        for (size_t i = 0; i < read.size(); ++i)
          if (!used[i]) ++scores[docs.front()["capture"].get<std::string>()].extra;
      }
    });
  });
  return scores;
}

}  // namespace berkas
