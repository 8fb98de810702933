// What a file really is, judged by its first bytes, never by its name: a
// ".jpg" that is really text is not a JPEG.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace berkas {

enum class MediaType { Png, Jpeg, Tiff, Pdf, Unknown };

MediaType sniff_media_type(std::span<const uint8_t> head);
std::string_view to_string(MediaType type);  // png, jpeg, tiff, pdf, unknown

}  // namespace berkas
