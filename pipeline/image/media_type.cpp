#include "image/media_type.hpp"

#include <algorithm>
#include <array>

namespace berkas {
namespace {

bool starts_with(std::span<const uint8_t> head, std::initializer_list<uint8_t> magic) {
  return head.size() >= magic.size() && std::equal(magic.begin(), magic.end(), head.begin());
}

}  // namespace

MediaType sniff_media_type(std::span<const uint8_t> head) {
  if (starts_with(head, {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) return MediaType::Png;
  if (starts_with(head, {0xFF, 0xD8, 0xFF})) return MediaType::Jpeg;
  if (starts_with(head, {'I', 'I', 42, 0}) || starts_with(head, {'M', 'M', 0, 42})) return MediaType::Tiff;
  // PDF allows up to 1024 bytes of junk before the header.
  constexpr std::array<uint8_t, 5> pdf{'%', 'P', 'D', 'F', '-'};
  const auto window = head.first(std::min<size_t>(head.size(), 1024));
  if (std::search(window.begin(), window.end(), pdf.begin(), pdf.end()) != window.end()) return MediaType::Pdf;
  return MediaType::Unknown;
}

std::string_view to_string(MediaType type) {
  switch (type) {
    case MediaType::Png:
      return "png";
    case MediaType::Jpeg:
      return "jpeg";
    case MediaType::Tiff:
      return "tiff";
    case MediaType::Pdf:
      return "pdf";
    case MediaType::Unknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace berkas
