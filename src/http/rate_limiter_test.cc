#include "http/rate_limiter.h"

#include <gtest/gtest.h>

#include "domain/core/error.h"

namespace civic::http {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsTheBurstThenRefusesUntilRefilled) {
  RateLimiter limiter({/*per_minute=*/6, /*burst=*/3, /*max_keys=*/100});
  auto t0 = RateLimiter::Clock::time_point{} + 1h;
  EXPECT_TRUE(limiter.allow("1.2.3.4", t0));
  EXPECT_TRUE(limiter.allow("1.2.3.4", t0));
  EXPECT_TRUE(limiter.allow("1.2.3.4", t0));
  EXPECT_FALSE(limiter.allow("1.2.3.4", t0));
  // Another address has its own bucket.
  EXPECT_TRUE(limiter.allow("5.6.7.8", t0));
  // 6 a minute: one token every 10 s.
  EXPECT_FALSE(limiter.allow("1.2.3.4", t0 + 9s));
  EXPECT_TRUE(limiter.allow("1.2.3.4", t0 + 10s));
  EXPECT_FALSE(limiter.allow("1.2.3.4", t0 + 10s));
  // A long pause refills to the burst, not beyond.
  auto later = t0 + 1h;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.allow("1.2.3.4", later));
  EXPECT_FALSE(limiter.allow("1.2.3.4", later));
}

TEST(RateLimiter, RequireThrowsRateLimited) {
  RateLimiter limiter({1, 1, 100});
  limiter.require("ip");
  try {
    limiter.require("ip");
    FAIL() << "expected RateLimited";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::rate_limited);
  }
}

TEST(RateLimiter, ForgetsFullBucketsWhenTooManyKeys) {
  RateLimiter limiter({60, 2, 10});
  auto t0 = RateLimiter::Clock::time_point{} + 1h;
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.allow("k" + std::to_string(i), t0));
  EXPECT_EQ(limiter.tracked_keys(), 10u);
  // A minute later every bucket is full again and may be forgotten without changing any answer.
  EXPECT_TRUE(limiter.allow("new", t0 + 60s));
  EXPECT_LE(limiter.tracked_keys(), 10u);
  // Keys still draining are kept: "new" took a token and keeps its state.
  EXPECT_TRUE(limiter.allow("new", t0 + 60s));
  EXPECT_FALSE(limiter.allow("new", t0 + 60s));
}

}  // namespace
}  // namespace civic::http
