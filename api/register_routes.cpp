// Register cells for review (archive teams): the cells a person must look
// at, each cell's piece of the scan turned upright, and a correction.
//   GET  /api/registers/review?limit=N   -> {"cells": [...]}
//   GET  /api/register-cells/{id}/image  -> the cell and a margin, JPEG
//   POST /api/register-cells/{id}        {"value": "..."} -> the cell as stored
#include <opencv2/imgproc.hpp>
#include <pqxx/pqxx>

#include "api/api_context.hpp"
#include "image/scan_reader.hpp"
#include "store/register_review.hpp"
#include "store/spooled_file.hpp"

namespace berkas {
namespace {

const std::vector<std::string> kArchiveRoles = {"archivist", "admin"};

void cells_to_review(ApiContext& c) {
  int limit = 100;
  if (c.req.has_param("limit")) {
    try {
      limit = std::clamp(std::stoi(c.req.get_param_value("limit")), 1, 1000);
    } catch (const std::exception&) {
      throw ApiError{400, "limit must be a whole number"};
    }
  }
  auto conn = c.pool.acquire();
  c.reply(200, {{"cells", register_cells_to_review(*conn, limit)}});
}

void cell_image(ApiContext& c) {
  auto conn = c.pool.acquire();
  long source_file_id = 0;
  int page_no = 0, rotation = 0;
  cv::Rect box;
  {
    pqxx::read_transaction txn(*conn);
    const auto r = txn.exec_params(
        "SELECT rp.source_file_id, rp.page_no, rp.rotation, x.bbox[1], x.bbox[2], x.bbox[3], x.bbox[4] "
        "FROM register_cells x JOIN register_rows rr ON rr.id = x.row_id JOIN register_pages rp ON rp.id = rr.page_id "
        "WHERE x.id = $1",
        c.id_param(0));
    if (r.empty()) throw ApiError{404, "no register cell " + c.param(0)};
    source_file_id = r[0][0].as<long>();
    page_no = r[0][1].as<int>();
    rotation = r[0][2].as<int>();
    box = {r[0][3].as<int>(), r[0][4].as<int>(), r[0][5].as<int>(), r[0][6].as<int>()};
  }
  std::string name;
  const SpooledFile file(*conn, source_file_id, "register-cell", name);
  const cv::Mat page = ScanReader::open(file.path())->read_page(page_no - 1).image;
  // The cell with a margin of half its smaller side, so the reviewer sees
  // where the writing leaves the ruled box.
  const int margin = std::max(8, std::min(box.width, box.height) / 2);
  const cv::Rect around = cv::Rect(box.x - margin, box.y - margin, box.width + 2 * margin, box.height + 2 * margin) &
                          cv::Rect(0, 0, page.cols, page.rows);
  if (around.area() <= 0) throw ApiError{404, "register cell " + c.param(0) + " lies outside its page"};
  cv::Mat crop = page(around).clone();
  // Upright: the page was turned `rotation` degrees clockwise.
  if (rotation == 90) cv::rotate(crop, crop, cv::ROTATE_90_COUNTERCLOCKWISE);
  if (rotation == 180) cv::rotate(crop, crop, cv::ROTATE_180);
  if (rotation == 270) cv::rotate(crop, crop, cv::ROTATE_90_CLOCKWISE);
  reply_scan_jpeg(c, crop, 90, "register cell " + c.param(0));
}

void correct_cell(ApiContext& c) {
  const auto body = c.body();
  if (!body.contains("value") || !body["value"].is_string()) throw ApiError{400, "value (text) is required"};
  auto conn = c.pool.acquire();
  c.reply(200, correct_register_cell(*conn, c.id_param(0), body["value"].get<std::string>(), c.actor()));
}

}  // namespace

void add_register_routes(std::vector<ApiRoute>& routes) {
  routes.push_back({"GET", "/api/registers/review", kArchiveRoles, cells_to_review});
  routes.push_back({"GET", R"(/api/register-cells/([^/]+)/image)", kArchiveRoles, cell_image});
  routes.push_back({"POST", R"(/api/register-cells/([^/]+))", kArchiveRoles, correct_cell});
}

}  // namespace berkas
