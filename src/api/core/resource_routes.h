// The registration functions not yet in a header of their feature (api/<feature>/<feature>_routes.h, which
// takes only the services the feature uses, as api/core/health_routes.h does); register_routes calls them.
#pragma once

#include "api/core/routes.h"

namespace civic::api {

void add_audit_routes(http::Router& router, service::Services& services);
void add_case_routes(http::Router& router, service::Services& services);
void add_notification_routes(http::Router& router, service::Services& services);
// Public reports (随手拍) and Open311 GeoReport v2: anonymous, rate-limited per client IP.
void add_public_routes(http::Router& router, service::Services& services);
void add_open311_routes(http::Router& router, service::Services& services);

}  // namespace civic::api
