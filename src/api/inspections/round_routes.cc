// Inspection rounds (contract.md "Rounds, assignments, inspections"): GET/POST /api/rounds,
// GET /api/rounds/{code}, GET /api/rounds/{code}/sites, POST /api/rounds/{code}/actions/assign|complete,
// GET /api/my/assignments, GET /api/inspection-form?round=&site=.
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

json::value optional_number(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object round_json(const store::RoundRow& r) {
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
      {"completed_at", r.completed_at ? json::value(format_rfc3339(r.completed_at)) : json::value(nullptr)},
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

json::object round_site_json(const store::RoundSiteRow& s) {
  std::string status = s.status == "to_do" && s.draft ? "draft" : s.status;
  return {{"site", s.site},
          {"site_name", s.site_name},
          {"site_type", s.site_type},
          {"unit", s.unit},
          {"unit_name", s.unit_name},
          {"lat", optional_number(s.lat)},
          {"lon", optional_number(s.lon)},
          {"address", s.address},
          {"inspector", s.inspector.empty() ? json::value(nullptr) : json::value(s.inspector)},
          {"status", status},
          {"inspection", s.inspection ? json::value(*s.inspection) : json::value(nullptr)}};
}

json::object assignment_json(const store::RoundSiteRow& s) {
  json::object o = round_site_json(s);
  o["round"] = s.round;
  o["round_name"] = s.round_name;
  o["period"] = s.period;
  o["draft"] = s.draft ? json::value(*s.draft) : json::value(nullptr);
  return o;
}

const json::array& array_member(const json::object& body, const char* field) {
  static const json::array empty;
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return empty;
  if (!it->value().is_array()) throw InvalidInput(field, std::string(field) + " must be an array");
  return it->value().as_array();
}

std::string string_at(const json::value& v, const std::string& field) {
  if (!v.is_string() || v.as_string().empty())
    throw InvalidInput(field, field + " must be a non-empty string");
  return std::string(v.as_string());
}

const json::object& object_at(const json::value& v, const std::string& field) {
  if (!v.is_object()) throw InvalidInput(field, field + " must be an object");
  return v.as_object();
}

long long size_at(const json::value& v, const std::string& field) {
  if (!v.is_int64() && !v.is_uint64()) throw InvalidInput(field, field + " must be a whole number");
  return v.to_number<long long>();
}

// Member `key` of `o`, a non-empty string; errors name `at`.`key`.
std::string member_string(const json::object& o, const char* key, const std::string& at) {
  std::string field = at + "." + key;
  auto it = o.find(key);
  if (it == o.end()) throw InvalidInput(field, std::string(key) + " is required");
  return string_at(it->value(), field);
}

std::string required_param(const http::Request& request, const char* name) {
  auto value = request.query_param(name);
  if (!value || value->empty()) throw InvalidInput(name, std::string(name) + " is required");
  return *value;
}

}  // namespace

void add_round_routes(http::Router& router, service::Services& services) {
  router.get("/api/rounds", [&services](http::Request& request) {
    auto page = services.rounds.list(principal_of(request), request.query_param("period").value_or(""),
                                     page_request(request));
    return http::Response::json(200, page_json(page, round_json));
  });

  router.post("/api/rounds", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    service::NewRound in;
    in.code = http::require_string(body, "code");
    in.name = http::require_string(body, "name");
    in.period = http::require_string(body, "period");
    in.under = http::require_string(body, "under");
    const auto& items = array_member(body, "items");
    for (size_t i = 0; i < items.size(); ++i)
      in.items.push_back(string_at(items[i], "items[" + std::to_string(i) + "]"));
    const auto& strata = array_member(body, "strata");
    for (size_t i = 0; i < strata.size(); ++i) {
      std::string at = "strata[" + std::to_string(i) + "]";
      const auto& s = object_at(strata[i], at);
      service::StratumRequest r;
      r.unit = member_string(s, "unit", at);
      r.site_type = member_string(s, "site_type", at);
      if (!s.contains("sample_size")) throw InvalidInput(at + ".sample_size", "sample_size is required");
      r.sample_size = size_at(s.at("sample_size"), at + ".sample_size");
      in.strata.push_back(r);
    }
    if (auto it = body.find("default_sample_size"); it != body.end() && !it->value().is_null()) {
      in.default_sample_size = size_at(it->value(), "default_sample_size");
    }
    if (auto it = body.find("seed"); it != body.end() && !it->value().is_null()) {
      // a string (uint64 does not fit a JSON number exactly everywhere); a whole number is accepted too
      if (it->value().is_string()) {
        in.seed = std::string(it->value().as_string());
      } else if (it->value().is_uint64() || (it->value().is_int64() && it->value().as_int64() >= 0)) {
        in.seed = std::to_string(it->value().to_number<std::uint64_t>());
      } else {
        throw InvalidInput("seed", "seed is an unsigned 64-bit integer as a string");
      }
    }
    return http::Response::json(201, round_detail_json(services.rounds.create(principal_of(request), in)));
  });

  router.get("/api/rounds/{code}", [&services](http::Request& request) {
    return http::Response::json(
        200, round_detail_json(services.rounds.get(principal_of(request), request.param("code"))));
  });

  router.get("/api/rounds/{code}/sites", [&services](http::Request& request) {
    service::RoundSiteQuery query;
    query.status = request.query_param("status").value_or("");
    query.inspector = request.query_param("inspector").value_or("");
    auto page =
        services.rounds.sites(principal_of(request), request.param("code"), query, page_request(request));
    return http::Response::json(200, page_json(page, round_site_json));
  });

  router.post("/api/rounds/{code}/actions/assign", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    std::vector<service::Assignment> assignments;
    const auto& list = array_member(body, "assignments");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = "assignments[" + std::to_string(i) + "]";
      const auto& a = object_at(list[i], at);
      assignments.push_back({member_string(a, "site", at), member_string(a, "inspector", at)});
    }
    std::vector<std::string> inspectors;
    const auto& names = array_member(body, "inspectors");
    for (size_t i = 0; i < names.size(); ++i)
      inspectors.push_back(string_at(names[i], "inspectors[" + std::to_string(i) + "]"));
    auto view = services.rounds.assign(principal_of(request), request.param("code"), assignments, inspectors);
    return http::Response::json(200, round_detail_json(view));
  });

  router.post("/api/rounds/{code}/actions/complete", [&services](http::Request& request) {
    return http::Response::json(
        200, round_detail_json(services.rounds.complete(principal_of(request), request.param("code"))));
  });

  router.get("/api/my/assignments", [&services](http::Request& request) {
    auto page = services.rounds.my_assignments(
        principal_of(request), request.query_param("status").value_or(""), page_request(request));
    return http::Response::json(200, page_json(page, assignment_json));
  });

  router.get("/api/inspection-form", [&services](http::Request& request) {
    auto form = services.rounds.form(principal_of(request), required_param(request, "round"),
                                     required_param(request, "site"));
    json::array checks;
    for (const auto& c : form.checks) {
      checks.push_back({{"check", c.check},
                        {"item", c.item},
                        {"item_name", c.item_name},
                        {"text", c.text},
                        {"text_en", c.text_en ? json::value(*c.text_en) : json::value(nullptr)}});
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
  });
}

}  // namespace civic::api
