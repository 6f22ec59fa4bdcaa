#include "api/reports/report_routes.h"

#include <boost/json.hpp>
#include <charconv>

#include "api/core/authentication.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"
#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

json::value time_or_null(TimeMs t) {
  return t > 0 ? json::value(format_rfc3339(t)) : json::value(nullptr);
}

const char* state_zh(const std::string& s) {
  if (s == "draft") return "草稿";
  if (s == "submitted") return "待审核";
  if (s == "approved") return "已审核";
  if (s == "published") return "已发布";
  if (s == "returned") return "已退回";
  return "";
}

json::object summary_json(const service::Report& r) {
  return {{"id", r.id},
          {"template", r.template_name},
          {"unit", r.unit},
          {"unit_name", r.unit_name},
          {"period", r.period},
          {"title", r.title},
          {"state", r.state},
          {"version", r.version},
          {"created_by", r.created_by},
          {"created_at", time_or_null(r.created_at)},
          {"updated_by", r.updated_by},
          {"updated_at", time_or_null(r.updated_at)},
          {"submitted_by", r.submitted_by},
          {"decided_by", r.decided_by},
          {"return_reason", r.return_reason},
          {"published_at", time_or_null(r.published_at)},
          {"may_edit", r.may_edit},
          {"may_approve", r.may_approve}};
}

json::object detail_json(const service::Report& r) {
  json::object out = summary_json(r);
  json::object prose;
  for (const auto& [key, paragraphs] : r.prose) {
    json::array a;
    for (const auto& p : paragraphs) a.push_back(json::string(p));
    prose[key] = std::move(a);
  }
  out["prose"] = std::move(prose);
  json::array sections;
  for (const auto& s : service::summary_sections())
    sections.push_back(json::object{{"key", s.key}, {"level", s.level}, {"title", s.title}});
  out["sections"] = std::move(sections);
  out["figures"] = r.figures_json.empty() ? json::value(json::object{}) : json::parse(r.figures_json);
  out["fingerprint"] = r.fingerprint ? json::value(json::object{{"revision", r.fingerprint->revision},
                                                                {"sha256", r.fingerprint->sha256}})
                                     : json::value(nullptr);
  return out;
}

long long id_param(const http::Request& request) {
  const std::string& text = request.param("id");
  long long id = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), id);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || id <= 0)
    throw NotFound("no report " + text, message_key("report.not_found", {{"id", text}}));
  return id;
}

service::ReportQuery query_of(const http::Request& request) {
  return {request.query_param("period").value_or(""), request.query_param("unit").value_or(""),
          request.query_param("state").value_or("")};
}

service::Prose prose_of(const json::object& body) {
  service::Prose prose;
  const json::value* p = body.if_contains("prose");
  if (!p) return prose;
  if (!p->is_object())
    throw InvalidInput("prose", "prose must be an object of paragraph lists",
                       message_key("report.prose.shape"));
  for (const auto& [key, paragraphs] : p->as_object()) {
    if (!paragraphs.is_array())
      throw InvalidInput("prose." + std::string(key), "a list of paragraphs",
                         message_key("report.prose.shape"));
    auto& list = prose[std::string(key)];
    for (const auto& v : paragraphs.as_array()) {
      if (!v.is_string())
        throw InvalidInput("prose." + std::string(key), "paragraphs are texts",
                           message_key("report.prose.shape"));
      list.emplace_back(v.as_string());
    }
  }
  return prose;
}

}  // namespace

void add_report_routes(http::Router& router, service::ReportService& reports) {
  using service::Permission;
  router.get(
      "/api/reports",
      [&reports](http::Request& request) {
        json::array items;
        for (const auto& r : reports.list(principal_of(request), query_of(request)))
          items.push_back(summary_json(r));
        auto total = static_cast<std::int64_t>(items.size());
        return http::Response::json(
            200,
            json::object{{"items", std::move(items)}, {"total", total}, {"page", 1}, {"page_size", total}});
      },
      needs(Permission::read_reports));

  // Before /api/reports/{id}, which would take "export" for an id.
  router.get(
      "/api/reports/export",
      [&reports](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        platform::Cells cells{
            {"编号", "标题", "单位代码", "单位名称", "测评周期", "状态", "起草人", "审核人", "发布时间"}};
        for (const auto& r : reports.list(principal_of(request), query_of(request)))
          cells.push_back({std::to_string(r.id), r.title, r.unit, r.unit_name, r.period, state_zh(r.state),
                           r.created_by, r.decided_by,
                           r.published_at > 0 ? format_rfc3339(r.published_at) : ""});
        return table_download(cells, format, "reports", "工作总结");
      },
      needs(Permission::read_reports));

  router.post(
      "/api/reports",
      [&reports](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        auto r =
            reports.create(principal_of(request), body.optional_text("template").value_or("summary"),
                           body.text("unit"), body.text("period"), body.optional_text("title").value_or(""));
        return http::Response::json(201, detail_json(r));
      },
      needs(Permission::write_reports));

  router.get(
      "/api/reports/{id}",
      [&reports](http::Request& request) {
        return http::Response::json(200, detail_json(reports.get(principal_of(request), id_param(request))));
      },
      needs(Permission::read_reports));

  router.get(
      "/api/reports/{id}/versions",
      [&reports](http::Request& request) {
        json::array items;
        for (const auto& v : reports.versions(principal_of(request), id_param(request)))
          items.push_back(json::object{
              {"version", v.version}, {"saved_by", v.saved_by}, {"saved_at", time_or_null(v.saved_at)}});
        return http::Response::json(200, json::object{{"items", std::move(items)}});
      },
      needs(Permission::read_reports));

  router.put(
      "/api/reports/{id}",
      [&reports](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        auto r = reports.update(principal_of(request), id_param(request), prose_of(object),
                                body.integer("version"));
        return http::Response::json(200, detail_json(r));
      },
      needs(Permission::write_reports));

  router.post(
      "/api/reports/{id}/actions/{action}",
      [&reports](http::Request& request) {
        std::string reason;
        if (!request.body.empty()) {
          json::object object = http::parse_json_object(request);
          http::JsonFields body(object);
          reason = body.optional_text("reason", kLongText).value_or("");
        }
        auto r = reports.act(principal_of(request), id_param(request), request.param("action"), reason);
        return http::Response::json(200, detail_json(r));
      },
      needs(Permission::read_reports));

  router.get(
      "/api/reports/{id}/document",
      [&reports](http::Request& request) {
        std::string format = request.query_param("format").value_or("pdf");
        long long id = id_param(request);
        auto file = reports.document(principal_of(request), id, format);
        http::Response response;
        response.status = 200;
        response.body = std::move(file.bytes);
        response.set_header("Content-Type", file.content_type);
        if (format != "html")
          response.set_header("Content-Disposition", "attachment; filename=\"report-" + std::to_string(id) +
                                                         "." + file.extension + "\"");
        return response;
      },
      needs(Permission::read_reports));
}

}  // namespace civic::api
