// GET /api/health: liveness for load balancers and scripts; no sign-in.
#include "api/resource_routes.h"
#include "store/database.h"

namespace civic::api {

void add_health_routes(http::Router& router, service::Services& services) {
  router.get("/api/health",
             [&services](http::Request&) {
               return http::Response::json(200, {{"status", "ok"},
                                                 {"version", CIVIC_VERSION},
                                                 {"database", store::dialect_name(services.db.dialect())}});
             },
             {.is_public = true});
}

}  // namespace civic::api
