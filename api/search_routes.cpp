// Archive search for the web pages: GET /api/search?q=… (a NIK or KK
// number, a name, a letter or case number, or a date).
#include "api/api_context.hpp"
#include "store/archive_search.hpp"

namespace berkas {
namespace {

void search(ApiContext& c) {
  auto conn = c.pool.acquire();
  c.reply(200, search_archive(*conn, c.req.get_param_value("q")));
}

}  // namespace

void add_search_routes(std::vector<ApiRoute>& routes) {
  routes.push_back({"GET", "/api/search", kReaderRoles, search});
}

}  // namespace berkas
