// Problem cases (contract.md "Cases"): GET /api/case-categories (public), GET/POST /api/cases,
// GET /api/cases/{code}, POST /api/cases/{code}/actions/{action}, GET /api/case-measures,
// GET /api/case-rankings.
#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/resource_routes.h"
#include "domain/cases/case_category.h"
#include "domain/core/error.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

template <typename T>
json::value opt(const std::optional<T>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value opt_time(const std::optional<TimeMs>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}
json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object case_summary_json(const service::CaseView& c) {
  return {{"code", c.code},
          {"title", c.title},
          {"category", c.category},
          {"severity", c.severity},
          {"state", case_state_name(c.state)},
          {"source", c.source},
          {"unit", opt(c.unit)},
          {"unit_name", opt(c.unit_name)},
          {"site", opt(c.site)},
          {"site_name", opt(c.site_name)},
          {"item", opt(c.item)},
          {"check", opt(c.check)},
          {"lat", opt(c.lat)},
          {"lon", opt(c.lon)},
          {"address", c.address},
          {"reported_at", format_rfc3339(c.reported_at)},
          {"first_dispatched_at", opt_time(c.first_dispatched_at)},
          {"due_at", opt_time(c.due_at)},
          {"closed_at", opt_time(c.closed_at)},
          {"outcome", c.outcome ? json::value(case_outcome_name(*c.outcome)) : json::value(nullptr)},
          {"overdue", c.overdue},
          {"escalation_level", c.escalation_level},
          {"rework_count", c.rework_count},
          {"reopen_count", c.reopen_count},
          {"send_back_count", c.send_back_count},
          {"possible_duplicate_of", opt(c.possible_duplicate_of)},
          {"duplicate_of", opt(c.duplicate_of)},
          {"version", c.version}};
}

json::object case_detail_json(const service::CaseView& c) {
  json::object o = case_summary_json(c);
  o["description"] = c.description;
  o["failure_count"] = c.failure_count;
  o["inspection"] = opt(c.inspection);
  o["photos"] = strings(c.photos);
  o["postponement_pending"] = c.postponement_pending;
  o["requested_due_at"] = opt_time(c.requested_due_at);
  json::array events;
  for (const auto& e : c.events) {
    json::value data;
    try {
      data = json::parse(e.data_json);
    } catch (const std::exception&) {
      data = json::object();
    }
    events.push_back(json::object{{"seq", e.seq},
                                  {"action", e.action},
                                  {"from_state", e.from_state},
                                  {"to_state", e.to_state},
                                  {"actor", e.actor},
                                  {"actor_name", e.actor_name},
                                  {"at", format_rfc3339(e.at)},
                                  {"note", e.note},
                                  {"reason", e.reason},
                                  {"photos", strings(e.photos)},
                                  {"data", data}});
  }
  o["events"] = std::move(events);
  o["allowed_actions"] = strings(c.allowed_actions);
  return o;
}

json::value rate(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object measures_json(const service::UnitCaseMeasures& m) {
  const CaseMeasures& x = m.measures;
  return {{"base_count", x.base_count},
          {"closure_rate", rate(x.closure_rate)},
          {"on_time_closure_rate", rate(x.on_time_closure_rate)},
          {"rework_rate", rate(x.rework_rate)},
          {"postponement_rate", rate(x.postponement_rate)},
          {"accurate_dispatch_rate", rate(x.accurate_dispatch_rate)},
          {"overdue_open", x.overdue_open},
          {"mean_hours_to_close", rate(x.mean_hours_to_close)},
          {"fixed_share", rate(x.fixed_share)},
          {"composite", rate(m.composite)}};
}

json::object ranking_entry_json(const service::CaseRankingEntry& e) {
  return {{"rank", e.rank},
          {"unit", e.unit.unit},
          {"unit_name", e.unit.unit_name},
          {"case_count", e.unit.measures.base_count},
          {"composite", rate(e.unit.composite)},
          {"measures", measures_json(e.unit)}};
}

std::vector<std::string> string_array(const json::object& body, std::string_view field) {
  std::vector<std::string> out;
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return out;
  if (!it->value().is_array())
    throw InvalidInput(std::string(field), std::string(field) + " must be an array");
  const auto& a = it->value().as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string()) {
      throw InvalidInput(std::string(field) + "[" + std::to_string(i) + "]", "must be a string");
    }
    out.emplace_back(a[i].as_string());
  }
  return out;
}

std::optional<double> optional_number(const json::object& body, std::string_view field) {
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_double()) return it->value().as_double();
  if (it->value().is_int64()) return static_cast<double>(it->value().as_int64());
  if (it->value().is_uint64()) return static_cast<double>(it->value().as_uint64());
  throw InvalidInput(std::string(field), std::string(field) + " must be a number");
}

std::optional<TimeMs> optional_time(const json::object& body, std::string_view field) {
  auto text = http::optional_string(body, field);
  if (!text || text->empty()) return std::nullopt;
  auto t = parse_time(*text);
  if (!t) throw InvalidInput(std::string(field), std::string(field) + " must be an RFC 3339 time");
  return t;
}

}  // namespace

