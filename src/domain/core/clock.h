// Time as the system sees it: UTC milliseconds since the Unix epoch. Services take a Clock so that tests
// can move time (session expiry, account locks) without sleeping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace civic {

using TimeMs = std::int64_t;  // UTC, milliseconds since 1970-01-01T00:00:00Z; how every time is stored

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs now_ms() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  TimeMs now_ms() const override;
};

// A clock that only moves when told to (tests, deterministic demo data).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimeMs start) : now_(start) {}
  TimeMs now_ms() const override { return now_; }
  void advance_ms(TimeMs delta) { now_ += delta; }
  void set_ms(TimeMs t) { now_ = t; }

 private:
  TimeMs now_;
};

// RFC 3339 in UTC with milliseconds, e.g. "2026-03-01T08:00:00.000Z" (api.md).
std::string format_rfc3339(TimeMs t);

// A time as RFC 3339 UTC ("2026-03-01T08:00:00Z", fractions allowed) or a date ("2026-03-01": the start of
// that day in the business time zone, domain/core/civil_time.h); nullopt otherwise.
std::optional<TimeMs> parse_time(std::string_view text);

}  // namespace civic
