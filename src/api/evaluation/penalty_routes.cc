#include "api/evaluation/penalty_routes.h"

#include <boost/json.hpp>
#include <charconv>

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

json::object penalty_json(const service::Penalty& p) {
  json::array files;
  for (const auto& f : p.files) files.push_back(json::string(f));
  return {
      {"id", p.id},
      {"period", p.period},
      {"unit", p.unit},
      {"unit_name", p.unit_name},
      {"type", p.type},
      {"type_name", p.type_name},
      {"type_name_en", p.type_name_en ? json::value(*p.type_name_en) : json::value(nullptr)},
      {"deduct", p.deduct},
      {"disqualify", p.disqualify},
      {"date", p.date.empty() ? json::value(nullptr) : json::value(p.date)},
      {"description", p.description},
      {"files", std::move(files)},
      {"state", p.state},
      {"recorded_by", p.recorded_by},
      {"recorded_at", p.recorded_at ? json::value(format_rfc3339(p.recorded_at)) : json::value(nullptr)},
      {"withdrawn_reason", p.withdrawn_reason},
      {"withdrawn_by", p.withdrawn_by},
      {"withdrawn_at", p.withdrawn_at ? json::value(format_rfc3339(*p.withdrawn_at)) : json::value(nullptr)}};
}

service::PenaltyQuery penalty_query(const http::Request& request) {
  service::PenaltyQuery q;
  q.period = request.query_param("period").value_or("");
  q.unit = request.query_param("unit").value_or("");
  q.type = request.query_param("type").value_or("");
  q.state = request.query_param("state").value_or("");
  return q;
}

long long id_param(const http::Request& request) {
  const std::string& text = request.param("id");
  long long id = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), id);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || id <= 0)
    throw NotFound("no negative-list event " + text, message_key("penalty.not_found", {{"id", text}}));
  return id;
}

std::string number_text(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

platform::Cells penalty_table(const std::vector<service::Penalty>& all) {
  platform::Cells cells{{"编号", "测评周期", "单位代码", "单位名称", "类型", "类型名称", "扣分", "一票否决",
                         "日期", "描述", "状态", "登记人", "撤销原因"}};
  for (const auto& p : all) {
    cells.push_back({std::to_string(p.id), p.period, p.unit, p.unit_name, p.type, p.type_name,
                     number_text(p.deduct), p.disqualify ? "是" : "否", p.date, p.description,
                     p.state == "recorded" ? "有效" : "已撤销", p.recorded_by, p.withdrawn_reason});
  }
  return cells;
}

}  // namespace

void add_penalty_routes(http::Router& router, service::PenaltyService& penalties) {
  using service::Permission;
  router.get(
      "/api/penalties",
      [&penalties](http::Request& request) {
        auto page = penalties.list(principal_of(request), penalty_query(request), page_request(request));
        return http::Response::json(200, page_json(page, penalty_json));
      },
      needs(Permission::read_scores));

  router.get(
      "/api/penalties/export",
      [&penalties](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        auto all = penalties.list_all(principal_of(request), penalty_query(request));
        std::vector<CsvCell> kinds(13, CsvCell::text);
        kinds[0] = kinds[6] = CsvCell::number;
        return table_download(penalty_table(all), format, "penalties", "负面清单", kinds);
      },
      needs(Permission::read_scores));

  router.get(
      "/api/penalties/{id}",
      [&penalties](http::Request& request) {
        return http::Response::json(200,
                                    penalty_json(penalties.get(principal_of(request), id_param(request))));
      },
      needs(Permission::read_scores));

  router.post(
      "/api/penalties",
      [&penalties](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::PenaltyDraft d;
        d.period = body.text("period");
        d.unit = body.text("unit");
        d.type = body.text("type");
        d.date = body.text("date");
        d.description = body.optional_text("description", kLongText).value_or("");
        d.files = body.text_list("files");
        return http::Response::json(201, penalty_json(penalties.record(principal_of(request), d)));
      },
      needs(Permission::manage_penalties));

  router.post(
      "/api/penalties/{id}/actions/withdraw",
      [&penalties](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        auto p = penalties.withdraw(principal_of(request), id_param(request),
                                    body.optional_text("reason", kLongText).value_or(""));
        return http::Response::json(200, penalty_json(p));
      },
      needs(Permission::manage_penalties));
}

}  // namespace civic::api
