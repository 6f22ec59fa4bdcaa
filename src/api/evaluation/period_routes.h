// The period lifecycle (evidence.md "Periods"): POST /api/periods {code, name, start, end, framework,
// version}, GET /api/periods/{code}, POST /api/periods/{code}/actions/close, POST
// /api/periods/{code}/actions/reopen {reason}. GET /api/periods is in evaluation_routes.h; both answer
// periods as period_json.
#pragma once

#include <boost/json/object.hpp>

#include "http/router.h"
#include "service/evaluation/evaluation_service.h"
#include "service/evaluation/period_service.h"

namespace civic::api {

// {code, name, start, end, state, closed_at, closed_by, framework: {code, version}}.
boost::json::object period_json(const service::Period& p);

void add_period_routes(http::Router& router, service::PeriodService& periods);

}  // namespace civic::api
