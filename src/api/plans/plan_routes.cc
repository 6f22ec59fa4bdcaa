// Work plans (workplans.md, contract "Work plans"): GET /api/plans[?period], GET /api/plans/{code},
// POST /api/plans (office), GET /api/plan-progress?unit=&date=&plan=, GET
// /api/plans/{code}/lagging-items?unit=, POST /api/plans/{code}/tasks/import (CSV or XLSX body; all or
// nothing; a table error answers 400 with `errors:[{row, column, message}]`), GET
// /api/plans/{code}/tasks/export?format=csv|xlsx&owner=.
#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/resource_json.h"
#include "api/core/resource_routes.h"
#include "domain/core/error.h"
#include "domain/core/table_errors.h"
#include "domain/plans/task_table.h"
#include "http/json_body.h"
#include "service/plans/plan_snapshot.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr size_t kTaskTableLimit = 10u << 20;

json::value opt(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object plan_json(const store::PlanRow& p) {
  json::array phases, actions;
  for (const auto& ph : p.phases)
    phases.push_back(
        json::object{{"code", ph.code}, {"name", ph.name}, {"start", ph.start}, {"end", ph.end}});
  for (const auto& a : p.actions) {
    json::array codes;
    for (const auto& c : a.phases) codes.push_back(json::string(c));
    actions.push_back(
        json::object{{"code", a.code}, {"name", a.name}, {"description", a.description}, {"phases", codes}});
  }
  return {{"code", p.code},
          {"name", p.name},
          {"period", p.period},
          {"start", p.start},
          {"end", p.end},
          {"reports_need_approval", p.reports_need_approval},
          {"tolerance", p.tolerance},
          {"remind_days_before", p.remind_days_before},
          {"escalate_after_days", p.escalate_after_days},
          {"phases", std::move(phases)},
          {"actions", std::move(actions)},
          {"version", p.version}};
}

json::object board_row(const service::UnitBoardRow& r) {
  const UnitProgress& u = r.progress;
  return {{"unit", r.unit},
          {"unit_name", r.unit_name},
          {"progress", opt(u.progress)},
          {"expected", opt(u.expected)},
          {"status", u.status ? json::value(progress_status_name(*u.status)) : json::value(nullptr)},
          {"task_count", u.task_count},
          {"overdue_count", u.overdue_count}};
}

std::vector<std::string> string_list(const json::object& o, const std::string& field) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(field);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) throw InvalidInput(field, field + " must be a list of strings");
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) throw InvalidInput(field, field + " must be a list of strings");
    out.emplace_back(item.as_string());
  }
  return out;
}

double number(const json::object& o, const std::string& field, double fallback) {
  const json::value* v = o.if_contains(field);
  if (!v || v->is_null()) return fallback;
  if (!v->is_number()) throw InvalidInput(field, field + " must be a number");
  return v->to_number<double>();
}

const json::array& object_list(const json::object& o, const std::string& field) {
  static const json::array empty;
  const json::value* v = o.if_contains(field);
  if (!v || v->is_null()) return empty;
  if (!v->is_array()) throw InvalidInput(field, field + " must be a list");
  for (const auto& item : v->as_array()) {
    if (!item.is_object()) throw InvalidInput(field, field + " must be a list of objects");
  }
  return v->as_array();
}

service::PlanDraft plan_draft(const json::object& body) {
  service::PlanDraft d;
  d.code = http::require_string(body, "code");
  d.name = http::require_string(body, "name");
  d.period = http::require_string(body, "period");
  d.reports_need_approval = http::optional_bool(body, "reports_need_approval").value_or(true);
  d.tolerance = number(body, "tolerance", 0.10);
  d.remind_days_before = http::optional_int(body, "remind_days_before").value_or(3);
  d.escalate_after_days = http::optional_int(body, "escalate_after_days").value_or(7);
  const auto& phases = object_list(body, "phases");
  for (size_t i = 0; i < phases.size(); ++i) {
    const auto& o = phases[i].as_object();
    std::string f = "phases[" + std::to_string(i) + "].";
    store::PlanPhaseRow ph;
    ph.code = http::optional_string(o, "code").value_or("");
    ph.name = http::optional_string(o, "name").value_or("");
    ph.start = http::optional_string(o, "start").value_or("");
    ph.end = http::optional_string(o, "end").value_or("");
    d.phases.push_back(ph);
  }
  const auto& actions = object_list(body, "actions");
  for (size_t i = 0; i < actions.size(); ++i) {
    const auto& o = actions[i].as_object();
    store::PlanActionRow a;
    a.code = http::optional_string(o, "code").value_or("");
    a.name = http::optional_string(o, "name").value_or("");
    a.description = http::optional_string(o, "description").value_or("");
    a.phases = string_list(o, "phases");
    d.actions.push_back(a);
  }
  return d;
}

}  // namespace

