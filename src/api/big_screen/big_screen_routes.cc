#include "api/big_screen/big_screen_routes.h"

#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/route_permission.h"

namespace civic::api {

namespace json = boost::json;

namespace {

json::value opt(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::array scores_json(const std::vector<service::ScreenUnitScore>& v) {
  json::array a;
  for (const auto& s : v) {
    a.push_back(json::object{{"unit", s.unit},
                             {"unit_name", s.unit_name},
                             {"total_rate", opt(s.total_rate)},
                             {"coverage", s.coverage},
                             {"rank", s.rank}});
  }
  return a;
}

json::object flow_json(const service::CaseFlow& f) {
  return {{"reported", f.reported}, {"dispatched", f.dispatched}, {"fixed", f.fixed}, {"overdue", f.overdue}};
}

}  // namespace

void add_big_screen_routes(http::Router& router, service::BigScreenService& screen) {
  router.get(
      "/api/big-screen",
      [&screen](http::Request& request) {
        auto b = screen.get(principal_of(request), request.query_param("period").value_or(""));
        json::array trend, sites, progress;
        for (const auto& p : b.trend) {
          trend.push_back(json::object{{"period", p.period},
                                       {"name", p.name},
                                       {"total_rate", opt(p.total_rate)},
                                       {"children", scores_json(p.children)}});
        }
        for (const auto& s : b.sites) {
          sites.push_back(
              json::object{{"code", s.code},
                           {"name", s.name},
                           {"type", s.type},
                           {"unit", s.unit},
                           {"lat", opt(s.lat)},
                           {"lon", opt(s.lon)},
                           {"last_result", s.last_result},
                           {"last_inspected", s.last_inspected.empty() ? json::value(nullptr)
                                                                       : json::value(s.last_inspected)}});
        }
        for (const auto& p : b.progress) {
          progress.push_back(
              json::object{{"unit", p.unit},
                           {"unit_name", p.unit_name},
                           {"progress", opt(p.progress)},
                           {"expected", opt(p.expected)},
                           {"status", p.status.empty() ? json::value(nullptr) : json::value(p.status)}});
        }
        return http::Response::json(
            200, json::object{{"period", b.period},
                              {"period_name", b.period_name},
                              {"unit", b.unit},
                              {"unit_name", b.unit_name},
                              {"generated_at", format_rfc3339(b.generated_at)},
                              {"total_rate", opt(b.total_rate)},
                              {"ranking", scores_json(b.ranking)},
                              {"trend", std::move(trend)},
                              {"sites", std::move(sites)},
                              {"cases", json::object{{"today", flow_json(b.today)},
                                                     {"period", flow_json(b.in_period)}}},
                              {"plan", b.plan.empty() ? json::value(nullptr) : json::value(b.plan)},
                              {"progress", std::move(progress)}});
      },
      needs(service::Permission::view_big_screen));
}

}  // namespace civic::api
