// GET /api/health: liveness for load balancers and scripts; no sign-in. Names the version and the kind of
// database ("sqlite" or "postgresql"); touches nothing.
// GET /api/ready: readiness: 200 {"status": "ready", "checks": {...}} when the database answers and the files
// directory is writable, else 503 {"status": "not_ready", "checks": {name: {"ok", "error"}}}; no sign-in,
// no detail beyond the check's name and a short cause.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/router.h"
#include "service/core/readiness.h"

namespace civic::api {

using ReadinessProbe = std::function<std::vector<service::ReadinessCheck>()>;

void add_health_routes(http::Router& router, std::string database_name, ReadinessProbe readiness = {});

}  // namespace civic::api
