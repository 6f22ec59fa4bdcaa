#include "platform/zip_writer.h"

#include <gtest/gtest.h>

#include "platform/zip_directory.h"

namespace civic::platform {
namespace {

// The archive reads back through the project's own zip directory reader (a separate implementation):
// names in order, stored vs deflated by size, declared sizes.
TEST(ZipWriter, WritesAnArchiveTheDirectoryReaderAccepts) {
  ZipWriter zip;
  std::string big(10000, 'a');
  zip.add("[Content_Types].xml", big);
  zip.add("word/文档.xml", "x");
  std::string bytes = zip.finish();
  auto entries = read_zip_directory(bytes);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "[Content_Types].xml");
  EXPECT_EQ(entries[0].method, 8);
  EXPECT_EQ(entries[0].uncompressed_size, 10000u);
  EXPECT_LT(entries[0].compressed_size, 1000u);
  EXPECT_EQ(entries[1].name, "word/文档.xml");
  EXPECT_EQ(entries[1].method, 0);
  EXPECT_EQ(entries[1].uncompressed_size, 1u);
  EXPECT_EQ(zip.finish(), bytes);  // the same entries, the same bytes
}

}  // namespace
}  // namespace civic::platform
