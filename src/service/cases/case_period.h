// The time window a case query covers (cases.md "Measures": the cases first dispatched in period P). A period
// code names a row of the periods table (its start and end dates, end included), or else a calendar period:
// "2026" (the year), "2026H1"/"2026H2", "2026Q1".."2026Q4". No code means the stored period that holds `now`,
// else the half-year that does. Days are business days (domain/core/civil_time.h): 2026H2 starts at
// 2026-07-01 00:00 in the business zone. Bounds are UTC milliseconds, [start, end).
#pragma once

#include <string>

#include "domain/core/clock.h"
#include "store/core/session.h"

namespace civic::service {

struct CasePeriod {
  std::string code;
  TimeMs start = 0, end = 0;
};

// Throws InvalidInput("period") for a code that is neither stored nor a calendar period.
CasePeriod resolve_case_period(store::Session& sql, const std::string& code, TimeMs now);

}  // namespace civic::service
