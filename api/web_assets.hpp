// The verifiers' and officials' web pages (api/web: plain HTML, CSS and
// JavaScript, no build step), compiled into the binary.
#pragma once

#include <string>
#include <string_view>

namespace berkas {

struct WebAsset {
  std::string_view bytes;
  const char* content_type;
};

// The file of api/web with this name ("antrian.html", "app.js"); nullptr
// when there is none.
const WebAsset* web_asset(const std::string& name);

}  // namespace berkas
