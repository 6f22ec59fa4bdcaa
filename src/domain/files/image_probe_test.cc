#include "domain/files/image_probe.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "domain/files/test_images.h"

namespace civic {
namespace {

using testing::JpegSpec;

TEST(ImageProbe, ReadsJpegDimensionsExifTimeAndGps) {
  JpegSpec spec;
  spec.width = 640;
  spec.height = 480;
  std::string jpeg = testing::tiny_jpeg(spec);
  EXPECT_EQ(sniff_content(jpeg), ContentKind::jpeg);
  auto facts = probe_image(jpeg);
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->kind, ContentKind::jpeg);
  EXPECT_EQ(facts->width, 640);
  EXPECT_EQ(facts->height, 480);
  ASSERT_TRUE(facts->taken_at);
  EXPECT_EQ(facts->taken_at->year, 2026);
  EXPECT_EQ(facts->taken_at->month, 3);
  EXPECT_EQ(facts->taken_at->day, 15);
  EXPECT_EQ(facts->taken_at->hour, 9);
  EXPECT_EQ(facts->taken_at->minute, 30);
  ASSERT_TRUE(facts->lat && facts->lon);
  EXPECT_NEAR(*facts->lat, 31.5, 1e-9);
  EXPECT_NEAR(*facts->lon, 121.0 + 28.0 / 60 + 36.0 / 3600, 1e-9);
}

TEST(ImageProbe, BigEndianExifAndSouthWest) {
  JpegSpec spec;
  spec.little_endian = false;
  spec.lat_ref = 'S';
  spec.lon_ref = 'W';
  auto facts = probe_image(testing::tiny_jpeg(spec));
  ASSERT_TRUE(facts && facts->lat && facts->lon);
  EXPECT_NEAR(*facts->lat, -31.5, 1e-9);
  EXPECT_LT(*facts->lon, -121.0);
  EXPECT_TRUE(facts->taken_at);
}

TEST(ImageProbe, JpegWithoutExifHasNoTimeOrPlace) {
  JpegSpec spec;
  spec.exif = false;
  auto facts = probe_image(testing::tiny_jpeg(spec));
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->width, 64);
  EXPECT_FALSE(facts->taken_at);
  EXPECT_FALSE(facts->lat);
}

TEST(ImageProbe, BadExifValuesAreDropped) {
  JpegSpec spec;
  spec.taken = "2026:13:45 99:00:00";
  spec.lat_dms[0] = 95;  // > 90°
  auto facts = probe_image(testing::tiny_jpeg(spec));
  ASSERT_TRUE(facts);
  EXPECT_FALSE(facts->taken_at);
  EXPECT_FALSE(facts->lat);
  EXPECT_FALSE(facts->lon);
}

TEST(ImageProbe, ReadsPngDimensions) {
  std::string png = testing::tiny_png(300, 200);
  EXPECT_EQ(sniff_content(png), ContentKind::png);
  auto facts = probe_image(png);
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->kind, ContentKind::png);
  EXPECT_EQ(facts->width, 300);
  EXPECT_EQ(facts->height, 200);
}

TEST(ImageProbe, ExecutablesAreNotImagesWhateverTheirName) {
  EXPECT_EQ(sniff_content(testing::elf_executable()), ContentKind::executable);
  EXPECT_EQ(sniff_content(testing::pe_executable()), ContentKind::executable);
  EXPECT_FALSE(probe_image(testing::elf_executable()));
  EXPECT_FALSE(probe_image(testing::pe_executable()));
  EXPECT_STREQ(content_mime(ContentKind::executable), "application/octet-stream");
}

TEST(ImageProbe, SniffsDocuments) {
  EXPECT_EQ(sniff_content("%PDF-1.7\n..."), ContentKind::pdf);
  std::string docx = std::string("PK\x03\x04", 4) + "....[Content_Types].xml....word/document.xml";
  std::string xlsx = std::string("PK\x03\x04", 4) + "....xl/workbook.xml";
  std::string zip = std::string("PK\x03\x04", 4) + "payload.exe";
  EXPECT_EQ(sniff_content(docx), ContentKind::docx);
  EXPECT_EQ(sniff_content(xlsx), ContentKind::xlsx);
  EXPECT_EQ(sniff_content(zip), ContentKind::zip);
  EXPECT_EQ(sniff_content(""), ContentKind::unknown);
  EXPECT_EQ(sniff_content("GIF89a"), ContentKind::unknown);
}

TEST(ImageProbe, ForgedHeadersAreRefused) {
  EXPECT_FALSE(probe_image("\xFF\xD8\xFF"));                       // magic only
  EXPECT_FALSE(probe_image(std::string("\x89PNG\r\n\x1A\n", 8)));  // no IHDR
  JpegSpec spec;
  spec.width = 0;
  EXPECT_FALSE(probe_image(testing::tiny_jpeg(spec)));  // a frame without pixels
}

// Every prefix and thousands of random corruptions of real images: the parser answers (facts or nullopt)
// without reading out of bounds (run under ASan/UBSan in CI to make that visible) and keeps its invariants.
TEST(ImageProbe, SurvivesTruncationAndCorruption) {
  std::vector<std::string> seeds = {testing::tiny_jpeg(), testing::tiny_png()};
  JpegSpec be;
  be.little_endian = false;
  seeds.push_back(testing::tiny_jpeg(be));
  std::mt19937_64 random(2026);
  for (const std::string& seed : seeds) {
    for (size_t n = 0; n <= seed.size(); ++n) {
      auto facts = probe_image(seed.substr(0, n));
      if (facts) {
        EXPECT_GT(facts->width, 0);
      }
    }
    for (int round = 0; round < 3000; ++round) {
      std::string bytes = seed;
      int flips = 1 + static_cast<int>(random() % 8);
      for (int f = 0; f < flips; ++f) {
        size_t at = 2 + random() % (bytes.size() - 2);  // keep the magic so the parser runs
        bytes[at] = static_cast<char>(random() & 0xFF);
      }
      auto facts = probe_image(bytes);
      if (facts) {
        EXPECT_GT(facts->width, 0);
        EXPECT_GT(facts->height, 0);
        if (facts->lat) {
          EXPECT_LE(std::fabs(*facts->lat), 90.0);
        }
        if (facts->lon) {
          EXPECT_LE(std::fabs(*facts->lon), 180.0);
        }
      }
    }
  }
}

}  // namespace
}  // namespace civic
