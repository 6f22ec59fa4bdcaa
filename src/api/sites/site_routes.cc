#include "api/sites/site_routes.h"

#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"
#include "domain/core/error.h"
#include "domain/core/table_errors.h"
#include "domain/sites/site_table.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr size_t kSiteCsvLimit = 5u << 20;

json::value optional_number(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object site_json(const service::Site& s) {
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

service::SiteDraft draft_from(const http::JsonFields& body, std::string code) {
  service::SiteDraft d;
  d.code = std::move(code);
  d.name = body.text("name");
  d.type = body.text("type");
  d.unit = body.text("unit");
  d.lat = body.optional_number("lat");
  d.lon = body.optional_number("lon");
  d.address = body.optional_text("address", TextLimit{500, false}).value_or("");
  d.grid_cell = body.optional_text("grid_cell", TextLimit{100, false}).value_or("");
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

void add_site_routes(http::Router& router, service::SiteService& sites) {
  using service::Permission;
  router.get(
      "/api/sites",
      [&sites](http::Request& request) {
        auto page = sites.search(principal_of(request), site_query(request), page_request(request));
        return http::Response::json(200, page_json(page, site_json));
      },
      needs(Permission::read_sites));

  // Literal paths before /api/sites/{code}: the router takes the first match.
  router.get(
      "/api/sites/export",
      [&sites](http::Request& request) {
        std::string format = request.query_param("format").value_or("csv");
        require_table_format(format);
        if (format == "xlsx") {
          auto rows = sites.export_rows(principal_of(request), site_query(request));
          return table_download(site_table_cells(rows), format, "sites", "点位");
        }
        std::string header = request.query_param("header").value_or("en");
        if (header != "en" && header != "zh") {
          throw InvalidInput("header", "header is en or zh", message_key("site.export.header"));
        }
        http::Response response;
        response.status = 200;
        response.body = sites.export_csv(principal_of(request), site_query(request), header == "zh");
        response.set_header("Content-Type", "text/csv; charset=utf-8");
        response.set_header("Content-Disposition", "attachment; filename=\"sites.csv\"");
        return response;
      },
      needs(Permission::read_sites));

  router.post(
      "/api/sites/import",
      [&sites](http::Request& request) {
        try {
          auto summary = sites.import_csv(principal_of(request), request.body);
          return http::Response::json(
              200, json::object{{"created", summary.created}, {"updated", summary.updated}});
        } catch (const InvalidTable& e) {
          return table_error_response(e);
        }
      },
      needs(Permission::manage_sites, {.body_limit = kSiteCsvLimit}));

  router.get(
      "/api/sites/{code}",
      [&sites](http::Request& request) {
        return http::Response::json(200, site_json(sites.get(principal_of(request), request.param("code"))));
      },
      needs(Permission::read_sites));

  router.post(
      "/api/sites",
      [&sites](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::SiteDraft draft = draft_from(body, body.text("code", TextLimit{64, false}));
        return http::Response::json(201, site_json(sites.create(principal_of(request), draft)));
      },
      needs(Permission::manage_sites));

  router.put(
      "/api/sites/{code}",
      [&sites](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        long long version = body.integer("version");
        service::SiteDraft draft = draft_from(body, request.param("code"));
        return http::Response::json(200, site_json(sites.update(principal_of(request), draft, version)));
      },
      needs(Permission::manage_sites));

  router.del(
      "/api/sites/{code}",
      [&sites](http::Request& request) {
        sites.remove(principal_of(request), request.param("code"));
        return http::Response::no_content();
      },
      needs(Permission::manage_sites));

  router.get(
      "/api/site-types",
      [&sites](http::Request& request) {
        json::array out;
        for (const auto& t :
             sites.site_types(principal_of(request), request.query_param("period").value_or(""))) {
          out.push_back(json::object{{"type", t.type}, {"site_count", t.site_count}});
        }
        return http::Response::json(200, out);
      },
      needs(Permission::read_sites));
}

}  // namespace civic::api
