#include "api/plans/plan_routes.h"

#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"
#include "domain/core/error.h"
#include "domain/core/table_errors.h"
#include "domain/plans/task_table.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr size_t kTaskTableLimit = 10u << 20;

json::value opt(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object plan_json(const service::Plan& p) {
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
          {"approval_by_other_unit", p.approval_by_other_unit},
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
          {"unit_name_en", r.unit_name_en},
          {"progress", opt(u.progress)},
          {"expected", opt(u.expected)},
          {"status", u.status ? json::value(progress_status_name(*u.status)) : json::value(nullptr)},
          {"task_count", u.task_count},
          {"overdue_count", u.overdue_count}};
}

service::PlanDraft plan_draft(const http::JsonFields& body) {
  service::PlanDraft d;
  d.code = body.text("code");
  d.name = body.text("name");
  d.period = body.text("period");
  d.reports_need_approval = body.optional_boolean("reports_need_approval").value_or(true);
  d.approval_by_other_unit = body.optional_boolean("approval_by_other_unit").value_or(false);
  d.tolerance = body.optional_number("tolerance").value_or(0.10);
  d.remind_days_before = body.optional_integer("remind_days_before").value_or(3);
  d.escalate_after_days = body.optional_integer("escalate_after_days").value_or(7);
  for (const http::JsonFields& o : body.object_list("phases")) {
    d.phases.push_back({o.optional_text("code").value_or(""), o.optional_text("name").value_or(""),
                        o.optional_text("start").value_or(""), o.optional_text("end").value_or("")});
  }
  for (const http::JsonFields& o : body.object_list("actions")) {
    d.actions.push_back({o.optional_text("code").value_or(""), o.optional_text("name").value_or(""),
                         o.optional_text("description", TextLimit{10000, true}).value_or(""),
                         o.text_list("phases")});
  }
  return d;
}

}  // namespace

void add_plan_routes(http::Router& router, service::PlanService& plans, service::TaskBreakdown& task_tables) {
  using service::Permission;
  router.get(
      "/api/plans",
      [&plans](http::Request& request) {
        json::array items;
        for (const auto& p : plans.list(principal_of(request), request.query_param("period").value_or(""))) {
          items.push_back(plan_json(p));
        }
        auto total = static_cast<std::int64_t>(items.size());
        return http::Response::json(
            200,
            json::object{{"items", std::move(items)}, {"total", total}, {"page", 1}, {"page_size", total}});
      },
      needs(Permission::read_plans));

  router.get(
      "/api/plans/{code}",
      [&plans](http::Request& request) {
        return http::Response::json(200, plan_json(plans.get(principal_of(request), request.param("code"))));
      },
      needs(Permission::read_plans));

  router.post(
      "/api/plans",
      [&plans](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        return http::Response::json(201, plan_json(plans.create(principal_of(request), plan_draft(body))));
      },
      needs(Permission::manage_plans));

  router.get(
      "/api/plan-progress",
      [&plans](http::Request& request) {
        auto day = service::parse_day(request.query_param("date").value_or(""), "date");
        auto board = plans.progress(principal_of(request), request.query_param("unit").value_or(""), day,
                                    request.query_param("plan").value_or(""));
        json::object out = board_row(board.unit);
        out["date"] = board.date;
        out["plan"] = board.plan;
        out["tolerance"] = board.tolerance;
        json::array children;
        for (const auto& c : board.children) children.push_back(board_row(c));
        out["children"] = std::move(children);
        return http::Response::json(200, out);
      },
      needs(Permission::read_plans));

  router.get(
      "/api/plans/{code}/lagging-items",
      [&plans](http::Request& request) {
        json::array items;
        for (const auto& l : plans.lagging_items(principal_of(request), request.param("code"),
                                                 request.query_param("unit").value_or(""))) {
          json::array tasks;
          for (const auto& t : l.tasks) tasks.push_back(json::string(t));
          items.push_back(json::object{{"item", l.item},
                                       {"item_name", l.item_name},
                                       {"score_rate", l.score_rate},
                                       {"tasks", std::move(tasks)}});
        }
        return http::Response::json(200, items);
      },
      needs(Permission::read_plans));

  router.post(
      "/api/plans/{code}/tasks/import",
      [&task_tables](http::Request& request) {
        try {
          auto counts = task_tables.import_file(principal_of(request), request.param("code"), request.body);
          return http::Response::json(200,
                                      json::object{{"created", counts.created}, {"updated", counts.updated}});
        } catch (const InvalidTable& e) {
          return table_error_response(e);
        }
      },
      needs(Permission::manage_plans, {.body_limit = kTaskTableLimit}));

  router.get(
      "/api/plans/{code}/tasks/export",
      [&task_tables](http::Request& request) {
        std::string format = request.query_param("format").value_or("csv");
        require_table_format(format);
        const std::string& code = request.param("code");
        auto cells =
            task_tables.export_table(principal_of(request), code, request.query_param("owner").value_or(""));
        return table_download(cells, format, code + "-tasks", "任务分解表", task_table_column_kinds());
      },
      needs(Permission::read_plans));
}

}  // namespace civic::api
