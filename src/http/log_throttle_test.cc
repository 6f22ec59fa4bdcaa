#include "http/log_throttle.h"

#include <gtest/gtest.h>

namespace civic::http {
namespace {

using namespace std::chrono_literals;

TEST(LogThrottle, OneLinePerIntervalCountingWhatItLeftOut) {
  LogThrottle throttle(1000ms);
  auto t0 = LogThrottle::Clock::time_point{} + 1h;
  EXPECT_EQ(throttle.admit(t0), 0u);
  for (int i = 1; i <= 500; ++i) EXPECT_EQ(throttle.admit(t0 + std::chrono::milliseconds(i)), std::nullopt);
  EXPECT_EQ(throttle.admit(t0 + 1000ms), 500u);
  EXPECT_EQ(throttle.admit(t0 + 1500ms), std::nullopt);
  EXPECT_EQ(throttle.admit(t0 + 5000ms), 1u);
  EXPECT_EQ(throttle.admit(t0 + 9000ms), 0u);
}

TEST(LogThrottle, RepeatsNoteNamesTheCount) {
  EXPECT_EQ(repeats_note(0), "");
  EXPECT_EQ(repeats_note(42), " (42 similar lines left out)");
}

}  // namespace
}  // namespace civic::http