void add_case_routes(http::Router& router, service::Services& services) {
  router.get("/api/case-categories",
             [](http::Request&) {
               json::array out;
               for (const CaseCategory& c : case_categories()) {
                 out.push_back(json::object{
                     {"code", c.code},
                     {"name", c.name},
                     {"name_en", c.name_en},
                     {"time_limit_hours",
                      c.time_limit_hours == static_cast<double>(static_cast<long long>(c.time_limit_hours))
                          ? json::value(static_cast<long long>(c.time_limit_hours))
                          : json::value(c.time_limit_hours)}});
               }
               return http::Response::json(200, out);
             },
             {.is_public = true});

  router.get("/api/cases", [&services](http::Request& request) {
    service::CaseQuery query;
    query.state = request.query_param("state").value_or("");
    query.category = request.query_param("category").value_or("");
    query.unit = request.query_param("unit").value_or("");
    query.source = request.query_param("source").value_or("");
    query.period = request.query_param("period").value_or("");
    query.text = request.query_param("q").value_or("");
    auto overdue = request.query_param("overdue").value_or("");
    if (!overdue.empty() && overdue != "true" && overdue != "false") {
      throw InvalidInput("overdue", "overdue must be true or false");
    }
    query.overdue_only = overdue == "true";
    auto page = services.cases.list(principal_of(request), query, page_request(request));
    return http::Response::json(200, page_json(page, case_summary_json));
  });

  router.get("/api/cases/{code}", [&services](http::Request& request) {
    return http::Response::json(
        200, case_detail_json(services.cases.get(principal_of(request), request.param("code"))));
  });

  router.post("/api/cases", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    service::NewCase input;
    input.title = http::require_string(body, "title");
    input.category = http::require_string(body, "category");
    input.description = http::optional_string(body, "description").value_or("");
    input.address = http::optional_string(body, "address").value_or("");
    input.lat = optional_number(body, "lat");
    input.lon = optional_number(body, "lon");
    input.site = http::optional_string(body, "site").value_or("");
    input.unit = http::optional_string(body, "unit").value_or("");
    input.photos = string_array(body, "photos");
    input.source = http::optional_string(body, "source").value_or("office");
    return http::Response::json(201, case_detail_json(services.cases.create(principal_of(request), input)));
  });

  router.post("/api/cases/{code}/actions/{action}", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    service::CaseActionRequest r;
    r.version = http::optional_int(body, "version");
    r.reason = http::optional_string(body, "reason").value_or("");
    r.note = http::optional_string(body, "note").value_or("");
    r.photos = string_array(body, "photos");
    r.category = http::optional_string(body, "category").value_or("");
    r.severity = http::optional_string(body, "severity").value_or("");
    r.unit = http::optional_string(body, "unit").value_or("");
    r.requested_due_at = optional_time(body, "requested_due_at");
    r.new_due_at = optional_time(body, "new_due_at");
    r.outcome = http::optional_string(body, "outcome").value_or("");
    r.duplicate_of = http::optional_string(body, "duplicate_of").value_or("");
    auto view = services.cases.act(principal_of(request), request.param("code"), request.param("action"), r);
    return http::Response::json(200, case_detail_json(view));
  });

  router.get("/api/case-measures", [&services](http::Request& request) {
    auto report = services.cases.measures(principal_of(request), request.query_param("unit").value_or(""),
                                          request.query_param("period").value_or(""));
    json::array children;
    for (const auto& c : report.children) {
      children.push_back(
          json::object{{"unit", c.unit}, {"unit_name", c.unit_name}, {"measures", measures_json(c)}});
    }
    return http::Response::json(200, json::object{{"unit", report.self.unit},
                                                  {"unit_name", report.self.unit_name},
                                                  {"period", report.period},
                                                  {"now", format_rfc3339(report.now)},
                                                  {"measures", measures_json(report.self)},
                                                  {"children", std::move(children)}});
  });

  router.get("/api/case-rankings", [&services](http::Request& request) {
    service::CaseRankingQuery q;
    q.period = request.query_param("period").value_or("");
    q.level = request.query_param("level").value_or("district");
    q.under = request.query_param("under").value_or("");
    auto int_param = [&](const char* name) -> std::optional<long long> {
      auto v = request.query_param(name);
      if (!v || v->empty()) return std::nullopt;
      try {
        std::size_t used = 0;
        long long n = std::stoll(*v, &used);
        if (used == v->size()) return n;
      } catch (const std::exception&) {
      }
      throw InvalidInput(name, std::string(name) + " must be an integer");
    };
    if (auto n = int_param("list_size")) q.list_size = static_cast<int>(std::min<long long>(*n, 1000));
    q.min_cases = int_param("min_cases");
    auto r = services.cases.rankings(principal_of(request), q);
    json::array ranking, red, black;
    for (const auto& e : r.ranking) ranking.push_back(ranking_entry_json(e));
    for (const auto& e : r.red) red.push_back(ranking_entry_json(e));
    for (const auto& e : r.black) black.push_back(ranking_entry_json(e));
    return http::Response::json(200, json::object{{"period", r.period},
                                                  {"level", r.level},
                                                  {"ranking", std::move(ranking)},
                                                  {"red", std::move(red)},
                                                  {"black", std::move(black)}});
  });
}

}  // namespace civic::api
