// Volunteers (志愿者, participation.md "Volunteers"):
//   POST /api/public/volunteers (no sign-in, no CSRF; a token bucket per client address, 429 rate_limited)
//   → pending; GET|POST /api/volunteers (scoped list: state, unit, team, q, paging; an officer enters one,
//   confirmed at once), GET /api/volunteers/export?format=xlsx|csv, GET /api/volunteers/{code}[?reveal=
//   phone|id_number] (masked; reveal needs reveal_personal_data and is audited), POST
//   /api/volunteers/{code}/actions/confirm|reject; teams: GET|POST /api/volunteer-teams, POST
//   /api/volunteer-teams/{code}/members, DELETE /api/volunteer-teams/{code}/members/{volunteer}.
#pragma once

#include "http/router.h"
#include "service/participation/volunteer_service.h"

namespace civic::api {

void add_volunteer_routes(http::Router& router, service::VolunteerService& volunteers);

}  // namespace civic::api
