// Tasks of work plans (contract "Work plans"): GET
// /api/tasks?plan=&owner=&under=&action=&parent=&top_level=true &status=done|overdue|open&q=&date=&page, GET
// /api/tasks/{code}[?date=], POST /api/tasks (office: a top-level task), POST
// /api/tasks/{code}/actions/{split|report|approve|reject|remind}. Progress and expected progress are for
// `date` (default today) clamped into the plan's period.
#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/resource_routes.h"
#include "domain/core/error.h"
#include "http/json_body.h"
#include "service/plans/plan_snapshot.h"

namespace civic::api {

namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::string(s));
  return a;
}

json::object task_json(const service::TaskView& v) {
  const store::TaskRow& t = v.task;
  return {{"code", t.code},
          {"title", t.title},
          {"plan", t.plan},
          {"action", t.action},
          {"action_name", v.action_name},
          {"owner", t.owner},
          {"owner_name", t.owner_name},
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
    reports.push_back(
        json::object{{"id", r.id},
                     {"progress", r.progress},
                     {"note", r.note},
                     {"files", strings(r.files)},
                     {"photos", strings(r.photos)},
                     {"state", r.state},
                     {"reason", r.reason},
                     {"reported_by", r.reported_by},
                     {"reported_at", format_rfc3339(r.reported_at)},
                     {"decided_by", r.decided_by.empty() ? json::value(nullptr) : json::value(r.decided_by)},
                     {"decided_at", time_or_null(r.decided_at)}});
  }
  for (const auto& e : d.events) {
    json::value data = json::object{};
    try {
      data = json::parse(e.data);
    } catch (const std::exception&) {
    }
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

double number(const json::object& o, const std::string& field, std::optional<double> fallback) {
  const json::value* v = o.if_contains(field);
  if (!v || v->is_null()) {
    if (!fallback) throw InvalidInput(field, field + " is required");
    return *fallback;
  }
  if (!v->is_number()) throw InvalidInput(field, field + " must be a number");
  return v->to_number<double>();
}

// A task draft from a JSON object; `prefix` names fields of nested objects ("children[1].").
service::TaskDraft task_draft(const json::object& o, const std::string& prefix) {
  auto str = [&](const char* name) {
    const json::value* v = o.if_contains(name);
    if (!v || v->is_null()) return std::string();
    if (!v->is_string()) throw InvalidInput(prefix + name, prefix + name + " must be a string");
    return std::string(v->as_string());
  };
  service::TaskDraft d;
  d.code = str("code");
  d.title = str("title");
  d.action = str("action");
  d.owner = str("owner");
  d.start = str("start");
  d.due = str("due");
  d.deliverable = str("deliverable");
  d.evidence_required = str("evidence_required");
  d.co_units = string_list(o, "co_units");
  d.items = string_list(o, "items");
  d.weight = number(o, "weight", 1.0);
  return d;
}

std::optional<int> date_param(const http::Request& request) {
  return service::parse_day(request.query_param("date").value_or(""), "date");
}

}  // namespace

void add_task_routes(http::Router& router, service::Services& services) {
  router.get("/api/tasks", [&services](http::Request& request) {
    service::TaskQuery q;
    q.plan = request.query_param("plan").value_or("");
    q.owner = request.query_param("owner").value_or("");
    q.under = request.query_param("under").value_or("");
    q.action = request.query_param("action").value_or("");
    q.parent = request.query_param("parent").value_or("");
    q.top_level = request.query_param("top_level").value_or("") == "true";
    q.status = request.query_param("status").value_or("");
    if (!q.status.empty() && q.status != "done" && q.status != "overdue" && q.status != "open")
      throw InvalidInput("status", "status is done, overdue or open");
    q.text = request.query_param("q").value_or("");
    q.day = date_param(request);
    auto page = services.tasks.list(principal_of(request), q, page_request(request));
    return http::Response::json(200, page_json(page, task_json));
  });

  router.get("/api/tasks/{code}", [&services](http::Request& request) {
    return http::Response::json(200, detail_json(services.tasks.get(
                                         principal_of(request), request.param("code"), date_param(request))));
  });

  router.post("/api/tasks", [&services](http::Request& request) {
    auto body = http::parse_json_object(request);
    std::string plan = http::require_string(body, "plan");
    auto detail = services.tasks.create(principal_of(request), plan, task_draft(body, ""));
    return http::Response::json(201, detail_json(detail));
  });

  router.post("/api/tasks/{code}/actions/{action}", [&services](http::Request& request) {
    const auto& who = principal_of(request);
    const std::string& code = request.param("code");
    const std::string& action = request.param("action");
    auto body = http::parse_json_object(request);
    std::optional<long long> version = http::optional_int(body, "version");
    service::TaskDetail d;
    if (action == "split") {
      std::vector<service::TaskDraft> children;
      const json::value* v = body.if_contains("children");
      if (!v || !v->is_array()) throw InvalidInput("children", "children must be a list of tasks");
      for (size_t i = 0; i < v->as_array().size(); ++i) {
        const auto& c = v->as_array()[i];
        std::string prefix = "children[" + std::to_string(i) + "].";
        if (!c.is_object())
          throw InvalidInput("children[" + std::to_string(i) + "]", "a child must be an object");
        children.push_back(task_draft(c.as_object(), prefix));
      }
      d = services.tasks.split(who, code, children, version);
    } else if (action == "report") {
      service::ProgressReport r;
      r.progress = number(body, "progress", std::nullopt);
      r.note = http::optional_string(body, "note").value_or("");
      r.files = string_list(body, "files");
      r.photos = string_list(body, "photos");
      d = services.tasks.report(who, code, r, version);
    } else if (action == "approve") {
      d = services.tasks.approve(who, code, http::require_int(body, "report"), version);
    } else if (action == "reject") {
      d = services.tasks.reject(who, code, http::require_int(body, "report"),
                                http::optional_string(body, "reason").value_or(""), version);
    } else if (action == "remind") {
      d = services.tasks.remind(who, code, http::optional_string(body, "note").value_or(""), version);
    } else {
      throw Error(ErrorCode::not_found,
                  "no such action: " + action + " (split, report, approve, reject, remind)", "action");
    }
    return http::Response::json(200, detail_json(d));
  });
}

}  // namespace civic::api
