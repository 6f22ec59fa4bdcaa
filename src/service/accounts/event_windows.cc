#include "service/accounts/event_windows.h"

namespace civic::service {

EventWindows::Tally EventWindows::add(const std::string& key, TimeMs now) {
  std::lock_guard lock(mutex_);
  if (windows_.size() >= max_keys_) {
    std::erase_if(windows_, [&](const auto& entry) { return now - entry.second.start >= window_ms_; });
  }
  Tally out;
  auto it = windows_.find(key);
  if (it == windows_.end()) {
    it = windows_.emplace(key, Window{now, 0}).first;
  } else if (now - it->second.start >= window_ms_) {
    out.previous_window = it->second.events;
    it->second = Window{now, 0};
  }
  out.in_window = ++it->second.events;
  return out;
}

long long EventWindows::count(const std::string& key, TimeMs now) const {
  std::lock_guard lock(mutex_);
  auto it = windows_.find(key);
  if (it == windows_.end() || now - it->second.start >= window_ms_) return 0;
  return it->second.events;
}

}  // namespace civic::service
