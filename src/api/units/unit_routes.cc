// The unit tree (unit_routes.h).
#include "api/units/unit_routes.h"

#include <boost/json.hpp>
#include <climits>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

using service::Permission;

int sort_order_of(const http::JsonFields& fields) {
  std::int64_t value = fields.integer("sort_order");
  if (value < INT32_MIN || value > INT32_MAX) {
    throw InvalidInput(fields.path_of("sort_order"), "sort_order is out of range",
                       message_key("unit.sort_order.range"));
  }
  return static_cast<int>(value);
}

long long population_of(const http::JsonFields& fields) {
  std::int64_t value = fields.integer("population");
  if (value < 0) {
    throw InvalidInput(fields.path_of("population"), "population must not be negative",
                       message_key("unit.population.negative"));
  }
  return value;
}

}  // namespace

void add_unit_routes(http::Router& router, service::UnitService& units) {
  router.get(
      "/api/units",
      [&units](http::Request& request) {
        const service::Principal& who = principal_of(request);
        // ?parent=CODE: that unit's direct children (one level of the tree), all at once.
        if (auto parent = request.query_param("parent")) {
          if (parent->empty()) {
            throw InvalidInput("parent", "parent must name a unit code", message_key("unit.parent.required"));
          }
          std::vector<Unit> children = units.children(who, *parent);
          Page<Unit> page{children, static_cast<long long>(children.size()), 1,
                          static_cast<int>(children.size())};
          return http::Response::json(200, page_json(page, unit_json));
        }
        service::UnitQuery query;
        query.under = request.query_param("under").value_or("");
        if (auto type = request.query_param("type"); type && !type->empty())
          query.type = parse_unit_type(*type, "type");
        query.text = request.query_param("q").value_or("");
        if (char_count(query.text) > kShortText.max_chars)
          throw InvalidInput(
              "q", "q is longer than " + std::to_string(kShortText.max_chars) + " characters",
              message_key("input.text.too_long", {{"max", std::to_string(kShortText.max_chars)}}));
        return http::Response::json(200, page_json(units.list(who, query, page_request(request)), unit_json));
      },
      needs(Permission::read_units));

  router.get(
      "/api/units/{code}",
      [&units](http::Request& request) {
        return http::Response::json(200, unit_json(units.get(principal_of(request), request.param("code"))));
      },
      needs(Permission::read_units));

  router.post(
      "/api/units",
      [&units](http::Request& request) {
        json::object body = http::parse_json_object(request);
        http::JsonFields fields(body);
        service::UnitDraft draft;
        draft.code = fields.text("code");
        draft.name = fields.text("name");
        draft.name_en = fields.optional_text("name_en").value_or("");
        draft.type = parse_unit_type(fields.text("type"), fields.path_of("type"));
        draft.parent_code = fields.text("parent_code");
        if (fields.has("population")) draft.population = population_of(fields);
        if (fields.has("sort_order")) draft.sort_order = sort_order_of(fields);
        return http::Response::json(201, unit_json(units.create(principal_of(request), draft)));
      },
      needs(Permission::manage_units));

  router.put(
      "/api/units/{code}",
      [&units](http::Request& request) {
        json::object body = http::parse_json_object(request);
        http::JsonFields fields(body);
        long long version = fields.integer("version");
        service::UnitChanges changes;
        if (fields.has("name")) changes.name = fields.text("name");
        changes.name_en = fields.optional_text("name_en");
        if (auto t = fields.optional_text("type")) changes.type = parse_unit_type(*t, fields.path_of("type"));
        if (fields.has("population")) changes.population = population_of(fields);
        if (fields.has("sort_order")) changes.sort_order = sort_order_of(fields);
        Unit unit = units.update(principal_of(request), request.param("code"), changes, version);
        return http::Response::json(200, unit_json(unit));
      },
      needs(Permission::manage_units));
}

}  // namespace civic::api
