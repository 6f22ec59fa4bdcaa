#include "domain/core/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"

namespace civic {

TimeMs SystemClock::now_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_rfc3339(TimeMs t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  int ms = static_cast<int>(t % 1000);
  if (ms < 0) {
    ms += 1000;
    secs -= 1;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<TimeMs> parse_time(std::string_view text) {
  auto date = parse_iso_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  if (text.size() == 10) return start_of_day(*date);
  TimeMs t = static_cast<TimeMs>(day_number(*date)) * 86'400'000;  // the UTC day the time is written in
  int hh, mm, ss;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || !digits(text, 11, 2, hh) ||
      text[13] != ':' || !digits(text, 14, 2, mm) || text[16] != ':' || !digits(text, 17, 2, ss) || hh > 23 ||
      mm > 59 || ss > 60) {
    return std::nullopt;
  }
  size_t pos = 19;
  int millis = 0;
  if (text[pos] == '.') {
    size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
    std::string frac(text.substr(start, std::min<size_t>(pos - start, 3)));
    frac.resize(3, '0');
    millis = std::stoi(frac);
  }
  if (pos + 1 != text.size() || (text[pos] != 'Z' && text[pos] != 'z')) return std::nullopt;
  return t + ((hh * 60 + mm) * 60 + ss) * 1000LL + millis;
}

}  // namespace civic