void add_plan_routes(http::Router& router, service::Services& services) {
  router.get("/api/plans", [&services](http::Request& request) {
    json::array items;
    for (const auto& p :
         services.plans.list(principal_of(request), request.query_param("period").value_or(""))) {
      items.push_back(plan_json(p));
    }
    auto total = static_cast<std::int64_t>(items.size());
    return http::Response::json(
        200, json::object{{"items", std::move(items)}, {"total", total}, {"page", 1}, {"page_size", total}});
  });

  router.get("/api/plans/{code}", [&services](http::Request& request) {
    return http::Response::json(200,
                                plan_json(services.plans.get(principal_of(request), request.param("code"))));
  });

  router.post("/api/plans", [&services](http::Request& request) {
    auto body = http::parse_json_object(request);
    return http::Response::json(201,
                                plan_json(services.plans.create(principal_of(request), plan_draft(body))));
  });

  router.get("/api/plan-progress", [&services](http::Request& request) {
    auto day = service::parse_day(request.query_param("date").value_or(""), "date");
    auto board = services.plans.progress(principal_of(request), request.query_param("unit").value_or(""), day,
                                         request.query_param("plan").value_or(""));
    json::object out = board_row(board.unit);
    out["date"] = board.date;
    out["plan"] = board.plan;
    out["tolerance"] = board.tolerance;
    json::array children;
    for (const auto& c : board.children) children.push_back(board_row(c));
    out["children"] = std::move(children);
    return http::Response::json(200, out);
  });

  router.get("/api/plans/{code}/lagging-items", [&services](http::Request& request) {
    json::array items;
    for (const auto& l : services.plans.lagging_items(principal_of(request), request.param("code"),
                                                      request.query_param("unit").value_or(""))) {
      json::array tasks;
      for (const auto& t : l.tasks) tasks.push_back(json::string(t));
      items.push_back(json::object{{"item", l.item},
                                   {"item_name", l.item_name},
                                   {"score_rate", l.score_rate},
                                   {"tasks", std::move(tasks)}});
    }
    return http::Response::json(200, items);
  });

  router.post("/api/plans/{code}/tasks/import",
              [&services](http::Request& request) {
                try {
                  auto counts = services.task_tables.import_file(principal_of(request), request.param("code"),
                                                                 request.body);
                  return http::Response::json(
                      200, json::object{{"created", counts.created}, {"updated", counts.updated}});
                } catch (const InvalidTable& e) {
                  return table_error_response(e);
                }
              },
              {.body_limit = kTaskTableLimit});

  router.get("/api/plans/{code}/tasks/export", [&services](http::Request& request) {
    std::string format = request.query_param("format").value_or("csv");
    if (format != "csv" && format != "xlsx") throw InvalidInput("format", "format is csv or xlsx");
    const std::string& code = request.param("code");
    auto cells = services.task_tables.export_table(principal_of(request), code,
                                                   request.query_param("owner").value_or(""));
    http::Response response;
    response.status = 200;
    if (format == "csv") {
      response.body = "\xEF\xBB\xBF" + to_csv(cells);
      response.set_header("Content-Type", "text/csv; charset=utf-8");
      response.set_header("Content-Disposition", "attachment; filename=\"" + code + "-tasks.csv\"");
    } else {
      response.body = platform::write_xlsx(cells, "任务分解表");
      response.set_header("Content-Type",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      response.set_header("Content-Disposition", "attachment; filename=\"" + code + "-tasks.xlsx\"");
    }
    return response;
  });
}

}  // namespace civic::api
