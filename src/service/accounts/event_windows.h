// EventWindows: counts events per key (a client address) in fixed windows of `window_ms`: a key's window
// starts at its first event and ends `window_ms` later; the next event after that starts a new window.
// In memory and per process (several servers each count their own). Thread-safe. When more than `max_keys`
// keys are held, the keys whose window has ended are forgotten, so it holds only the addresses active within
// one window.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/core/clock.h"

namespace civic::service {

class EventWindows {
 public:
  struct Tally {
    long long in_window = 0;        // events of the key in its current window, this one included
    long long previous_window = 0;  // events in the key's window before, when this event started a new one
  };

  explicit EventWindows(TimeMs window_ms, std::size_t max_keys = 10000)
      : window_ms_(window_ms), max_keys_(max_keys) {}

  // Counts one event of `key` at `now`.
  Tally add(const std::string& key, TimeMs now);
  // The events of `key` in its current window (0 when it has none, or its window has ended).
  long long count(const std::string& key, TimeMs now) const;

 private:
  struct Window {
    TimeMs start = 0;
    long long events = 0;
  };

  TimeMs window_ms_;
  std::size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace civic::service
