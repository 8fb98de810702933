#include "api/web_pages.hpp"

#include <algorithm>

#include "api/web_assets.hpp"

namespace berkas {
namespace {

struct WebPage {
  std::string pattern, file;
  std::vector<std::string> roles;  // empty: anyone, signed in or not
};

const std::vector<WebPage>& web_pages() {
  static const std::vector<WebPage> pages = {
      {"/masuk", "masuk.html", {}},
      {"/antrian", "antrian.html", {"verifier", "admin"}},
      {R"(/berkas/([^/]+))", "berkas.html", kReaderRoles},
      {"/persetujuan", "persetujuan.html", {"approver"}},
      {"/surat", "surat.html", kReaderRoles},
      {"/arsip", "arsip.html", kReaderRoles},
      {"/tinjau-register", "tinjau-register.html", {"archivist", "admin"}},
      {"/kiriman", "kiriman.html", {"scanner", "verifier", "admin"}},
  };
  return pages;
}

const char* role_name(const std::string& role) {
  if (role == "scanner") return "petugas pemindai";
  if (role == "verifier") return "verifikator";
  if (role == "approver") return "pejabat penyetuju";
  if (role == "archivist") return "petugas arsip";
  if (role == "admin") return "administrator";
  return "tidak dikenal";
}

// Pages load nothing from elsewhere: the policy makes the browser refuse it.
void secure_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' blob: data:; script-src 'self'; style-src 'self'; "
                 "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("Cache-Control", "no-cache");
}

std::optional<User> signed_in(ApiContext& c) {
  const std::string token = c.token();
  if (token.empty()) return std::nullopt;
  auto conn = c.pool.acquire();
  return session_user(*conn, token);
}

void redirect(ApiContext& c, const std::string& to) {
  c.res.status = 303;
  c.res.set_header("Location", to);
  c.res.set_header("Cache-Control", "no-store");
}

void denied_page(ApiContext& c, const User& user) {
  c.res.status = 403;
  secure_headers(c.res);
  c.res.set_content(
      std::string("<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<title>Akses ditolak - berkas</title><link rel=\"icon\" href=\"/aset/favicon.svg\"><link "
                  "rel=\"stylesheet\" href=\"/aset/app.css\"></head>"
                  "<body><main class=\"narrow\"><h1>Akses ditolak</h1><p>Halaman ini bukan untuk peran Anda. "
                  "Anda masuk sebagai ") +
          role_name(user.role) + ".</p><p><a href=\"" + home_page(user.role) +
          "\">Kembali ke halaman awal Anda</a></p></main></body></html>",
      "text/html; charset=utf-8");
}

void serve_page(ApiContext& c, const WebPage& page) {
  if (!page.roles.empty()) {
    const auto user = signed_in(c);
    if (!user) return redirect(c, "/masuk?lanjut=" + httplib::detail::encode_query_param(c.req.path));
    if (std::find(page.roles.begin(), page.roles.end(), user->role) == page.roles.end()) return denied_page(c, *user);
  }
  const WebAsset* asset = web_asset(page.file);
  if (asset == nullptr) throw ApiError{500, "the page " + page.file + " is missing from this build"};
  c.res.status = 200;
  secure_headers(c.res);
  c.res.set_content(std::string(asset->bytes), asset->content_type);
}

void serve_asset(ApiContext& c) {
  const std::string name = c.param(0);
  const WebAsset* asset = name.ends_with(".html") ? nullptr : web_asset(name);
  if (asset == nullptr) throw ApiError{404, "no such file: " + name};
  c.res.status = 200;
  secure_headers(c.res);
  c.res.set_content(std::string(asset->bytes), asset->content_type);
}

}  // namespace

std::string home_page(const std::string& role) {
  if (role == "verifier") return "/antrian";
  if (role == "approver") return "/persetujuan";
  if (role == "archivist") return "/arsip";
  return "/kiriman";  // scanner, admin
}

void add_web_routes(std::vector<ApiRoute>& routes) {
  routes.push_back({"GET", "/", {}, [](ApiContext& c) {
                      const auto user = signed_in(c);
                      redirect(c, user ? home_page(user->role) : "/masuk");
                    }});
  for (const WebPage& page : web_pages())
    routes.push_back({"GET", page.pattern, {}, [&page](ApiContext& c) { serve_page(c, page); }});
  routes.push_back({"GET", R"(/aset/([a-z0-9_.-]+))", {}, serve_asset});
}

}  // namespace berkas
