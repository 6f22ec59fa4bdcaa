// The time range a participation read covers (activities, their records, the report, the national sheet):
// a stored period's days [start, end + 1 day) in the business time zone, or a calendar code — 2026 (the
// year), 2026H1/H2, 2026Q1..Q4 — that needs no stored period. Anything else is 400 activity.period.unknown.
#pragma once

#include <string>
#include <utility>

#include "domain/core/clock.h"
#include "store/core/session.h"

namespace civic::service {

std::pair<TimeMs, TimeMs> participation_period_range(store::Session& sql, const std::string& period);

}  // namespace civic::service
