// One registration function per resource, each in its own <resource>_routes.cc; register_routes calls them.
#pragma once

#include "api/routes.h"

namespace civic::api {

void add_health_routes(http::Router& router, service::Services& services);
void add_auth_routes(http::Router& router, service::Services& services, const ApiOptions& options);
void add_unit_routes(http::Router& router, service::Services& services);
void add_user_routes(http::Router& router, service::Services& services);
void add_audit_routes(http::Router& router, service::Services& services);
void add_evaluation_routes(http::Router& router, service::Services& services);
void add_site_routes(http::Router& router, service::Services& services);
void add_openapi_routes(http::Router& router, const ApiOptions& options);

}  // namespace civic::api
