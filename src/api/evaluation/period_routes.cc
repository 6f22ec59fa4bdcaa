#include "api/evaluation/period_routes.h"

#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/route_permission.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

json::object period_json(const service::Period& p) {
  return {{"code", p.code},
          {"name", p.name},
          {"start", p.start},
          {"end", p.end},
          {"state", p.state},
          {"closed_at", p.closed_at ? json::value(format_rfc3339(*p.closed_at)) : json::value(nullptr)},
          {"closed_by", p.closed_by ? json::value(*p.closed_by) : json::value(nullptr)},
          {"framework", json::object{{"code", p.framework_code}, {"version", p.framework_version}}}};
}

void add_period_routes(http::Router& router, service::PeriodService& periods) {
  using service::Permission;
  router.post(
      "/api/periods",
      [&periods](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::NewPeriod input;
        input.code = body.text("code", TextLimit{64, false});
        input.name = body.text("name");
        input.start = to_iso(body.date("start"));
        input.end = to_iso(body.date("end"));
        input.framework = body.text("framework", TextLimit{64, false});
        input.version = static_cast<int>(body.optional_integer("version").value_or(0));
        return http::Response::json(201, period_json(periods.create(principal_of(request), input)));
      },
      needs(Permission::manage_periods));

  router.get(
      "/api/periods/{code}",
      [&periods](http::Request& request) {
        return http::Response::json(200,
                                    period_json(periods.get(principal_of(request), request.param("code"))));
      },
      needs(Permission::read_framework));

  router.post(
      "/api/periods/{code}/actions/close",
      [&periods](http::Request& request) {
        return http::Response::json(200,
                                    period_json(periods.close(principal_of(request), request.param("code"))));
      },
      needs(Permission::manage_periods));

  router.post(
      "/api/periods/{code}/actions/reopen",
      [&periods](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        std::string reason = body.optional_text("reason", kLongText).value_or("");
        return http::Response::json(
            200, period_json(periods.reopen(principal_of(request), request.param("code"), reason)));
      },
      needs(Permission::manage_periods));
}

}  // namespace civic::api
