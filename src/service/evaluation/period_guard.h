// The check every evidence write makes first (evidence.md "Periods"): the period exists and is open.
#pragma once

#include <soci/soci.h>

#include <string>

namespace civic::service {

// The period's row id. Throws NotFound (key "period.not_found", arg period) when no period has the code and
// Conflict (key "period.closed", arg period, field "period") when it is closed. Call inside the writing
// transaction.
long long require_open_period(soci::session& sql, const std::string& period_code);

}  // namespace civic::service
