#include "api/core/health_routes.h"

namespace civic::api {

void add_health_routes(http::Router& router, std::string database_name) {
  router.get("/api/health",
             [database_name](http::Request&) {
               return http::Response::json(
                   200, {{"status", "ok"}, {"version", CIVIC_VERSION}, {"database", database_name}});
             },
             {.is_public = true});
}

}  // namespace civic::api
