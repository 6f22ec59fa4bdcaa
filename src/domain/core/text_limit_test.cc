// Text limits count characters (code points), not bytes: 200 Chinese characters fit a short text, 201 do
// not; and the console's counters (web/src/shared/textLimits.ts) carry the server's figures.
#include "domain/core/text_limit.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "domain/cases/case_text_limits.h"

namespace civic {
namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(TextLimit, CountsCharactersNotBytes) {
  EXPECT_EQ(char_count("测评a"), 2u + 1u);
  EXPECT_EQ(char_count(repeat("\xF0\x9F\x98\x80", 3)), 3u);              // 😀, four bytes each
  EXPECT_EQ(text_problem(repeat("测", 200), kShortText), std::nullopt);  // 600 bytes
  EXPECT_EQ(text_problem(repeat("测", 201), kShortText), "too_long");
  EXPECT_EQ(text_problem(repeat("x", 200), kShortText), std::nullopt);
  EXPECT_EQ(text_problem(repeat("x", 201), kShortText), "too_long");
  EXPECT_EQ(text_problem(repeat("测", 600), kShortText), "too_long");  // the round name of issue 12
  EXPECT_EQ(text_problem(repeat("\xF0\x9F\x98\x80", 200), kShortText), std::nullopt);
  EXPECT_EQ(text_problem(repeat("测", 4000), kLongText), std::nullopt);
  EXPECT_EQ(text_problem(repeat("测", 4001), kLongText), "too_long");
  // The other checks still hold within the limit.
  EXPECT_EQ(text_problem("a\xE2\x80\xAE"
                         "b",
                         kShortText),
            "bidi_control");
  EXPECT_EQ(text_problem("a\nb", kShortText), "control_character");
}

TEST(TextLimit, TheConsolesCountersCarryTheServersFigures) {
  std::ifstream in(std::string(CIVIC_SOURCE_DIR) + "/web/src/shared/textLimits.ts");
  ASSERT_TRUE(in) << "web/src/shared/textLimits.ts is missing";
  std::stringstream text;
  text << in.rdbuf();
  std::map<std::string, std::size_t> web;
  const std::regex entry(R"(^\s+(\w+): (\d+),\s*$)");
  std::string line;
  while (std::getline(text, line)) {
    std::smatch m;
    if (std::regex_match(line, m, entry)) web[m[1]] = std::stoul(m[2]);
  }
  const std::map<std::string, std::size_t> server = {
      {"short", kShortText.max_chars},
      {"long", kLongText.max_chars},
      {"publicDescription", kPublicDescription.max_chars},
      {"publicAddress", kPublicAddress.max_chars},
      {"publicContact", kPublicContact.max_chars},
  };
  for (const auto& [name, figure] : server) {
    ASSERT_TRUE(web.count(name)) << name << " is not in textLimits.ts";
    EXPECT_EQ(web[name], figure) << name;
  }
}

}  // namespace
}  // namespace civic
