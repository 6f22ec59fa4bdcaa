#include "http/log_throttle.h"

namespace civic::http {

std::optional<size_t> LogThrottle::admit(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (last_line_ && now - *last_line_ < interval_) {
    ++dropped_;
    return std::nullopt;
  }
  last_line_ = now;
  size_t dropped = dropped_;
  dropped_ = 0;
  return dropped;
}

std::string repeats_note(size_t dropped) {
  if (dropped == 0) return {};
  return " (" + std::to_string(dropped) + " similar lines left out)";
}

}  // namespace civic::http
