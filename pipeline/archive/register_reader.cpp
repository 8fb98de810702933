#include "archive/register_reader.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "archive/cell_value.hpp"
#include "archive/handwriting.hpp"
#include "archive/register_grid.hpp"
#include "clean/deskew.hpp"
#include "clean/document_finder.hpp"
#include "clean/document_image.hpp"
#include "clean/enhance.hpp"
#include "clean/rectify.hpp"
#include "core/error.hpp"
#include "ocr/ocr_engine.hpp"

namespace berkas {
namespace {

constexpr float kLowConfidence = 0.55f;  // below this a reading goes to review

// What OCR may read in a column of this type.
std::string whitelist_for(CellType type) {
  switch (type) {
    case CellType::Seq:
    case CellType::Nik:
    case CellType::KkNumber:
      return "0123456789";
    case CellType::Money:
      return "0123456789.,";
    case CellType::LetterNumber:
      return "0123456789/.-ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    case CellType::Name:
      return "ABCDEFGHIJKLMNOPQRSTUVWXYZ .,'-";
    default:
      return "";
  }
}

// How far the grid's column widths are from a template's: the sum of the
// differences, as shares of the table's width (large when the counts differ).
double width_error(const RegisterTemplate& t, const RegisterGrid& g) {
  if (t.columns.size() != g.columns()) return 1e9;
  const double total = g.cols.back() - g.cols.front();
  double error = 0;
  for (size_t c = 0; c < g.columns(); ++c)
    error += std::abs((g.cols[c + 1] - g.cols[c]) / total - t.columns[c].width / 1000.0);
  return error;
}

// The template whose column widths these are, or nullptr.
const RegisterTemplate* matching_template(const std::map<std::string, RegisterTemplate>& registers,
                                          const RegisterGrid& g) {
  const RegisterTemplate* best = nullptr;
  double best_error = 0.15;
  for (const auto& [_, t] : registers)
    if (const double e = width_error(t, g); e < best_error) best_error = e, best = &t;
  return best;
}

// A page upside down has its columns in reverse order: their widths fit a
// template better read from right to left.
bool upside_down(const RegisterGrid& g, const std::map<std::string, RegisterTemplate>& registers,
                 const std::string& forced) {
  RegisterGrid turned = g;
  const int left = g.cols.front(), right = g.cols.back();
  for (size_t i = 0; i < g.cols.size(); ++i) turned.cols[i] = left + right - g.cols[g.cols.size() - 1 - i];
  double as_is = 1e9, reversed = 1e9;
  for (const auto& [name, t] : registers) {
    if (!forced.empty() && name != forced) continue;
    as_is = std::min(as_is, width_error(t, g));
    reversed = std::min(reversed, width_error(t, turned));
  }
  return reversed + 0.02 < as_is;
}

// A cell's words as one line. Marks with no letter or digit, and short
// doubtful words at either end, are specks and rule remains, not writing.
// The confidence is the least sure word's: one doubtful word makes the cell doubtful.
std::string line_text(std::vector<OcrWord> words, float& confidence) {
  auto debris = [](const OcrWord& w) {
    return std::none_of(w.text.begin(), w.text.end(), [](unsigned char c) { return std::isalnum(c); });
  };
  std::erase_if(words, debris);
  auto specks = [](const OcrWord& w) { return w.text.size() <= 2 && w.confidence < 0.6f; };
  while (words.size() > 1 && specks(words.back())) words.pop_back();
  while (words.size() > 1 && specks(words.front())) words.erase(words.begin());
  std::string text;
  confidence = words.empty() ? 0.0f : 1.0f;
  for (const auto& w : words) {
    text += (text.empty() ? "" : " ") + w.text;
    confidence = std::min(confidence, w.confidence);
  }
  return text;
}

// The cell cut out square, with the rules around it left behind.
cv::Mat cut_cell(const cv::Mat& image, const std::array<cv::Point2f, 4>& q) {
  const float w = (cv::norm(q[1] - q[0]) + cv::norm(q[2] - q[3])) / 2;
  const float h = (cv::norm(q[3] - q[0]) + cv::norm(q[2] - q[1])) / 2;
  if (w < 8 || h < 8) return {};
  const std::array<cv::Point2f, 4> dst{cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h), cv::Point2f(0, h)};
  cv::Mat cell;
  cv::warpPerspective(image, cell, cv::getPerspectiveTransform(q.data(), dst.data()),
                      cv::Size(static_cast<int>(w), static_cast<int>(h)), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  const int ix = std::max(5, static_cast<int>(w * 0.015)), iy = std::max(4, static_cast<int>(h * 0.07));
  if (cell.cols <= 2 * ix + 4 || cell.rows <= 2 * iy + 4) return {};
  return cell(cv::Rect(ix, iy, cell.cols - 2 * ix, cell.rows - 2 * iy)).clone();
}

// Rows or columns at the cell's edges that are mostly ink are what is left of
// a rule: they are whitened.
void erase_rule_remains(cv::Mat& ink) {
  const int depth = std::max(3, ink.rows / 10);
  for (int i = 0; i < depth; ++i)
    for (int y : {i, ink.rows - 1 - i})
      if (cv::countNonZero(ink.row(y)) > ink.cols / 3) ink.row(y).setTo(0);
  for (int i = 0; i < depth; ++i)
    for (int x : {i, ink.cols - 1 - i})
      if (cv::countNonZero(ink.col(x)) > ink.rows / 2) ink.col(x).setTo(0);
  // Pieces of a vertical rule cross the band: thin marks touching its top or
  // bottom. Writing stays inside the band.
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  for (int i = 1; i < n; ++i) {
    const int top = stats.at<int>(i, cv::CC_STAT_TOP), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    if ((top == 0 || top + h == ink.rows) && w <= std::max(6, ink.rows / 15)) ink.setTo(0, labels == i);
  }
}

// Ink of a cell: darker than the paper by a clear margin (Otsu's threshold
// within the cell, so thin grey typewriter strokes in a photo survive). A
// cell of paper only has no such margin and no ink.
cv::Mat cell_ink(const cv::Mat& grey) {
  cv::Mat ink;
  const double t = cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const double paper = cv::mean(grey, 255 - ink)[0], dark = cv::mean(grey, ink)[0];
  if (paper - dark < 35 || paper - t < 15) ink.setTo(0);
  return ink;
}

}  // namespace

RegisterReader::RegisterReader(const std::map<std::string, RegisterTemplate>& registers)
    : registers_(registers), ocr_(std::make_unique<OcrEngine>("ind")), codes_ocr_(std::make_unique<OcrEngine>("eng")) {}

RegisterReader::~RegisterReader() = default;

RegisterPageReading RegisterReader::read(const cv::Mat& page, double dpi, int reference_year,
                                         const std::string& register_name) {
  RegisterPageReading out;
  // The paper: a photographed book page is cut out and flattened; a scan is the page.
  DocumentImage doc{page, cv::Matx33d::eye(), dpi > 0 ? static_cast<int>(dpi) : 300};
  const FoundDocument* sheet = nullptr;
  const auto found = find_documents(page);
  for (const auto& f : found)
    if (f.shape == DocumentShape::Sheet && !f.whole_page &&
        (!sheet || bounding_box(f.corners).area() > bounding_box(sheet->corners).area()))
      sheet = &f;
  const bool photo = sheet != nullptr;
  if (sheet) {
    // A photo: the table's own outline is flattened (the paper's edge may be
    // lost in the shadow of the spine); the paper's when no table shows.
    // Turned straight by the paper's top edge first: the rules are found
    // as straight runs.
    const auto& p = sheet->corners;
    const double tilt = std::atan2(p[1].y - p[0].y, p[1].x - p[0].x) * 180.0 / CV_PI;
    const DocumentImage straight = rotate_small(DocumentImage{page, cv::Matx33d::eye(), 300}, tilt, cv::Scalar::all(0));
    const cv::Mat page_gray = flatten_illumination(to_gray(straight.image));
    if (const auto corners = find_table_corners(page_gray)) {
      const auto& q = *corners;
      const double w = std::max(cv::norm(q[1] - q[0]), cv::norm(q[2] - q[3]));
      const double h = std::max(cv::norm(q[3] - q[0]), cv::norm(q[2] - q[1]));
      const double scale = 3150.0 / std::max(w, h);  // the table's width in a 300 dpi scan
      const float W = static_cast<float>(w * scale), H = static_cast<float>(h * scale), m = 40;
      const std::array<cv::Point2f, 4> to{cv::Point2f(m, m), cv::Point2f(m + W, m), cv::Point2f(m + W, m + H),
                                          cv::Point2f(m, m + H)};
      const cv::Mat forward = cv::getPerspectiveTransform(q.data(), to.data());
      cv::Mat flat;
      cv::warpPerspective(straight.image, flat, forward,
                          cv::Size(static_cast<int>(W + 2 * m), static_cast<int>(H + 2 * m)), cv::INTER_CUBIC,
                          cv::BORDER_REPLICATE);
      doc = DocumentImage{flat, straight.to_page * cv::Matx33d(cv::Mat(forward.inv())), 300};
    } else {
      doc = rectify(page, *sheet, dpi);
    }
  }

  auto grey_of = [](const DocumentImage& d) { return flatten_illumination(to_gray(d.image)); };
  cv::Mat gray = grey_of(doc);
  // Rows run across the page: a page lying on its side is turned first.
  const RuleLengths lengths = rule_lengths(gray);
  if (lengths.vertical > 1.2 * lengths.horizontal) {
    doc = rotate_quarters_ccw(doc, 1);
    gray = grey_of(doc);
    out.rotation = 90;
  }
  // The rules are found with long straight runs: a page askew is straightened first.
  const double skew = estimate_skew(gray, 8.0);
  if (std::abs(skew) > 0.15) {
    doc = rotate_small(doc, -skew, cv::Scalar::all(255));
    gray = grey_of(doc);
  }
  auto grid = find_register_grid(gray);
  if (grid && upside_down(*grid, registers_, register_name)) {
    doc = rotate_quarters_ccw(doc, 2);
    gray = grey_of(doc);
    grid = find_register_grid(gray);
    out.rotation = (out.rotation + 180) % 360;
  }
  // BERKAS_REGISTER_DEBUG=<folder>: each page as it was read, with the grid
  // found drawn on it, for finding out why a page gave no rows.
  if (const char* folder = std::getenv("BERKAS_REGISTER_DEBUG"); folder != nullptr && *folder != '\0') {
    static std::atomic<int> pages{0};
    cv::Mat view;
    cv::cvtColor(gray, view, cv::COLOR_GRAY2BGR);
    if (grid) {
      for (int x : grid->cols) cv::line(view, {x, 0}, {x, view.rows}, {0, 0, 255}, 3);
      for (size_t c = 0; c < grid->columns(); ++c)
        for (const auto& r : grid->rules[c])
          cv::line(view, cv::Point(grid->cols[c], static_cast<int>(r[0])),
                   cv::Point(grid->cols[c + 1], static_cast<int>(r[1])), {255, 0, 0}, 3);
    }
    cv::imwrite(std::string(folder) + "/register-page-" + std::to_string(++pages) + ".jpg", view);
  }
  if (!grid || grid->bands() < 2) {
    out.problem = "no ruled table found";
    return out;
  }
  const RegisterTemplate* t = nullptr;
  if (!register_name.empty()) {
    const auto it = registers_.find(register_name);
    if (it == registers_.end()) throw Error(ErrorCode::InvalidArgument, "no register template '" + register_name + "'");
    t = &it->second;
    if (t->columns.size() != grid->columns()) {
      out.problem = "the table has " + std::to_string(grid->columns()) + " columns; register " + register_name +
                    " has " + std::to_string(t->columns.size());
      return out;
    }
  } else {
    t = matching_template(registers_, *grid);
    if (!t) {
      out.problem = "the table's " + std::to_string(grid->columns()) + " columns match no register template";
      return out;
    }
  }
  out.register_name = t->name;

  const bool colour = doc.image.channels() == 3;
  int previous_no = -1;
  for (size_t band = 1; band < grid->bands(); ++band) {
    RegisterRowReading row;
    bool filled = false;
    for (size_t c = 0; c < grid->columns(); ++c) {
      const RegisterColumn& col = t->columns[c];
      const auto quad = grid->cell(band, c);
      RegisterCellReading cell;
      cell.box = map_box(doc.to_page, cv::boundingRect(std::vector<cv::Point2f>(quad.begin(), quad.end())));
      row.box |= cell.box;
      cv::Mat grey_cell = cut_cell(gray, quad);
      if (grey_cell.empty()) {
        row.cells[col.name] = cell;
        continue;
      }
      cv::Mat ink = cell_ink(grey_cell);
      erase_rule_remains(ink);
      // Specks of a copy are no writing: a cell needs a mark of a letter's size.
      cv::Mat labels, stats, centroids;
      const int marks = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
      bool letter = false;
      for (int i = 1; i < marks && !letter; ++i)
        letter = stats.at<int>(i, cv::CC_STAT_HEIGHT) >= ink.rows / 6 && stats.at<int>(i, cv::CC_STAT_AREA) >= 25;
      const cv::Rect ink_box = cv::boundingRect(ink);
      if (!letter || cv::countNonZero(ink) < 0.004 * ink.total() || ink_box.height < ink.rows / 5) {
        row.cells[col.name] = cell;  // empty
        continue;
      }
      filled = true;
      // Handwriting: the letters' lean, and blue ink on a colour page.
      const cv::Mat colour_cell = colour ? cut_cell(doc.image, quad) : grey_cell;
      const InkShape shape = ink_shape(colour_cell, ink);
      // Tesseract reads best with a margin around the line and letters ~40 px tall.
      const int pad = 10;
      const cv::Rect crop =
          (ink_box + cv::Size(2 * pad, 2 * pad) - cv::Point(pad, pad)) & cv::Rect(0, 0, ink.cols, ink.rows);
      // Read twice when the first reading is doubtful: the clean black and
      // white image suits print, the grey one blurred copies and photos.
      auto read_from = [&](cv::Mat text, float& confidence) {
        const double scale = std::clamp(40.0 / std::max(1, ink_box.height), 1.0, 3.0);
        if (scale > 1.05) cv::resize(text, text, {}, scale, scale, cv::INTER_CUBIC);
        cv::copyMakeBorder(text, text, pad, pad, pad, pad, cv::BORDER_CONSTANT, cv::Scalar(255));
        // Numbers and codes with the English model: the Indonesian one reads
        // a leading 7 or 4 as 1 in some faces.
        OcrEngine& engine = col.type == CellType::Name || col.type == CellType::Text ? *ocr_ : *codes_ocr_;
        return line_text(engine.words(text, Segmentation::Line, 300, whitelist_for(col.type)), confidence);
      };
      // A photo's grey tells thin strokes apart better than any threshold.
      const cv::Mat first = photo ? cv::Mat(grey_cell(crop).clone()) : cv::Mat(255 - ink(crop));
      const cv::Mat second = photo ? cv::Mat(255 - ink(crop)) : cv::Mat(grey_cell(crop).clone());
      cell.text = read_from(first, cell.confidence);
      CellValue v = normalize_cell(col.type, cell.text, reference_year);
      if (!v.valid || cell.confidence < kLowConfidence) {
        float confidence = 0;
        const std::string text = read_from(second, confidence);
        const CellValue other = normalize_cell(col.type, text, reference_year);
        if ((other.valid && !v.valid) || (other.valid == v.valid && confidence > cell.confidence))
          cell.text = text, cell.confidence = confidence, v = other;
      }
      cell.value = v.value;
      if (looks_handwritten(shape)) {
        cell.review = true, cell.reason = "written by hand";
      } else if (!v.valid) {
        cell.review = true, cell.reason = v.reason;
      } else if (cell.confidence < kLowConfidence) {
        cell.review = true, cell.reason = "low confidence";
      }
      if (col.type == CellType::Seq && v.valid) {
        const int no = std::stoi(v.value);
        if (previous_no >= 0 && no != previous_no + 1 && !cell.review)
          cell.review = true, cell.reason = "row number out of sequence";
        previous_no = no;
      }
      row.cells[col.name] = cell;
    }
    if (!filled) continue;
    row.row = static_cast<int>(out.rows.size()) + 1;
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace berkas
