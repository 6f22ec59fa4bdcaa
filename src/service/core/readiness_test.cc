#include "service/core/readiness.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

class ReadinessTest : public store::BackendTest {};

TEST_P(ReadinessTest, ReadyWithAWritableFilesDirectoryNotWhenItCannotBeMade) {
  store::TestDatabase t(GetParam());
  auto dir = platform::FileStore::temporary_directory();
  platform::FileStore files(dir / "files");
  auto checks = check_readiness(t.db(), files);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].name, "database");
  EXPECT_TRUE(checks[0].ok) << checks[0].error;
  EXPECT_EQ(checks[1].name, "files");
  EXPECT_TRUE(checks[1].ok) << checks[1].error;

  // A regular file where the directory should be: the directory cannot be made.
  std::ofstream(dir / "blocker") << "x";
  platform::FileStore blocked(dir / "blocker" / "files");
  auto refused = check_readiness(t.db(), blocked);
  EXPECT_TRUE(refused[0].ok);
  EXPECT_FALSE(refused[1].ok);
  EXPECT_EQ(refused[1].error, "the files directory cannot be written");
  std::filesystem::remove_all(dir);
}

CIVIC_INSTANTIATE_BACKENDS(ReadinessTest);

}  // namespace
}  // namespace civic::service
