// Text and marks on a document image: TrueType text through OpenCV's
// FreeType module (fonts from Debian's dejavu, liberation and freefont
// packages), signatures, stamps and rules.
#pragma once

#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/freetype.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "rng.hpp"

namespace berkas::samples {

enum class Style { Regular, Bold, Italic };

// A family of faces: one per style.
struct FontFamily {
  std::string regular, bold, italic;
};

const FontFamily& sans_family(int index);   // 0..3
const FontFamily& serif_family(int index);  // 0..2
const FontFamily& mono_family(int index);   // 0..2

class Painter {
 public:
  explicit Painter(cv::Mat& image) : image_(image) {}

  // Draws `text` with its baseline starting at `origin`; returns the ink box.
  cv::Rect2f text(std::string_view text, cv::Point origin, const FontFamily& family, Style style, int height,
                  cv::Scalar color = cv::Scalar(30, 30, 30));
  // Width of `text` in pixels.
  int width(std::string_view text, const FontFamily& family, Style style, int height);
  cv::Rect2f text_centered(std::string_view text, int center_x, int baseline_y, const FontFamily& family, Style style,
                           int height, cv::Scalar color = cv::Scalar(30, 30, 30));
  cv::Rect2f text_right(std::string_view text, int right_x, int baseline_y, const FontFamily& family, Style style,
                        int height, cv::Scalar color = cv::Scalar(30, 30, 30));

  void signature(Rng& rng, cv::Rect area, cv::Scalar ink);
  // A round rubber stamp with text around the rim.
  void stamp(Rng& rng, cv::Point center, int radius, std::string_view rim_text, std::string_view middle,
             cv::Scalar ink);
  void rule(cv::Point a, cv::Point b, int thickness, cv::Scalar color = cv::Scalar(30, 30, 30));

  cv::Mat& image() { return image_; }

 private:
  cv::Mat& image_;
};

// Splits text into lines no wider than max_width at word boundaries.
std::vector<std::string> wrap_words(Painter& painter, std::string_view text, const FontFamily& family, Style style,
                                    int height, int max_width);

// Union of boxes.
cv::Rect2f unite(const cv::Rect2f& a, const cv::Rect2f& b);

}  // namespace berkas::samples
