#include "domain/core/error.h"

#include <gtest/gtest.h>

namespace civic {
namespace {

TEST(Error, ControlCharactersInAMessageAreEscapedSoNothingCutsItShort) {
  using namespace std::string_literals;
  InvalidInput e("state", "unknown state: open\0evil\r\nforged line\x7f"s);
  EXPECT_EQ(std::string(e.what()), R"(unknown state: open\x00evil\x0d\x0aforged line\x7f)");
  EXPECT_EQ(e.field(), "state");
}

TEST(Error, PrintableMessagesAreKeptAsTheyAre) {
  EXPECT_EQ(printable_message("未知状态 unknown state: open"), "未知状态 unknown state: open");
}

}  // namespace
}  // namespace civic
