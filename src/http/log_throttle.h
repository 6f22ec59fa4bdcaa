// LogThrottle: at most one log line per `interval` for one kind of event, so that a flood (a client
// hammering the accept loop, a burst of refused requests) writes a line now and then with the number of
// repeats it left out, not a line per event. Thread-safe.
//
//   if (auto dropped = throttle.admit()) spdlog::warn("accept failed: {}{}", message,
//   repeats_note(*dropped));
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>

namespace civic::http {

class LogThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  explicit LogThrottle(std::chrono::milliseconds interval) : interval_(interval) {}

  // Counts one event at `now`. When a line may be written, answers how many events were left out since the
  // last line written (0 for the first); nullopt when this one is to be left out.
  std::optional<size_t> admit(Clock::time_point now);
  std::optional<size_t> admit() { return admit(Clock::now()); }

 private:
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::optional<Clock::time_point> last_line_;
  size_t dropped_ = 0;
};

// " (N similar lines left out)" for N > 0, "" for 0: the tail of a throttled line.
std::string repeats_note(size_t dropped);

}  // namespace civic::http
