// Sites (点位) within the caller's scope: GET /api/sites[?under=UNIT&type=TYPE&q=TEXT&page&page_size],
// GET/PUT/DELETE /api/sites/{code}, POST /api/sites, POST /api/sites/import (text/csv, ≤ 5 MiB, all or
// nothing; a table error answers 400 with `errors:[{row, column, message}]`), GET /api/sites/export
// [?under&type&header=zh] (text/csv with a BOM), GET /api/site-types[?period=].
#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/resource_routes.h"
#include "domain/core/error.h"
#include "domain/core/table_errors.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr size_t kSiteCsvLimit = 5u << 20;

json::value optional_number(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object site_json(const store::SiteRecord& s) {
  return {{"code", s.code},
          {"name", s.name},
          {"type", s.type},
          {"unit", s.unit},
          {"unit_name", s.unit_name},
          {"lat", optional_number(s.lat)},
          {"lon", optional_number(s.lon)},
          {"address", s.address},
          {"grid_cell", s.grid_cell},
          {"version", s.version}};
}

// A number member, null or absent as nullopt.
std::optional<double> optional_double(const json::object& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_double()) return it->value().as_double();
  if (it->value().is_int64()) return static_cast<double>(it->value().as_int64());
  if (it->value().is_uint64()) return static_cast<double>(it->value().as_uint64());
  throw InvalidInput(field, std::string(field) + " must be a number or null");
}

service::SiteDraft draft_from(const json::object& body, std::string code) {
  service::SiteDraft d;
  d.code = std::move(code);
  d.name = http::require_string(body, "name");
  d.type = http::require_string(body, "type");
  d.unit = http::require_string(body, "unit");
  d.lat = optional_double(body, "lat");
  d.lon = optional_double(body, "lon");
  d.address = http::optional_string(body, "address").value_or("");
  d.grid_cell = http::optional_string(body, "grid_cell").value_or("");
  return d;
}

service::SiteQuery site_query(const http::Request& request) {
  service::SiteQuery query;
  query.under = request.query_param("under").value_or("");
  query.type = request.query_param("type").value_or("");
  query.text = request.query_param("q").value_or("");
  return query;
}

}  // namespace

void add_site_routes(http::Router& router, service::Services& services) {
  router.get("/api/sites", [&services](http::Request& request) {
    auto page = services.sites.search(principal_of(request), site_query(request), page_request(request));
    return http::Response::json(200, page_json(page, site_json));
  });

  // Literal paths before /api/sites/{code}: the router takes the first match.
  router.get("/api/sites/export", [&services](http::Request& request) {
    std::string header = request.query_param("header").value_or("en");
    if (header != "en" && header != "zh") throw InvalidInput("header", "header is en or zh");
    http::Response response;
    response.status = 200;
    response.body = services.sites.export_csv(principal_of(request), site_query(request), header == "zh");
    response.set_header("Content-Type", "text/csv; charset=utf-8");
    response.set_header("Content-Disposition", "attachment; filename=\"sites.csv\"");
    return response;
  });

  router.post("/api/sites/import",
              [&services](http::Request& request) {
                try {
                  auto summary = services.sites.import_csv(principal_of(request), request.body);
                  return http::Response::json(
                      200, json::object{{"created", summary.created}, {"updated", summary.updated}});
                } catch (const InvalidTable& e) {
                  return table_error_response(e);
                }
              },
              {.body_limit = kSiteCsvLimit});

  router.get("/api/sites/{code}", [&services](http::Request& request) {
    return http::Response::json(200,
                                site_json(services.sites.get(principal_of(request), request.param("code"))));
  });

  router.post("/api/sites", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    service::SiteDraft draft = draft_from(body, http::require_string(body, "code"));
    return http::Response::json(201, site_json(services.sites.create(principal_of(request), draft)));
  });

  router.put("/api/sites/{code}", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    long long version = http::require_int(body, "version");
    service::SiteDraft draft = draft_from(body, request.param("code"));
    return http::Response::json(200, site_json(services.sites.update(principal_of(request), draft, version)));
  });

  router.del("/api/sites/{code}", [&services](http::Request& request) {
    services.sites.remove(principal_of(request), request.param("code"));
    return http::Response::no_content();
  });

  router.get("/api/site-types", [&services](http::Request& request) {
    json::array out;
    for (const auto& t :
         services.sites.site_types(principal_of(request), request.query_param("period").value_or(""))) {
      out.push_back(json::object{{"type", t.type}, {"site_count", t.site_count}});
    }
    return http::Response::json(200, out);
  });
}

}  // namespace civic::api
