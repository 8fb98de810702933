#include "painter.hpp"

#include <cmath>
#include <map>
#include <opencv2/imgproc.hpp>

namespace berkas::samples {
namespace {

const std::string kDejavu = "/usr/share/fonts/truetype/dejavu/";
const std::string kLiberation = "/usr/share/fonts/truetype/liberation/";
const std::string kFree = "/usr/share/fonts/truetype/freefont/";

const std::vector<FontFamily> kSans{
    {kLiberation + "LiberationSans-Regular.ttf", kLiberation + "LiberationSans-Bold.ttf",
     kLiberation + "LiberationSans-Italic.ttf"},
    {kDejavu + "DejaVuSans.ttf", kDejavu + "DejaVuSans-Bold.ttf", kDejavu + "DejaVuSans-Oblique.ttf"},
    {kFree + "FreeSans.ttf", kFree + "FreeSansBold.ttf", kFree + "FreeSansOblique.ttf"},
    {kDejavu + "DejaVuSansCondensed.ttf", kDejavu + "DejaVuSansCondensed-Bold.ttf",
     kDejavu + "DejaVuSansCondensed-Oblique.ttf"},
};
const std::vector<FontFamily> kSerif{
    {kLiberation + "LiberationSerif-Regular.ttf", kLiberation + "LiberationSerif-Bold.ttf",
     kLiberation + "LiberationSerif-Italic.ttf"},
    {kDejavu + "DejaVuSerif.ttf", kDejavu + "DejaVuSerif-Bold.ttf", kDejavu + "DejaVuSerif-Italic.ttf"},
    {kFree + "FreeSerif.ttf", kFree + "FreeSerifBold.ttf", kFree + "FreeSerifItalic.ttf"},
};
const std::vector<FontFamily> kMono{
    {kLiberation + "LiberationMono-Regular.ttf", kLiberation + "LiberationMono-Bold.ttf",
     kLiberation + "LiberationMono-Italic.ttf"},
    {kDejavu + "DejaVuSansMono.ttf", kDejavu + "DejaVuSansMono-Bold.ttf", kDejavu + "DejaVuSansMono-Oblique.ttf"},
    {kFree + "FreeMono.ttf", kFree + "FreeMonoBold.ttf", kFree + "FreeMonoOblique.ttf"},
};

// One loaded face per file; the generator is single-threaded.
cv::freetype::FreeType2& face(const FontFamily& family, Style style) {
  static std::map<std::string, cv::Ptr<cv::freetype::FreeType2>> cache;
  const std::string& path = style == Style::Bold     ? family.bold
                            : style == Style::Italic ? family.italic
                                                     : family.regular;
  auto it = cache.find(path);
  if (it == cache.end()) {
    auto ft = cv::freetype::createFreeType2();
    ft->loadFontData(path, 0);
    it = cache.emplace(path, ft).first;
  }
  return *it->second;
}

}  // namespace

const FontFamily& sans_family(int index) { return kSans[static_cast<size_t>(index) % kSans.size()]; }
const FontFamily& serif_family(int index) { return kSerif[static_cast<size_t>(index) % kSerif.size()]; }
const FontFamily& mono_family(int index) { return kMono[static_cast<size_t>(index) % kMono.size()]; }

cv::Rect2f unite(const cv::Rect2f& a, const cv::Rect2f& b) {
  if (a.area() <= 0) return b;
  if (b.area() <= 0) return a;
  return a | b;
}

cv::Rect2f Painter::text(std::string_view text, cv::Point origin, const FontFamily& family, Style style, int height,
                         cv::Scalar color) {
  if (text.empty()) return {};
  auto& ft = face(family, style);
  const std::string s(text);
  int baseline = 0;
  cv::Size size = ft.getTextSize(s, height, -1, &baseline);
  ft.putText(image_, s, origin, height, color, -1, cv::LINE_AA, true);
  return cv::Rect2f(static_cast<float>(origin.x), static_cast<float>(origin.y - size.height),
                    static_cast<float>(size.width), static_cast<float>(size.height + baseline));
}

int Painter::width(std::string_view text, const FontFamily& family, Style style, int height) {
  int baseline = 0;
  return face(family, style).getTextSize(std::string(text), height, -1, &baseline).width;
}

cv::Rect2f Painter::text_centered(std::string_view s, int center_x, int baseline_y, const FontFamily& family,
                                  Style style, int height, cv::Scalar color) {
  return text(s, {center_x - width(s, family, style, height) / 2, baseline_y}, family, style, height, color);
}

cv::Rect2f Painter::text_right(std::string_view s, int right_x, int baseline_y, const FontFamily& family, Style style,
                               int height, cv::Scalar color) {
  return text(s, {right_x - width(s, family, style, height), baseline_y}, family, style, height, color);
}

void Painter::signature(Rng& rng, cv::Rect area, cv::Scalar ink) {
  // A few smooth loops drifting left to right, like a hurried signature.
  std::vector<cv::Point> pts;
  const int steps = 90;
  double phase = rng.real(0, 6.28), freq = rng.real(0.25, 0.5), amp = area.height * rng.real(0.25, 0.45);
  for (int i = 0; i < steps; ++i) {
    const double t = static_cast<double>(i) / steps;
    const double x = area.x + area.width * (t + 0.08 * std::sin(i * freq * 2.1 + phase));
    const double y = area.y + area.height / 2.0 + amp * std::sin(i * freq + phase) * (1.0 - 0.5 * t);
    pts.emplace_back(static_cast<int>(x), static_cast<int>(y));
  }
  cv::polylines(image_, pts, false, ink, std::max(2, area.height / 25), cv::LINE_AA);
  cv::line(image_, {area.x + area.width / 5, area.y + area.height * 3 / 4},
           {area.x + area.width, area.y + area.height * 2 / 3}, ink, std::max(2, area.height / 30), cv::LINE_AA);
}

void Painter::stamp(Rng& rng, cv::Point center, int radius, std::string_view rim_text, std::string_view middle,
                    cv::Scalar ink) {
  // Stamps are drawn on a separate layer and multiplied in, so text under
  // them stays visible as with real ink.
  cv::Mat layer(image_.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  Painter p(layer);
  cv::circle(layer, center, radius, ink, std::max(3, radius / 25), cv::LINE_AA);
  cv::circle(layer, center, radius * 7 / 10, ink, std::max(2, radius / 40), cv::LINE_AA);
  const int h = radius / 6;
  // Letters sit a fixed arc apart, as on a real rubber stamp.
  const double step = std::min(h * 0.95 / (radius * 0.84), 2.0 * 3.14159 * 0.9 / std::max<size_t>(1, rim_text.size()));
  double angle = -3.14159 / 2 - step * rim_text.size() / 2.0;
  for (char c : rim_text) {
    const cv::Point at(center.x + static_cast<int>(std::cos(angle) * radius * 0.84) - h / 3,
                       center.y + static_cast<int>(std::sin(angle) * radius * 0.84) + h / 3);
    p.text(std::string(1, c), at, sans_family(0), Style::Bold, h, ink);
    angle += step;
  }
  p.text_centered(middle, center.x, center.y + h / 2, sans_family(0), Style::Bold, h, ink);
  const double tilt = rng.real(-25, 25);
  cv::Mat rot = cv::getRotationMatrix2D(center, tilt, 1.0);
  cv::warpAffine(layer, layer, rot, layer.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255, 255, 255));
  cv::Mat fimg, flayer;
  image_.convertTo(fimg, CV_32F);
  layer.convertTo(flayer, CV_32F, 1.0 / 255.0);
  cv::multiply(fimg, flayer, fimg);
  fimg.convertTo(image_, CV_8U);
}

void Painter::rule(cv::Point a, cv::Point b, int thickness, cv::Scalar color) {
  cv::line(image_, a, b, color, thickness, cv::LINE_8);
}

std::vector<std::string> wrap_words(Painter& painter, std::string_view text, const FontFamily& family, Style style,
                                    int height, int max_width) {
  std::vector<std::string> lines;
  std::string line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string word(text.substr(pos, end - pos));
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && painter.width(candidate, family, style, height) > max_width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
    pos = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace berkas::samples
