#include "eval/set_reading.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for_each.h>
#include <oneapi/tbb/task_arena.h>

#include <fstream>
#include <map>
#include <mutex>

#include "core/error.hpp"
#include "image/scan_reader.hpp"

namespace berkas {

double box_iou(const cv::Rect& a, const cv::Rect& b) {
  const int u = (a | b).area();
  return u == 0 ? 0 : (a & b).area() / static_cast<double>(u);
}

void compare_set_pages(const std::filesystem::path& set, int threads,
                       const std::function<void(const PageComparison&)>& on_page, const CleanupSettings& settings) {
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
        const auto read = reader->read_page(decoded.image, decoded.dpi, settings);
        PageComparison c{source, page, docs, read, std::vector<int>(docs.size(), -1)};
        std::vector<bool> used(read.size(), false);
        for (size_t t = 0; t < docs.size(); ++t) {
          const auto& b = docs[t]["bbox"];
          const cv::Rect tb(b[0], b[1], b[2], b[3]);
          int best = -1;
          double best_iou = 0;
          for (size_t i = 0; i < read.size(); ++i) {
            const double iou = box_iou(tb, bounding_box(read[i].found.corners));
            if (!used[i] && iou > best_iou) best_iou = iou, best = static_cast<int>(i);
          }
          if (best_iou >= 0.75) {
            c.match[t] = best;
            used[static_cast<size_t>(best)] = true;
          }
        }
        std::lock_guard<std::mutex> guard(lock);
        on_page(c);
      }
    });
  });
}

}  // namespace berkas
