#include "capture.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "clean/document_image.hpp"
#include "core/error.hpp"

namespace berkas::samples {
namespace {

constexpr double kPi = 3.14159265358979;

cv::Matx33d translate(double x, double y) { return {1, 0, x, 0, 1, y, 0, 0, 1}; }
cv::Matx33d rotate_about(double deg, double cx, double cy) {
  const double a = deg * kPi / 180.0, c = std::cos(a), s = std::sin(a);
  // Counter-clockwise on screen (y down).
  return translate(cx, cy) * cv::Matx33d(c, s, 0, -s, c, 0, 0, 0, 1) * translate(-cx, -cy);
}
cv::Matx33d scale(double s) { return {s, 0, 0, 0, s, 0, 0, 0, 1}; }

// Pastes a document through a homography, keeping what is under it where
// the document does not reach.
void paste(cv::Mat& page, const cv::Mat& doc, const cv::Matx33d& h, const cv::Mat& shape = cv::Mat()) {
  cv::Mat warped, mask;
  cv::warpPerspective(doc, warped, cv::Mat(h), page.size(), cv::INTER_AREA, cv::BORDER_CONSTANT);
  cv::Mat ones = shape.empty() ? cv::Mat(doc.size(), CV_8U, cv::Scalar(255)) : shape;
  cv::warpPerspective(ones, mask, cv::Mat(h), page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  cv::erode(mask, mask, cv::Mat(), {-1, -1}, 1);
  warped.copyTo(page, mask);
}

void add_noise(cv::Mat& img, Rng& rng, double sigma) {
  cv::Mat noise(img.size(), CV_16SC(img.channels()));
  // Deterministic noise from our own RNG (not cv::randn's global state),
  // drawn from a table of normal samples: a Box-Muller per pixel is slow.
  std::vector<short> table(4096);
  for (auto& t : table) t = static_cast<short>(std::lround(rng.normal(0, sigma)));
  for (int y = 0; y < noise.rows; ++y) {
    auto* row = noise.ptr<short>(y);
    for (int x = 0; x < noise.cols * img.channels(); x += 4) {
      const uint64_t bits = rng.next();
      for (int k = 0; k < 4 && x + k < noise.cols * img.channels(); ++k) row[x + k] = table[(bits >> (16 * k)) & 4095];
    }
  }
  cv::Mat wide;
  img.convertTo(wide, CV_16S);
  wide += noise;
  wide.convertTo(img, img.type());
}

// Smooth multiplicative light field: a tilted plane plus a soft vignette.
void uneven_light(cv::Mat& img, Rng& rng, double strength) {
  cv::Mat field(img.size(), CV_32F);
  const double gx = rng.real(-1, 1), gy = rng.real(-1, 1);
  const double cx = rng.real(0.2, 0.8) * img.cols, cy = rng.real(0.2, 0.8) * img.rows;
  const double diag = std::hypot(img.cols, img.rows);
  for (int y = 0; y < img.rows; ++y) {
    float* row = field.ptr<float>(y);
    for (int x = 0; x < img.cols; ++x) {
      const double plane = (gx * (x - img.cols / 2.0) + gy * (y - img.rows / 2.0)) / diag;
      const double r = std::hypot(x - cx, y - cy) / diag;
      row[x] = static_cast<float>(1.0 - strength * (0.5 * r * r * 4 + 0.5 * (plane + 0.5)));
    }
  }
  multiply_light(img, field);
}

cv::Mat photo_background(Rng& rng, cv::Size size) {
  cv::Mat bg(size, CV_8UC3);
  const int kind = rng.uniform(0, 2);
  const cv::Vec3d base = kind == 0 ? cv::Vec3d(40, 80, 130)  // wood
                         : kind == 1
                             ? cv::Vec3d(rng.uniform(60, 200), rng.uniform(60, 200), rng.uniform(60, 200))  // cloth
                             : cv::Vec3d(190, 190, 185);                                                    // table top
  const double f1 = rng.real(0.01, 0.05), f2 = rng.real(0.1, 0.3), phase = rng.real(0, 6.28);
  for (int y = 0; y < size.height; ++y) {
    auto* row = bg.ptr<cv::Vec3b>(y);
    for (int x = 0; x < size.width; ++x) {
      double v;
      if (kind == 0)
        v = 0.8 + 0.2 * std::sin(y * f1 + 3 * std::sin(x * 0.004 + phase)) + 0.05 * std::sin(y * f2);
      else if (kind == 1)
        v = 0.85 + 0.15 * ((static_cast<int>(x * f2 / 3) + static_cast<int>(y * f2 / 3)) % 2);
      else
        v = 0.95 + 0.05 * std::sin(x * f1 + phase);
      for (int c = 0; c < 3; ++c) row[x][c] = cv::saturate_cast<uchar>(base[c] * v);
    }
  }
  add_noise(bg, rng, 6);
  return bg;
}

CapturedPage flatbed(Rng& rng, std::vector<RenderedDocument> docs) {
  CapturedPage page;
  page.capture = Capture::Clean;
  RenderedDocument& doc = docs.front();
  const bool whole_bed = doc.is_card && rng.chance(0.5);
  // A4 papers fill the bed in their own orientation (a KK lies landscape).
  const bool landscape = doc.image.cols > doc.image.rows;
  const cv::Size size = whole_bed ? cv::Size(2480, 3508)
                        : !doc.is_card
                            ? (landscape ? cv::Size(3508, 2480) : cv::Size(2480, 3508))
                            : cv::Size(doc.image.cols + rng.uniform(60, 240), doc.image.rows + rng.uniform(60, 240));
  page.image = cv::Mat(size, CV_8UC3, cv::Scalar(250, 251, 250));
  const double angle = rng.real(-1.0, 1.0);
  double ox = (size.width - doc.image.cols) / 2.0, oy = (size.height - doc.image.rows) / 2.0;
  if (whole_bed) ox = rng.uniform(60, 300), oy = rng.uniform(60, 300);  // laid in a corner of the glass
  const cv::Matx33d h = translate(ox, oy) * rotate_about(angle, doc.image.cols / 2.0, doc.image.rows / 2.0);
  paste(page.image, doc.image, h, doc.shape);
  cv::GaussianBlur(page.image, page.image, {0, 0}, rng.real(0.4, 0.7));
  add_noise(page.image, rng, 2.0);
  page.jpeg_quality = rng.uniform(88, 95);
  page.documents.push_back({std::move(doc), h});
  return page;
}

CapturedPage photocopy(Rng& rng, std::vector<RenderedDocument> docs) {
  CapturedPage page;
  page.capture = Capture::Copy;
  cv::Mat sheet(3508, 2480, CV_8UC3, cv::Scalar(255, 255, 255));
  if (docs.front().is_card) {
    // One or two cards anywhere on the sheet, each at its own small angle.
    const int n = static_cast<int>(docs.size());
    for (int i = 0; i < n; ++i) {
      RenderedDocument& d = docs[static_cast<size_t>(i)];
      const int band = sheet.rows / n;
      const double x = rng.uniform(120, sheet.cols - d.image.cols - 120);
      const double y = band * i + rng.uniform(120, std::max(121, band - d.image.rows - 120));
      const cv::Matx33d h = translate(x, y) * rotate_about(rng.real(-4, 4), d.image.cols / 2.0, d.image.rows / 2.0);
      paste(sheet, d.image, h, d.shape);
      page.documents.push_back({std::move(d), h});
    }
  } else {
    RenderedDocument& d = docs.front();
    const double s = rng.real(0.93, 0.99);
    const double w = d.image.cols * s, hgt = d.image.rows * s;
    // Landscape papers (KK) are copied onto portrait A4 turned sideways.
    cv::Matx33d h =
        translate((sheet.cols - w) / 2 + rng.uniform(-40, 40), (sheet.rows - hgt) / 2 + rng.uniform(-40, 40)) *
        rotate_about(rng.real(-4, 4), w / 2, hgt / 2) * scale(s);
    if (d.image.cols > d.image.rows) {
      const double fit =
          std::min(sheet.cols / static_cast<double>(d.image.rows), sheet.rows / static_cast<double>(d.image.cols)) *
          0.97;
      h = translate(sheet.cols / 2.0, sheet.rows / 2.0) * rotate_about(90 + rng.real(-4, 4), 0, 0) * scale(fit) *
          translate(-d.image.cols / 2.0, -d.image.rows / 2.0);
    }
    paste(sheet, d.image, h);
    page.documents.push_back({std::move(d), h});
  }
  // Toner: grey, harder contrast, lifted blacks, speckle and a streak.
  cv::Mat gray;
  cv::cvtColor(sheet, gray, cv::COLOR_BGR2GRAY);
  const double k = rng.real(1.15, 1.5), lo = rng.uniform(15, 55), hi = rng.uniform(222, 248);
  cv::Mat lut(1, 256, CV_8U);
  for (int v = 0; v < 256; ++v) {
    const double c = std::clamp((v - 150.0) * k + 150.0, 0.0, 255.0);
    lut.at<uchar>(v) = cv::saturate_cast<uchar>(lo + (hi - lo) * c / 255.0);
  }
  cv::LUT(gray, lut, gray);
  const int specks = rng.uniform(200, 2500);
  for (int i = 0; i < specks; ++i) {
    const cv::Point p(rng.uniform(0, gray.cols - 1), rng.uniform(0, gray.rows - 1));
    cv::circle(gray, p, rng.uniform(1, 3), cv::Scalar(rng.uniform(lo, lo + 60)), -1);
  }
  if (rng.chance(0.4)) {
    const int x = rng.uniform(0, gray.cols - 1);
    cv::line(gray, {x, 0}, {x + rng.uniform(-20, 20), gray.rows}, cv::Scalar(hi - rng.uniform(30, 80)),
             rng.uniform(2, 8));
  }
  cv::GaussianBlur(gray, gray, {0, 0}, rng.real(0.6, 1.1));
  add_noise(gray, rng, rng.real(1.5, 3.5));
  page.image = gray;
  page.jpeg_quality = rng.uniform(75, 90);
  // Sometimes the whole sheet went through the feeder turned.
  const double turn = rng.chance(0.25) ? (rng.chance(0.5) ? 180 : (rng.chance(0.5) ? 90 : 270)) : 0;
  if (turn != 0) {
    const int code = turn == 90    ? cv::ROTATE_90_COUNTERCLOCKWISE
                     : turn == 180 ? cv::ROTATE_180
                                   : cv::ROTATE_90_CLOCKWISE;
    const cv::Size before = page.image.size();
    cv::rotate(page.image, page.image, code);
    cv::Matx33d r;
    if (turn == 90)
      r = {0, 1, 0, -1, 0, before.width - 1.0, 0, 0, 1};
    else if (turn == 180)
      r = {-1, 0, before.width - 1.0, 0, -1, before.height - 1.0, 0, 0, 1};
    else
      r = {0, -1, before.height - 1.0, 1, 0, 0, 0, 0, 1};
    for (auto& pd : page.documents) pd.to_page = r * pd.to_page;
  }
  return page;
}

CapturedPage phone_photo(Rng& rng, std::vector<RenderedDocument> docs) {
  CapturedPage page;
  page.capture = Capture::Photo;
  RenderedDocument& d = docs.front();
  const bool landscape = d.image.cols > d.image.rows;
  const cv::Size size = d.is_card ? cv::Size(1600, 1200) : landscape ? cv::Size(2400, 1800) : cv::Size(1800, 2400);
  page.image = photo_background(rng, size);
  const double fill = rng.real(0.62, 0.85);
  const double s = std::min(size.width * fill / d.image.cols, size.height * fill / d.image.rows);
  const double w = d.image.cols * s, h = d.image.rows * s;
  const cv::Matx33d place = translate(size.width / 2.0 + rng.real(-0.05, 0.05) * size.width,
                                      size.height / 2.0 + rng.real(-0.05, 0.05) * size.height) *
                            rotate_about(rng.real(-15, 15), 0, 0) * translate(-w / 2, -h / 2);
  // Perspective: the phone is not held parallel to the paper.
  std::vector<cv::Point2f> src{{0, 0}, {(float)w, 0}, {(float)w, (float)h}, {0, (float)h}}, dst;
  const double j = 0.06;
  for (const auto& p : src) {
    const cv::Vec3d q = place * cv::Vec3d(p.x, p.y, 1);
    dst.emplace_back(static_cast<float>(q[0] + rng.real(-j, j) * w), static_cast<float>(q[1] + rng.real(-j, j) * h));
  }
  const cv::Matx33d persp(cv::getPerspectiveTransform(src, dst));
  const cv::Matx33d to_page = persp * scale(s);
  // A faint shadow of the paper on the table.
  cv::Mat shadow_doc(d.image.size(), CV_8UC3, cv::Scalar(0, 0, 0));
  cv::Mat shade = page.image.clone();
  paste(shade, shadow_doc, translate(rng.uniform(6, 18), rng.uniform(6, 18)) * to_page, d.shape);
  cv::GaussianBlur(shade, shade, {0, 0}, 9);
  cv::addWeighted(page.image, 0.55, shade, 0.45, 0, page.image);
  paste(page.image, d.image, to_page, d.shape);
  uneven_light(page.image, rng, rng.real(0.15, 0.45));
  cv::GaussianBlur(page.image, page.image, {0, 0}, rng.real(0.7, 1.6));
  add_noise(page.image, rng, rng.real(2.5, 5));
  page.jpeg_quality = rng.uniform(60, 80);
  page.documents.push_back({std::move(d), to_page});
  return page;
}

}  // namespace

void multiply_light(cv::Mat& image, const cv::Mat& field) {
  std::vector<cv::Mat> channels;
  cv::split(image, channels);
  for (auto& c : channels) {
    cv::Mat f;
    c.convertTo(f, CV_32F);
    cv::multiply(f, field, f);
    f.convertTo(c, CV_8U);
  }
  cv::merge(channels, image);
}

std::string to_string(Capture c) {
  switch (c) {
    case Capture::Clean:
      return "clean";
    case Capture::Copy:
      return "copy";
    case Capture::Photo:
      return "photo";
  }
  return "clean";
}

Capture capture_from_string(const std::string& s) {
  if (s == "clean") return Capture::Clean;
  if (s == "copy") return Capture::Copy;
  if (s == "photo") return Capture::Photo;
  throw Error(ErrorCode::InvalidArgument, "unknown capture level '" + s + "' (use clean, copy or photo)");
}

CapturedPage capture_page(Rng& rng, std::vector<RenderedDocument> documents, Capture capture) {
  switch (capture) {
    case Capture::Clean:
      return flatbed(rng, std::move(documents));
    case Capture::Copy:
      return photocopy(rng, std::move(documents));
    case Capture::Photo:
      return phone_photo(rng, std::move(documents));
  }
  return flatbed(rng, std::move(documents));
}

cv::Rect page_box(const cv::Matx33d& to_page, const cv::Rect2f& box, cv::Size page) {
  if (box.area() <= 0) return {};
  return map_box(to_page, box) & cv::Rect(0, 0, page.width, page.height);
}

}  // namespace berkas::samples
