// Negative-list events (负面清单, evidence.md "Negative-list events").
// GET /api/penalties?period=&unit=&type=&state=recorded|withdrawn&page (read_scores, units in scope),
// GET /api/penalties/export?format=xlsx|csv, GET /api/penalties/{id}, POST /api/penalties (office:
// {"period","unit","type","date","description","files"}), POST /api/penalties/{id}/actions/withdraw
// {"reason"} (office).
#pragma once

#include "http/router.h"
#include "service/evaluation/penalty_service.h"

namespace civic::api {

void add_penalty_routes(http::Router& router, service::PenaltyService& penalties);

}  // namespace civic::api
