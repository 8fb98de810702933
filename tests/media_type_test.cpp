#include "image/media_type.hpp"

#include <gtest/gtest.h>

#include <string>

namespace berkas {
namespace {

MediaType sniff(const std::string& s) {
  return sniff_media_type({reinterpret_cast<const uint8_t*>(s.data()), s.size()});
}

TEST(MediaType, JudgesByContentNotName) {
  EXPECT_EQ(sniff("\x89PNG\r\n\x1a\n...."), MediaType::Png);
  EXPECT_EQ(sniff("\xFF\xD8\xFF\xE0..JFIF"), MediaType::Jpeg);
  EXPECT_EQ(sniff(std::string("II*\0", 4) + "...."), MediaType::Tiff);
  EXPECT_EQ(sniff(std::string("MM\0*", 4) + "...."), MediaType::Tiff);
  EXPECT_EQ(sniff("%PDF-1.7\n"), MediaType::Pdf);
  EXPECT_EQ(sniff("garbage before the header %PDF-1.4\n"), MediaType::Pdf);
  EXPECT_EQ(sniff("This is a text file named scan.jpg"), MediaType::Unknown);
  EXPECT_EQ(sniff(""), MediaType::Unknown);
  EXPECT_EQ(sniff("\x89PN"), MediaType::Unknown);  // truncated magic
}

}  // namespace
}  // namespace berkas
