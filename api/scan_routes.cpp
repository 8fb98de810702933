// The scans themselves, for the case page: one stored page as a JPEG, in the
// coordinates its documents' and fields' boxes use (the page as stored), at
// most kMaxSide pixels on its longer side; the page scales the boxes with it.
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <pqxx/pqxx>

#include "api/api_context.hpp"
#include "image/scan_reader.hpp"
#include "store/spooled_file.hpp"

namespace berkas {
namespace {

constexpr int kMaxSide = 2400;  // an A4 scan at 200 dpi: readable when zoomed, quick to send

void page_image(ApiContext& c) {
  auto conn = c.pool.acquire();
  long source_file_id = 0;
  int page_no = 0;
  {
    pqxx::read_transaction txn(*conn);
    const auto r = txn.exec_params("SELECT source_file_id, page_no FROM pages WHERE id = $1", c.id_param(0));
    if (r.empty()) throw ApiError{404, "no page " + c.param(0)};
    source_file_id = r[0][0].as<long>();
    page_no = r[0][1].as<int>();
  }
  std::string name;
  const SpooledFile file(*conn, source_file_id, "pages", name);
  cv::Mat image = ScanReader::open(file.path())->read_page(page_no - 1).image;
  const int side = std::max(image.cols, image.rows);
  if (side > kMaxSide) {
    const double scale = double(kMaxSide) / side;
    cv::resize(image, image, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  reply_scan_jpeg(c, image, 85, "page " + c.param(0));
}

}  // namespace

void reply_scan_jpeg(ApiContext& c, const cv::Mat& image, int quality, const std::string& what) {
  std::vector<uchar> jpeg;
  if (!cv::imencode(".jpg", image, jpeg, {cv::IMWRITE_JPEG_QUALITY, quality}))
    throw ApiError{500, what + " could not be encoded"};
  c.res.status = 200;
  // A stored scan never changes; the browser may keep it for the session's day.
  c.res.set_header("Cache-Control", "private, max-age=86400");
  c.res.set_content(std::string(jpeg.begin(), jpeg.end()), "image/jpeg");
}

void add_scan_routes(std::vector<ApiRoute>& routes) {
  routes.push_back({"GET", R"(/api/pages/([^/]+)/image)", kReaderRoles, page_image});
}

}  // namespace berkas
