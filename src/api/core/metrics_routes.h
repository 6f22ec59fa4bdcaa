// GET /metrics (Prometheus text format) and the middleware that measures every routed request into
// `metrics` by method, route pattern (never the raw path, so ids do not explode the series) and status,
// including errors answered for thrown exceptions. Register it before every other middleware so that it is
// outermost and sees 401/403 too. /metrics needs `Authorization: Bearer <token>`; with an empty token it is
// switched off and answers 404 like any unknown path.
#pragma once

#include <string>

#include "http/router.h"
#include "platform/metrics.h"

namespace civic::api {

void add_metrics_routes(http::Router& router, platform::Metrics& metrics, std::string token);

}  // namespace civic::api
