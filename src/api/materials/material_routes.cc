#include "api/materials/material_routes.h"

#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"
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

json::value time_or_null(TimeMs t) {
  return t > 0 ? json::value(format_rfc3339(t)) : json::value(nullptr);
}

json::object material_json(const service::MaterialSubmission& m) {
  return {{"id", m.id},
          {"period", m.period},
          {"item", m.item},
          {"item_name", m.item_name},
          {"unit", m.unit},
          {"unit_name", m.unit_name},
          {"description", m.description},
          {"state", m.state},
          {"version", m.version},
          {"submitted_by", m.submitted_by.empty() ? json::value(nullptr) : json::value(m.submitted_by)},
          {"submitted_at", time_or_null(m.submitted_at)},
          {"return_reason", m.return_reason},
          {"grade", m.grade.empty() ? json::value(nullptr) : json::value(m.grade)},
          {"files", strings(m.files)}};
}

json::object detail_json(const service::MaterialSubmission& m) {
  json::object out = material_json(m);
  json::array grades, events;
  for (const auto& g : m.grades) {
    grades.push_back(json::object{{"seq", g.seq},
                                  {"grade", g.grade},
                                  {"comment", g.comment},
                                  {"reviewer", g.reviewer},
                                  {"reviewer_name", g.reviewer_name},
                                  {"graded_at", format_rfc3339(g.graded_at)}});
  }
  for (const auto& e : m.events) {
    events.push_back(json::object{{"actor", e.actor},
                                  {"actor_name", e.actor_name},
                                  {"action", e.action},
                                  {"reason", e.reason},
                                  {"at", format_rfc3339(e.at)}});
  }
  out["grades"] = std::move(grades);
  out["events"] = std::move(events);
  return out;
}

long long id_of(const http::Request& request) {
  const std::string& text = request.param("id");
  try {
    std::size_t used = 0;
    long long n = std::stoll(text, &used);
    if (used == text.size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  throw NotFound("material submission " + text + " not found",
                 message_key("material.not_found", {{"id", text}}));
}

service::MaterialFilter filter_of(const http::Request& request) {
  service::MaterialFilter f;
  f.period = request.query_param("period").value_or("");
  f.item = request.query_param("item").value_or("");
  f.unit = request.query_param("unit").value_or("");
  f.state = request.query_param("state").value_or("");
  if (!f.state.empty() && f.state != "draft" && f.state != "submitted" && f.state != "graded" &&
      f.state != "returned") {
    throw InvalidInput("state", "state is draft, submitted, graded or returned",
                       message_key("material.state.unknown", {{"state", f.state}}));
  }
  return f;
}

}  // namespace

void add_material_routes(http::Router& router, service::MaterialService& materials) {
  using service::Permission;
  router.get(
      "/api/materials",
      [&materials](http::Request& request) {
        service::MaterialFilter f = filter_of(request);
        PageRequest p = page_request(request);
        f.page = p.page;
        f.page_size = p.page_size;
        auto found = materials.list(principal_of(request), f);
        Page<service::MaterialSubmission> page{found.items, found.total, p.page, p.page_size};
        return http::Response::json(200, page_json(page, material_json));
      },
      needs(Permission::read_materials));

  // Before /api/materials/{id}, which would take "export" for an id.
  router.get(
      "/api/materials/export",
      [&materials](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        service::MaterialFilter f = filter_of(request);
        f.page = 1;
        f.page_size = 100000;
        auto found = materials.list(principal_of(request), f);
        platform::Cells cells{{"编号", "周期", "测评项目", "单位", "单位名称", "状态", "等级", "说明",
                               "退回原因", "提交人", "提交时间"}};
        for (const auto& m : found.items) {
          cells.push_back({std::to_string(m.id), m.period, m.item, m.unit, m.unit_name, m.state, m.grade,
                           m.description, m.return_reason, m.submitted_by,
                           m.submitted_at > 0 ? format_rfc3339(m.submitted_at) : ""});
        }
        return table_download(cells, format, "materials", "材料申报");
      },
      needs(Permission::read_materials));

  router.get(
      "/api/materials/{id}",
      [&materials](http::Request& request) {
        return http::Response::json(200, detail_json(materials.get(principal_of(request), id_of(request))));
      },
      needs(Permission::read_materials));

  router.post(
      "/api/materials",
      [&materials](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::MaterialDraft d;
        d.period = body.text("period");
        d.item = body.text("item");
        d.unit = body.text("unit");
        d.description = body.optional_text("description", kLongText).value_or("");
        d.files = body.text_list("files");
        return http::Response::json(201, detail_json(materials.create(principal_of(request), d)));
      },
      needs(Permission::submit_materials));

  router.put(
      "/api/materials/{id}",
      [&materials](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        long long version = body.integer("version");
        auto m = materials.update(principal_of(request), id_of(request), version,
                                  body.optional_text("description", kLongText).value_or(""),
                                  body.text_list("files"));
        return http::Response::json(200, detail_json(m));
      },
      needs(Permission::submit_materials));

  router.post(
      "/api/materials/{id}/actions/{action}",
      [&materials](http::Request& request) {
        const auto& who = principal_of(request);
        long long id = id_of(request);
        const std::string& action = request.param("action");
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::MaterialSubmission m;
        if (action == "submit") {
          m = materials.submit(who, id);
        } else if (action == "grade") {
          m = materials.grade(who, id, body.text("grade"),
                              body.optional_text("comment", kLongText).value_or(""));
        } else if (action == "return") {
          m = materials.send_back(who, id, body.optional_text("reason", kLongText).value_or(""));
        } else {
          throw Error(ErrorCode::not_found, "no such action: " + action + " (submit, grade, return)",
                      "action", message_key("material.action.unknown", {{"action", action}}));
        }
        return http::Response::json(200, detail_json(m));
      },
      needs(Permission::read_materials));
}

void add_material_status_routes(http::Router& router, service::MaterialService& materials) {
  router.get(
      "/api/materials/status",
      [&materials](http::Request& request) {
        std::string period = request.query_param("period").value_or("");
        if (period.empty()) {
          throw InvalidInput("period", "period is required", message_key("material.period.required"));
        }
        json::array items;
        for (const auto& s : materials.status(principal_of(request), period)) {
          items.push_back(json::object{{"item", s.item},
                                       {"name", s.name},
                                       {"must", strings(s.must)},
                                       {"submitted", strings(s.submitted)},
                                       {"graded", strings(s.graded)},
                                       {"returned", strings(s.returned)},
                                       {"missing", strings(s.missing)}});
        }
        return http::Response::json(200, json::object{{"period", period}, {"items", std::move(items)}});
      },
      needs(service::Permission::read_materials));
}

}  // namespace civic::api
