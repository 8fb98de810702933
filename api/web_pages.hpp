// The web pages' routes: each page is a static file of api/web whose data
// comes from the API; the server still checks who may open which page, so a
// verifier never sees an approver's page and vice versa.
#pragma once

#include <string>
#include <vector>

#include "api/api_context.hpp"

namespace berkas {

// Where a role starts after signing in ("/antrian" for a verifier).
std::string home_page(const std::string& role);

void add_web_routes(std::vector<ApiRoute>& routes);

}  // namespace berkas
