// Leadership groups (领导小组, 指导委员会) and responsible persons (第一责任人, 联络员), issue 19's first
// slice (docs/organisation-over-time.md):
//   GET|POST /api/units/{code}/leadership-groups[?date=] — the unit's groups with the version in force on
//   the date (default today); POST forms one with its first version.
//   GET /api/leadership-groups/{code}[?date=YYYY-MM-DD] — the composition in force on the date;
//   GET|POST /api/leadership-groups/{code}/versions — every version newest first; POST re-forms from a date.
//   GET|PUT /api/units/{code}/responsible-persons[?reveal=phone] — current holders and history (phones
//   masked; reveal needs reveal_personal_data and is audited); PUT sets a new holder from a date.
#pragma once

#include "http/router.h"
#include "service/organisation/leadership_service.h"

namespace civic::api {

void add_leadership_routes(http::Router& router, service::LeadershipService& leadership);

}  // namespace civic::api
