#include "eval/pdf_text_eval.hpp"

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "core/error.hpp"
#include "image/scan_reader.hpp"

namespace berkas {
namespace {

using json = nlohmann::json;

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw Error(ErrorCode::Io, "cannot run " + command);
  std::string out;
  char buffer[1 << 14];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) out.append(buffer, got);
  if (pclose(pipe.release()) != 0) throw Error(ErrorCode::Io, "failed: " + command);
  return out;
}

std::string quoted(const std::filesystem::path& p) {
  std::string out = "'";
  for (char c : p.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string unescape(std::string s) {
  static const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, strlen(from), to);
  return s;
}

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

std::vector<std::vector<PdfWord>> pdf_words(const std::filesystem::path& pdf,
                                            const std::vector<cv::Size>& image_sizes) {
  // pdfinfo: each page's size in points and /Rotate; pdftotext's boxes are
  // in points on the page as displayed (turned by /Rotate).
  const std::string info = run("pdfinfo -f 1 -l 100000 " + quoted(pdf) + " 2>/dev/null");
  std::map<int, int> rotation;
  std::map<int, cv::Size2d> size;
  const std::regex rot_line(R"(Page\s+(\d+) rot:\s+(\d+))"), size_line(R"(Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+))");
  for (std::sregex_iterator it(info.begin(), info.end(), rot_line), end; it != end; ++it)
    rotation[std::stoi((*it)[1])] = std::stoi((*it)[2]);
  for (std::sregex_iterator it(info.begin(), info.end(), size_line), end; it != end; ++it)
    size[std::stoi((*it)[1])] = {std::stod((*it)[2]), std::stod((*it)[3])};

  const std::string xml = run("pdftotext -bbox " + quoted(pdf) + " - 2>/dev/null");
  std::vector<std::vector<PdfWord>> pages;
  const std::regex word(
      R"re(<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>)re");
  size_t at = 0;
  while ((at = xml.find("<page ", at)) != std::string::npos) {
    const size_t end = std::min(xml.find("</page>", at), xml.size());
    const int number = static_cast<int>(pages.size()) + 1;
    pages.emplace_back();
    const size_t index = pages.size() - 1;
    if (index < image_sizes.size() && size.count(number)) {
      const cv::Size image = image_sizes[index];
      const double k = image.width / size[number].width;  // pixels per point
      const int rot = rotation[number];
      const std::string body = xml.substr(at, end - at);
      for (std::sregex_iterator it(body.begin(), body.end(), word), stop; it != stop; ++it) {
        // Displayed pixels -> stored pixels: undo the clockwise turn.
        const double u0 = std::stod((*it)[1]) * k, v0 = std::stod((*it)[2]) * k;
        const double u1 = std::stod((*it)[3]) * k, v1 = std::stod((*it)[4]) * k;
        const auto back = [&](double u, double v) -> cv::Point2d {
          switch (rot) {
            case 90:
              return {v, image.height - u};
            case 180:
              return {image.width - u, image.height - v};
            case 270:
              return {image.width - v, u};
            default:
              return {u, v};
          }
        };
        const cv::Point2d a = back(u0, v0), b = back(u1, v1);
        pages[index].push_back({unescape((*it)[5]), cv::Rect2d(cv::Point2d(std::min(a.x, b.x), std::min(a.y, b.y)),
                                                               cv::Point2d(std::max(a.x, b.x), std::max(a.y, b.y)))});
      }
    }
    at = end;
  }
  return pages;
}

std::map<std::string, PdfTextScore> evaluate_pdf_text(const std::filesystem::path& set,
                                                      const std::filesystem::path& pdfs, double tolerance,
                                                      std::ostream* detail) {
  std::ifstream in(set / "truth.jsonl");
  if (!in) throw Error(ErrorCode::NotFound, (set / "truth.jsonl").string() + ": no ground truth in this folder");
  std::map<std::string, PdfTextScore> scores;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const json truth = json::parse(line);
    const std::string source = truth["source"];
    const std::string capture = truth.value("capture", "");
    const std::filesystem::path pdf =
        pdfs / std::filesystem::path(source).lexically_relative("scans").replace_extension(".pdf");
    // The printed words, each with the box of the text it belongs to.
    std::vector<std::pair<std::string, cv::Rect2d>> printed;
    const auto add = [&](const json& f) {
      if (f.value("handwritten", false)) return;
      const auto& b = f["bbox"];
      const cv::Rect2d box(b[0].get<double>(), b[1].get<double>(), b[2].get<double>(), b[3].get<double>());
      for (const auto& w : split_words(f.value("printed", f.value("value", "")))) printed.emplace_back(w, box);
    };
    if (truth.contains("fields"))
      for (const auto& [_, f] : truth["fields"].items()) add(f);
    if (truth.contains("tables"))
      for (const auto& [_, rows] : truth["tables"].items())
        for (const auto& row : rows)
          for (const auto& [__, cell] : row.items()) add(cell);

    std::vector<PdfWord> words;
    bool missing = false;
    try {
      // The scan's own size (the truth's bbox is the document on it).
      const cv::Size image = ScanReader::open(set / source)->read_page(0).image.size();
      const auto pages = pdf_words(pdf, {image});
      if (pages.empty())
        missing = true;
      else
        words = pages.front();
    } catch (const Error& e) {
      missing = true;
      if (detail) *detail << source << ": " << e.what() << "\n";
    }
    std::vector<bool> used(words.size(), false);
    for (const std::string& c : {capture, std::string("all")}) {
      ++scores[c].pages;
      if (missing) ++scores[c].pages_missing;
    }
    // Words in place first, then the rest anywhere on the page: a word
    // found out of place must not take the copy that belongs to another.
    std::vector<int> placed(printed.size(), -1), anywhere(printed.size(), -1);
    for (size_t t = 0; t < printed.size(); ++t) {
      const cv::Rect2d& box = printed[t].second;
      const cv::Rect2d around(box.x - tolerance, box.y - tolerance, box.width + 2 * tolerance,
                              box.height + 2 * tolerance);
      for (size_t i = 0; i < words.size(); ++i)
        if (!used[i] && words[i].text == printed[t].first &&
            (words[i].box & around).area() >= words[i].box.area() - 1e-6) {
          used[i] = true;
          placed[t] = static_cast<int>(i);
          break;
        }
    }
    for (size_t t = 0; t < printed.size(); ++t) {
      if (placed[t] >= 0) continue;
      for (size_t i = 0; i < words.size(); ++i)
        if (!used[i] && words[i].text == printed[t].first) {
          used[i] = true;
          anywhere[t] = static_cast<int>(i);
          break;
        }
    }
    for (size_t t = 0; t < printed.size(); ++t) {
      for (const std::string& c : {capture, std::string("all")}) {
        ++scores[c].found.total;
        ++scores[c].in_place.total;
        if (placed[t] >= 0 || anywhere[t] >= 0) ++scores[c].found.right;
        if (placed[t] >= 0) ++scores[c].in_place.right;
      }
      if (detail && placed[t] < 0)
        *detail << source << ": '" << printed[t].first << "' "
                << (anywhere[t] >= 0 ? "found out of place" : "not found") << "\n";
    }
  }
  return scores;
}

}  // namespace berkas
