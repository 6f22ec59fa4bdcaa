#include "api/self_inspections/self_inspection_routes.h"

#include <boost/json.hpp>
#include <charconv>
#include <cstdio>

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

json::value time_or_null(TimeMs t) {
  return t > 0 ? json::value(format_rfc3339(t)) : json::value(nullptr);
}

json::value optional_number(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value optional_text(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::string(s));
  return a;
}

json::object summary_json(const service::SelfInspection& s) {
  return {{"id", s.id},
          {"period", s.period},
          {"unit", s.unit},
          {"unit_name", s.unit_name},
          {"state", s.state},
          {"started_by", s.started_by},
          {"started_by_name", s.started_by_name},
          {"started_at", time_or_null(s.started_at)},
          {"finished_at", time_or_null(s.finished_at)},
          {"items_filled", s.items_filled},
          {"items_total", s.items_total},
          {"mean_gap", optional_number(s.mean_gap)},
          {"over_optimistic_count", s.over_optimistic_count}};
}

json::object detail_json(const service::SelfInspection& s) {
  json::object out = summary_json(s);
  json::array items;
  for (const auto& it : s.items) {
    json::object o{{"item", it.code},
                   {"name", it.name},
                   {"name_en", optional_text(it.name_en)},
                   {"method", it.method},
                   {"max_score", it.max_score},
                   {"indicator", it.indicator},
                   {"indicator_name", it.indicator_name},
                   {"aspect", it.aspect},
                   {"aspect_name", it.aspect_name},
                   {"filled", it.filled},
                   {"self_rate", it.filled ? json::value(it.self_rate) : json::value(nullptr)},
                   {"expected", it.expected},
                   {"note", it.note},
                   {"files", strings(it.files)},
                   {"file_names", strings(it.file_names)},
                   {"updated_at", time_or_null(it.updated_at)}};
    if (it.method == "statistic") {
      o["metric"] = it.metric;
      o["direction"] = it.direction;
      o["target"] = it.target;
      o["measure"] = optional_text(it.measure);
    }
    items.push_back(std::move(o));
  }
  out["items"] = std::move(items);
  out["grades"] = strings(s.grades);
  return out;
}

json::object gaps_json(const service::SelfInspectionGaps& g) {
  json::array items;
  for (const auto& r : g.items) {
    items.push_back(json::object{{"item", r.item},
                                 {"name", r.name},
                                 {"name_en", optional_text(r.name_en)},
                                 {"method", r.method},
                                 {"aspect", r.aspect},
                                 {"aspect_name", r.aspect_name},
                                 {"max_score", r.max_score},
                                 {"self_rate", r.self_rate},
                                 {"measured_rate", optional_number(r.measured_rate)},
                                 {"gap", optional_number(r.gap)},
                                 {"over_optimistic", r.over_optimistic}});
  }
  return {{"id", g.id},
          {"period", g.period},
          {"unit", g.unit},
          {"unit_name", g.unit_name},
          {"state", g.state},
          {"items", std::move(items)},
          {"mean_gap", optional_number(g.mean_gap)},
          {"over_optimistic_count", g.over_optimistic_count},
          {"compared", g.compared}};
}

long long id_param(const http::Request& request) {
  const std::string& text = request.param("id");
  long long id = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), id);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || id <= 0)
    throw NotFound("no self-inspection " + text, message_key("self_inspection.not_found", {{"id", text}}));
  return id;
}

service::SelfInspectionFilter filter_of(const http::Request& request) {
  service::SelfInspectionFilter f;
  f.period = request.query_param("period").value_or("");
  f.unit = request.query_param("unit").value_or("");
  f.state = request.query_param("state").value_or("");
  f.q = request.query_param("q").value_or("");
  return f;
}

std::string number_text(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string percent(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *v * 100);
  return buf;
}

}  // namespace

void add_self_inspection_routes(http::Router& router, service::SelfInspectionService& self_inspections) {
  using service::Permission;
  router.get(
      "/api/self-inspections",
      [&self_inspections](http::Request& request) {
        auto page = self_inspections.list(principal_of(request), filter_of(request), page_request(request));
        return http::Response::json(200, page_json(page, summary_json));
      },
      needs(Permission::read_self_inspections));

  // Before /api/self-inspections/{id}, which would take "export" for an id.
  router.get(
      "/api/self-inspections/export",
      [&self_inspections](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        auto all = self_inspections.list_all(principal_of(request), filter_of(request));
        platform::Cells cells{{"编号", "测评周期", "单位代码", "单位名称", "状态", "已填项", "测评内容数",
                               "平均差距(百分点)", "过于乐观项数", "发起人", "完成时间"}};
        for (const auto& s : all) {
          cells.push_back({std::to_string(s.id), s.period, s.unit, s.unit_name,
                           s.state == "finished" ? "已完成" : "进行中", std::to_string(s.items_filled),
                           std::to_string(s.items_total), percent(s.mean_gap),
                           std::to_string(s.over_optimistic_count), s.started_by_name,
                           s.finished_at > 0 ? format_rfc3339(s.finished_at) : ""});
        }
        std::vector<CsvCell> kinds(11, CsvCell::text);
        kinds[0] = kinds[5] = kinds[6] = kinds[7] = kinds[8] = CsvCell::number;
        return table_download(cells, format, "self-inspections", "自查", kinds);
      },
      needs(Permission::read_self_inspections));

  router.get(
      "/api/self-inspections/{id}",
      [&self_inspections](http::Request& request) {
        return http::Response::json(
            200, detail_json(self_inspections.get(principal_of(request), id_param(request))));
      },
      needs(Permission::read_self_inspections));

  router.get(
      "/api/self-inspections/{id}/gaps",
      [&self_inspections](http::Request& request) {
        return http::Response::json(
            200, gaps_json(self_inspections.gaps(principal_of(request), id_param(request))));
      },
      needs(Permission::read_self_inspections));

  router.post(
      "/api/self-inspections",
      [&self_inspections](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        auto s = self_inspections.start(principal_of(request), body.text("period"), body.text("unit"));
        return http::Response::json(201, detail_json(s));
      },
      needs(Permission::manage_self_inspections));

  router.put(
      "/api/self-inspections/{id}/items/{item}",
      [&self_inspections](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::SelfAssessment a;
        a.self_rate = body.optional_number("self_rate");
        if (const json::value* e = object.if_contains("expected"); e && e->is_number()) {
          a.expected = number_text(e->to_number<double>());
        } else {
          a.expected = body.optional_text("expected").value_or("");
        }
        a.note = body.optional_text("note", kLongText).value_or("");
        a.files = body.text_list("files");
        auto s =
            self_inspections.set_item(principal_of(request), id_param(request), request.param("item"), a);
        return http::Response::json(200, detail_json(s));
      },
      needs(Permission::manage_self_inspections));

  router.post(
      "/api/self-inspections/{id}/actions/finish",
      [&self_inspections](http::Request& request) {
        return http::Response::json(
            200, detail_json(self_inspections.finish(principal_of(request), id_param(request))));
      },
      needs(Permission::manage_self_inspections));
}

}  // namespace civic::api
