// RateLimiter: a token bucket per key (a client IP), for anonymous endpoints (public photo uploads, public
// reports). Each key holds up to `burst` tokens, refilled at `per_minute` a minute; a request takes one
// token or is refused. In-process only: with several servers each keeps its own buckets (a limit per server).
// Memory is bounded: when more than `max_keys` keys are tracked, full buckets are forgotten (they behave
// exactly as new ones), then the oldest if still too many. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace civic::http {

struct RateLimit {
  double per_minute = 10;
  double burst = 20;
  size_t max_keys = 100000;
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateLimiter(RateLimit limit) : limit_(limit) {}

  // Takes a token for `key` at `now`; false when none is left.
  bool allow(const std::string& key, Clock::time_point now);
  bool allow(const std::string& key) { return allow(key, Clock::now()); }
  // Throws civic::RateLimited unless allow(key).
  void require(const std::string& key);

  size_t tracked_keys() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  void refill(Bucket& bucket, Clock::time_point now) const;
  void prune(Clock::time_point now);

  RateLimit limit_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace civic::http
