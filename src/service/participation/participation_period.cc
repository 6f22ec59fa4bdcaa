#include "service/participation/participation_period.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>

#include "domain/core/error.h"
#include "store/evaluation/evaluation_repository.h"

namespace civic::service {

namespace {

constexpr TimeMs kDayMs = 86400000;

// "2026-03-01": the start of that day in the business time zone (domain/core/clock.h parse_time).
std::optional<TimeMs> day_start(const std::string& ymd) {
  return parse_time(ymd);
}

}  // namespace

std::pair<TimeMs, TimeMs> participation_period_range(store::Session& sql, const std::string& period) {
  auto unknown = [&] {
    return InvalidInput("period", "unknown period " + period,
                        message_key("activity.period.unknown", {{"period", period}}));
  };
  if (auto stored = store::EvaluationRepository(sql).find_period(period)) {
    auto from = day_start(stored->start), last = day_start(stored->end);
    if (from && last) return {*from, *last + kDayMs};
  }
  // 2026, 2026H1, 2026H2, 2026Q1..Q4
  if (period.size() < 4 || !std::all_of(period.begin(), period.begin() + 4, ::isdigit)) throw unknown();
  std::string year = period.substr(0, 4), rest = period.substr(4);
  int first = 1, months = 12;
  if (rest == "H1" || rest == "H2") {
    first = rest == "H1" ? 1 : 7;
    months = 6;
  } else if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
    first = 1 + (rest[1] - '1') * 3;
    months = 3;
  } else if (!rest.empty()) {
    throw unknown();
  }
  auto date = [](int y, int m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-01", y + (m - 1) / 12, (m - 1) % 12 + 1);
    return std::string(buf);
  };
  int y = std::stoi(year);
  auto from = day_start(date(y, first)), to = day_start(date(y, first + months));
  if (!from || !to) throw unknown();
  return {*from, *to};
}

}  // namespace civic::service
