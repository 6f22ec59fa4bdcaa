// Sites (点位) within the caller's scope: GET /api/sites[?under=UNIT&type=TYPE&q=TEXT&page&page_size].
#include <boost/json.hpp>

#include "api/authentication.h"
#include "api/query_params.h"
#include "api/resource_json.h"
#include "api/resource_routes.h"

namespace civic::api {

namespace json = boost::json;

namespace {

json::object site_json(const store::SiteRow& s) {
  return {{"code", s.code},
          {"name", s.name},
          {"type", s.type},
          {"unit", s.unit},
          {"unit_name", s.unit_name},
          {"lat", s.lat ? json::value(*s.lat) : json::value(nullptr)},
          {"lon", s.lon ? json::value(*s.lon) : json::value(nullptr)}};
}

}  // namespace

void add_site_routes(http::Router& router, service::Services& services) {
  router.get("/api/sites", [&services](http::Request& request) {
    service::SiteQuery query;
    query.under = request.query_param("under").value_or("");
    query.type = request.query_param("type").value_or("");
    query.text = request.query_param("q").value_or("");
    auto page = services.sites.list(principal_of(request), query, page_request(request));
    return http::Response::json(200, page_json(page, site_json));
  });
}

}  // namespace civic::api
