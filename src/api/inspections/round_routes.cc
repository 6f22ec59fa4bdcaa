#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "api/inspections/inspection_routes.h"
#include "domain/core/error.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;
using service::Permission;

namespace {

json::value optional_number(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object round_json(const service::RoundSummary& r) {
  return {
      {"code", r.code},
      {"name", r.name},
      {"period", r.period},
      {"under", r.under},
      {"status", r.status},
      {"seed", r.seed},
      {"items", json::array(r.items.begin(), r.items.end())},
      {"sample_total", r.sample_total},
      {"done", r.done},
      {"to_do", r.sample_total - r.done},
      {"created_at", format_rfc3339(r.created_at)},
      {"created_by", r.created_by},
      {"completed_at", r.completed_at ? json::value(format_rfc3339(*r.completed_at)) : json::value(nullptr)},
      {"version", r.version}};
}

json::object round_detail_json(const service::RoundView& v) {
  json::object o = round_json(v.round);
  json::array strata, inspectors;
  for (const auto& s : v.strata) {
    strata.push_back({{"unit", s.unit},
                      {"unit_name", s.unit_name},
                      {"site_type", s.site_type},
                      {"population", s.population},
                      {"sample_size", s.sample_size}});
  }
  for (const auto& p : v.inspectors) {
    inspectors.push_back(
        {{"username", p.username}, {"display_name", p.display_name}, {"done", p.done}, {"to_do", p.to_do}});
  }
  o["strata"] = std::move(strata);
  o["inspectors"] = std::move(inspectors);
  return o;
}

json::object round_site_json(const service::RoundSite& s) {
  return {{"site", s.site},
          {"site_name", s.site_name},
          {"site_type", s.site_type},
          {"unit", s.unit},
          {"unit_name", s.unit_name},
          {"lat", optional_number(s.lat)},
          {"lon", optional_number(s.lon)},
          {"address", s.address},
          {"inspector", s.inspector.empty() ? json::value(nullptr) : json::value(s.inspector)},
          {"status", s.status},
          {"inspection", s.inspection ? json::value(*s.inspection) : json::value(nullptr)}};
}

json::object assignment_json(const service::RoundSite& s) {
  json::object o = round_site_json(s);
  o["round"] = s.round;
  o["round_name"] = s.round_name;
  o["period"] = s.period;
  o["draft"] = s.draft ? json::value(*s.draft) : json::value(nullptr);
  return o;
}

// The seed: a decimal string (a uint64 does not fit a JSON number exactly everywhere), or a whole number ≥ 0.
std::optional<std::string> read_seed(const http::JsonFields& body) {
  if (!body.has("seed")) return std::nullopt;
  const json::value& v = body.object().at("seed");
  if (v.is_string()) return body.text("seed");
  if (v.is_uint64() || (v.is_int64() && v.as_int64() >= 0))
    return std::to_string(v.to_number<std::uint64_t>());
  throw InvalidInput(body.path_of("seed"), "seed is an unsigned 64-bit integer as a string",
                     message_key("round.seed.invalid"));
}

service::NewRound read_new_round(const http::JsonFields& body) {
  service::NewRound in;
  in.code = body.text("code");
  in.name = body.text("name");
  in.period = body.text("period");
  in.under = body.text("under");
  in.items = body.text_list("items");
  for (const http::JsonFields& s : body.object_list("strata")) {
    in.strata.push_back({s.text("unit"), s.text("site_type"), s.integer("sample_size")});
  }
  in.default_sample_size = body.optional_integer("default_sample_size");
  in.seed = read_seed(body);
  return in;
}

std::string required_param(const http::Request& request, const char* name) {
  auto value = request.query_param(name);
  if (!value || value->empty()) {
    throw InvalidInput(name, std::string(name) + " is required", message_key("input.required"));
  }
  return *value;
}

}  // namespace

void add_round_routes(http::Router& router, service::RoundService& rounds) {
  router.get(
      "/api/rounds",
      [&rounds](http::Request& request) {
        auto page = rounds.list(principal_of(request), request.query_param("period").value_or(""),
                                page_request(request));
        return http::Response::json(200, page_json(page, round_json));
      },
      needs(Permission::read_rounds));

  router.post(
      "/api/rounds",
      [&rounds](http::Request& request) {
        json::object body = http::parse_json_object(request);
        service::NewRound in = read_new_round(http::JsonFields(body));
        return http::Response::json(201, round_detail_json(rounds.create(principal_of(request), in)));
      },
      needs(Permission::manage_rounds));

  router.get(
      "/api/rounds/{code}",
      [&rounds](http::Request& request) {
        return http::Response::json(
            200, round_detail_json(rounds.get(principal_of(request), request.param("code"))));
      },
      needs(Permission::read_rounds));

  router.get(
      "/api/rounds/{code}/sites",
      [&rounds](http::Request& request) {
        service::RoundSiteQuery query;
        query.status = request.query_param("status").value_or("");
        query.inspector = request.query_param("inspector").value_or("");
        auto page = rounds.sites(principal_of(request), request.param("code"), query, page_request(request));
        return http::Response::json(200, page_json(page, round_site_json));
      },
      needs(Permission::read_rounds));

  router.post(
      "/api/rounds/{code}/actions/assign",
      [&rounds](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        std::vector<service::Assignment> assignments;
        for (const http::JsonFields& a : body.object_list("assignments")) {
          assignments.push_back({a.text("site"), a.text("inspector")});
        }
        std::vector<std::string> inspectors = body.text_list("inspectors");
        auto view = rounds.assign(principal_of(request), request.param("code"), assignments, inspectors);
        return http::Response::json(200, round_detail_json(view));
      },
      needs(Permission::manage_rounds));

  router.post(
      "/api/rounds/{code}/actions/complete",
      [&rounds](http::Request& request) {
        return http::Response::json(
            200, round_detail_json(rounds.complete(principal_of(request), request.param("code"))));
      },
      needs(Permission::manage_rounds));

  router.get(
      "/api/my/assignments",
      [&rounds](http::Request& request) {
        auto page = rounds.my_assignments(principal_of(request), request.query_param("status").value_or(""),
                                          page_request(request));
        return http::Response::json(200, page_json(page, assignment_json));
      },
      needs(Permission::submit_inspections));

  router.get(
      "/api/inspection-form",
      [&rounds](http::Request& request) {
        auto form = rounds.form(principal_of(request), required_param(request, "round"),
                                required_param(request, "site"));
        json::array checks;
        for (const auto& c : form.checks) {
          checks.push_back({{"check", c.check},
                            {"item", c.item},
                            {"item_name", c.item_name},
                            {"text", c.text},
                            {"text_en", c.text_en ? json::value(*c.text_en) : json::value(nullptr)},
                            {"photo_required", c.photo_required}});
        }
        json::object site = round_site_json(form.site);
        json::object site_out{
            {"code", form.site.site},  {"name", form.site.site_name},      {"type", form.site.site_type},
            {"unit", form.site.unit},  {"unit_name", form.site.unit_name}, {"lat", site["lat"]},
            {"lon", site["lon"]},      {"address", form.site.address},     {"inspector", site["inspector"]},
            {"status", site["status"]}};
        return http::Response::json(200, json::object{{"round", form.round},
                                                      {"period", form.period},
                                                      {"site", std::move(site_out)},
                                                      {"checks", std::move(checks)}});
      },
      needs(Permission::read_rounds));
}

}  // namespace civic::api
