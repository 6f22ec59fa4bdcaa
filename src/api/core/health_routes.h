// GET /api/health: liveness for load balancers and scripts; no sign-in. Names the version and the kind of
// database ("sqlite" or "postgresql").
#pragma once

#include <string>

#include "http/router.h"

namespace civic::api {

void add_health_routes(http::Router& router, std::string database_name);

}  // namespace civic::api
