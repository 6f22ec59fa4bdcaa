#include "platform/key_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "platform/append_only_file.h"
#include "platform/secret.h"

namespace civic::platform {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("civic_key_" + random_token().substr(0, 12))) {
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(KeyFile, CreatedPrivateOnFirstUseAndTheSameAfterwards) {
  TempDir dir;
  fs::path file = dir.path() / "sub" / "audit.key";
  EXPECT_FALSE(load_key_file(file));
  std::string key = load_or_create_key_file(file);
  EXPECT_EQ(key.size(), 32u);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(static_cast<int>(st.st_mode & 0777), 0600);
  EXPECT_EQ(load_or_create_key_file(file), key);
  EXPECT_EQ(load_key_file(file).value_or(""), key);
  // Nothing but the key file is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()), 1);
}

TEST(KeyFile, RefusesAKeyOthersCanReadOrThatIsNotHex) {
  TempDir dir;
  fs::path file = dir.path() / "audit.key";
  load_or_create_key_file(file);
  fs::permissions(file, fs::perms::group_read, fs::perm_options::add);
  EXPECT_THROW(load_key_file(file), std::runtime_error);
  EXPECT_THROW(load_or_create_key_file(file), std::runtime_error);
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  {
    std::ofstream out(file, std::ios::trunc);
    out << "not hex at all\n";
  }
  EXPECT_THROW(load_key_file(file), std::runtime_error);
}

TEST(AppendOnlyFile, AppendsLinesAndLeavesATornLastLineOut) {
  TempDir dir;
  AppendOnlyFile file(dir.path() / "audit.head");
  EXPECT_TRUE(file.read_lines().empty());
  file.append_line("1 aa");
  file.append_line("2 bb");
  {
    std::ofstream out(file.path(), std::ios::app);
    out << "3 c";  // a crash in the middle of a line
  }
  EXPECT_EQ(file.read_lines(), (std::vector<std::string>{"1 aa", "2 bb"}));
  EXPECT_THROW(file.append_line("a\nb"), std::invalid_argument);
}

TEST(Secret, HmacSha256MatchesRfc4231) {
  // RFC 4231 test case 2.
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_TRUE(equal_in_constant_time("abc", "abc"));
  EXPECT_FALSE(equal_in_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_in_constant_time("abc", "abcd"));
}

}  // namespace
}  // namespace civic::platform
