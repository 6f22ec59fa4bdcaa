#include "http/rate_limiter.h"

#include <algorithm>
#include <vector>

#include "domain/core/error.h"

namespace civic::http {

namespace {
// Refills accumulate in small fractions; a token that is due must not be lost to rounding.
constexpr double kEpsilon = 1e-9;
}  // namespace

void RateLimiter::refill(Bucket& bucket, Clock::time_point now) const {
  if (now <= bucket.updated) return;
  double minutes = std::chrono::duration<double>(now - bucket.updated).count() / 60.0;
  bucket.tokens = std::min(limit_.burst, bucket.tokens + minutes * limit_.per_minute);
  bucket.updated = now;
}

bool RateLimiter::allow(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= limit_.max_keys) prune(now);
    it = buckets_.emplace(key, Bucket{limit_.burst, now}).first;
  }
  Bucket& bucket = it->second;
  refill(bucket, now);
  if (bucket.tokens < 1.0 - kEpsilon) return false;
  bucket.tokens = std::max(0.0, bucket.tokens - 1.0);
  return true;
}

void RateLimiter::require(const std::string& key) {
  if (!allow(key)) throw RateLimited("too many requests from this address; try again in a minute");
}

size_t RateLimiter::tracked_keys() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void RateLimiter::prune(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    refill(it->second, now);
    it = it->second.tokens >= limit_.burst - kEpsilon ? buckets_.erase(it) : std::next(it);
  }
  if (buckets_.size() < limit_.max_keys) return;
  // Still full: forget the least recently used half.
  std::vector<std::pair<Clock::time_point, std::string>> by_age;
  by_age.reserve(buckets_.size());
  for (const auto& [key, bucket] : buckets_) by_age.emplace_back(bucket.updated, key);
  auto middle = by_age.begin() + static_cast<std::ptrdiff_t>(by_age.size() / 2);
  std::nth_element(by_age.begin(), middle, by_age.end());
  for (auto it = by_age.begin(); it != middle; ++it) buckets_.erase(it->second);
}

}  // namespace civic::http
