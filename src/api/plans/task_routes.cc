#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "api/plans/plan_routes.h"
#include "domain/core/error.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::string(s));
  return a;
}

json::object task_json(const service::TaskView& v) {
  const service::Task& t = v.task;
  return {{"code", t.code},
          {"title", t.title},
          {"plan", t.plan},
          {"action", t.action},
          {"action_name", v.action_name},
          {"owner", t.owner},
          {"owner_name", t.owner_name},
          {"owner_name_en", t.owner_name_en},
          {"co_units", strings(t.co_units)},
          {"assigned_by", t.assigned_by},
          {"items", strings(t.items)},
          {"start", t.start},
          {"due", t.due},
          {"weight", t.weight},
          {"deliverable", t.deliverable},
          {"evidence_required", t.evidence_required},
          {"parent", t.parent.empty() ? json::value(nullptr) : json::value(t.parent)},
          {"children_count", v.children_count},
          {"progress", v.progress.progress},
          {"expected", v.progress.expected},
          {"done", v.progress.done},
          {"overdue", v.progress.overdue},
          {"version", t.version}};
}

json::value time_or_null(const std::optional<TimeMs>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::object detail_json(const service::TaskDetail& d) {
  json::object out = task_json(d.view);
  json::array children, reports, events;
  for (const auto& c : d.children) children.push_back(task_json(c));
  for (const auto& r : d.reports) {
    reports.push_back(json::object{
        {"id", r.id},
        {"progress", r.state == "noted" ? json::value(nullptr) : json::value(r.progress)},
        {"note", r.note},
        {"files", strings(r.files)},
        {"photos", strings(r.photos)},
        {"state", r.state},
        {"reason", r.reason},
        {"reported_by", r.reported_by},
        {"reported_by_name", r.reported_by_name},
        {"reported_at", format_rfc3339(r.reported_at)},
        {"decided_by", r.decided_by.empty() ? json::value(nullptr) : json::value(r.decided_by)},
        {"decided_by_name", r.decided_by.empty() ? json::value(nullptr) : json::value(r.decided_by_name)},
        {"decided_at", time_or_null(r.decided_at)}});
  }
  for (const auto& e : d.events) {
    // The service writes `data` as a JSON object; anything else is shown as an empty one.
    boost::system::error_code ec;
    json::value data = json::parse(e.data, ec);
    if (ec || !data.is_object()) data = json::object{};
    events.push_back(json::object{{"seq", e.seq},
                                  {"action", e.action},
                                  {"actor", e.actor},
                                  {"actor_name", e.actor_name},
                                  {"at", format_rfc3339(e.at)},
                                  {"note", e.note},
                                  {"data", std::move(data)}});
  }
  out["children"] = std::move(children);
  out["reports"] = std::move(reports);
  out["events"] = std::move(events);
  out["allowed_actions"] = strings(d.allowed_actions);
  return out;
}

// A task draft from a JSON object (the body, or "children[1]" inside it).
service::TaskDraft task_draft(const http::JsonFields& o) {
  service::TaskDraft d;
  d.code = o.optional_text("code").value_or("");
  d.title = o.optional_text("title", TextLimit{1000, true}).value_or("");
  d.action = o.optional_text("action").value_or("");
  d.owner = o.optional_text("owner").value_or("");
  d.start = o.optional_text("start").value_or("");
  d.due = o.optional_text("due").value_or("");
  d.deliverable = o.optional_text("deliverable", TextLimit{2000, true}).value_or("");
  d.evidence_required = o.optional_text("evidence_required", TextLimit{2000, true}).value_or("");
  d.co_units = o.text_list("co_units");
  d.items = o.text_list("items");
  d.weight = o.optional_number("weight").value_or(1.0);
  return d;
}

std::optional<int> date_param(const http::Request& request) {
  return service::parse_day(request.query_param("date").value_or(""), "date");
}

}  // namespace

void add_task_routes(http::Router& router, service::TaskService& tasks) {
  using service::Permission;
  router.get(
      "/api/tasks",
      [&tasks](http::Request& request) {
        service::TaskQuery q;
        q.plan = request.query_param("plan").value_or("");
        q.owner = request.query_param("owner").value_or("");
        q.under = request.query_param("under").value_or("");
        q.action = request.query_param("action").value_or("");
        q.parent = request.query_param("parent").value_or("");
        q.top_level = request.query_param("top_level").value_or("") == "true";
        q.status = request.query_param("status").value_or("");
        if (!q.status.empty() && q.status != "done" && q.status != "overdue" && q.status != "open")
          throw InvalidInput("status", "status is done, overdue or open", message_key("task.status.unknown"));
        q.text = request.query_param("q").value_or("");
        q.day = date_param(request);
        auto page = tasks.list(principal_of(request), q, page_request(request));
        return http::Response::json(200, page_json(page, task_json));
      },
      needs(Permission::read_plans));

  router.get(
      "/api/tasks/{code}",
      [&tasks](http::Request& request) {
        return http::Response::json(
            200, detail_json(tasks.get(principal_of(request), request.param("code"), date_param(request))));
      },
      needs(Permission::read_plans));

  router.post(
      "/api/tasks",
      [&tasks](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        std::string plan = body.text("plan");
        auto detail = tasks.create(principal_of(request), plan, task_draft(body));
        return http::Response::json(201, detail_json(detail));
      },
      needs(Permission::manage_plans));

  router.post(
      "/api/tasks/{code}/actions/{action}",
      [&tasks](http::Request& request) {
        const auto& who = principal_of(request);
        const std::string& code = request.param("code");
        const std::string& action = request.param("action");
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        std::optional<long long> version = body.optional_integer("version");
        service::TaskDetail d;
        if (action == "split") {
          std::vector<service::TaskDraft> children;
          for (const http::JsonFields& c : body.object_list("children")) children.push_back(task_draft(c));
          d = tasks.split(who, code, children, version);
        } else if (action == "report") {
          service::ProgressReport r;
          r.progress = body.optional_number("progress");
          r.note = body.optional_text("note", kLongText).value_or("");
          r.files = body.text_list("files");
          r.photos = body.text_list("photos");
          d = tasks.report(who, code, r, version);
        } else if (action == "approve") {
          d = tasks.approve(who, code, body.integer("report"), version);
        } else if (action == "reject") {
          d = tasks.reject(who, code, body.integer("report"),
                           body.optional_text("reason", kLongText).value_or(""), version);
        } else if (action == "remind") {
          d = tasks.remind(who, code, body.optional_text("note", kLongText).value_or(""), version);
        } else {
          throw Error(ErrorCode::not_found,
                      "no such action: " + action + " (split, report, approve, reject, remind)", "action",
                      message_key("task.action_name.unknown", {{"action", action}}));
        }
        return http::Response::json(200, detail_json(d));
      },
      needs(Permission::work_tasks));
}

}  // namespace civic::api
