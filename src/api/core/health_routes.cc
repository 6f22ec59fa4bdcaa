#include "api/core/health_routes.h"

#include <boost/json.hpp>

namespace civic::api {

void add_health_routes(http::Router& router, std::string database_name, ReadinessProbe readiness) {
  router.get("/api/health",
             [database_name](http::Request&) {
               return http::Response::json(
                   200, {{"status", "ok"}, {"version", CIVIC_VERSION}, {"database", database_name}});
             },
             {.is_public = true});
  router.get("/api/ready",
             [readiness = std::move(readiness)](http::Request&) {
               boost::json::object checks;
               bool ready = true;
               if (readiness) {
                 for (const auto& check : readiness()) {
                   ready = ready && check.ok;
                   boost::json::object c{{"ok", check.ok}};
                   if (!check.ok) c["error"] = check.error;
                   checks[check.name] = std::move(c);
                 }
               }
               return http::Response::json(ready ? 200 : 503, {{"status", ready ? "ready" : "not_ready"},
                                                               {"checks", std::move(checks)}});
             },
             {.is_public = true});
}

}  // namespace civic::api
