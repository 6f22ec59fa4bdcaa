// The registration functions not yet in a header of their feature (api/<feature>/<feature>_routes.h, which
// takes only the services the feature uses, as api/core/health_routes.h does); register_routes calls them.
#pragma once

#include "api/core/routes.h"

namespace civic::api {

void add_evaluation_routes(http::Router& router, service::Services& services);
void add_plan_routes(http::Router& router, service::Services& services);
void add_task_routes(http::Router& router, service::Services& services);
void add_openapi_routes(http::Router& router, const ApiOptions& options);

}  // namespace civic::api
