// The unit tree within the caller's scope: GET /api/units[?parent=CODE | ?under=CODE&type=T&page&page_size],
// GET/PUT /api/units/{code}, POST /api/units.
#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/resource_routes.h"
#include "domain/core/error.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

int int_field(const char* field, std::int64_t value) {
  if (value < INT32_MIN || value > INT32_MAX)
    throw InvalidInput(field, std::string(field) + " is out of range");
  return static_cast<int>(value);
}

long long population_field(std::int64_t value) {
  if (value < 0) throw InvalidInput("population", "population must not be negative");
  return value;
}

}  // namespace

void add_unit_routes(http::Router& router, service::Services& services) {
  router.get("/api/units", [&services](http::Request& request) {
    const service::Principal& who = principal_of(request);
    // ?parent=CODE: that unit's direct children (one level of the tree), all at once.
    if (auto parent = request.query_param("parent")) {
      if (parent->empty()) throw InvalidInput("parent", "parent must name a unit code");
      std::vector<Unit> children = services.units.children(who, *parent);
      Page<Unit> page{children, static_cast<long long>(children.size()), 1,
                      static_cast<int>(children.size())};
      return http::Response::json(200, page_json(page, unit_json));
    }
    service::UnitQuery query;
    query.under = request.query_param("under").value_or("");
    if (auto type = request.query_param("type"); type && !type->empty())
      query.type = parse_unit_type(*type, "type");
    return http::Response::json(200,
                                page_json(services.units.list(who, query, page_request(request)), unit_json));
  });

  router.get("/api/units/{code}", [&services](http::Request& request) {
    return http::Response::json(200,
                                unit_json(services.units.get(principal_of(request), request.param("code"))));
  });

  router.post("/api/units", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    service::UnitDraft draft;
    draft.code = http::require_string(body, "code");
    draft.name = http::require_string(body, "name");
    draft.name_en = http::optional_string(body, "name_en").value_or("");
    draft.type = parse_unit_type(http::require_string(body, "type"), "type");
    draft.parent_code = http::require_string(body, "parent_code");
    if (auto p = http::optional_int(body, "population")) draft.population = population_field(*p);
    if (auto s = http::optional_int(body, "sort_order")) draft.sort_order = int_field("sort_order", *s);
    return http::Response::json(201, unit_json(services.units.create(principal_of(request), draft)));
  });

  router.put("/api/units/{code}", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    long long version = http::require_int(body, "version");
    service::UnitChanges changes;
    changes.name = http::optional_string(body, "name");
    if (changes.name && changes.name->empty()) throw InvalidInput("name", "name must not be empty");
    changes.name_en = http::optional_string(body, "name_en");
    if (auto t = http::optional_string(body, "type")) changes.type = parse_unit_type(*t, "type");
    if (auto p = http::optional_int(body, "population")) changes.population = population_field(*p);
    if (auto s = http::optional_int(body, "sort_order")) changes.sort_order = int_field("sort_order", *s);
    Unit unit = services.units.update(principal_of(request), request.param("code"), changes, version);
    return http::Response::json(200, unit_json(unit));
  });
}

}  // namespace civic::api
