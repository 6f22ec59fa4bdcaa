#include "api/evaluation/statistic_routes.h"

#include <boost/json.hpp>
#include <charconv>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"
#include "domain/core/error.h"
#include "domain/core/table_errors.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

// The HTTP layer refuses a larger workbook with 413 before reading it; the reader bounds what it inflates.
constexpr size_t kStatisticTableLimit = 10u << 20;

json::value optional_number(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value optional_text(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value time_or_null(const std::optional<TimeMs>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::object entry_json(const service::StatisticEntry& e) {
  json::object o{{"period", e.period},
                 {"unit", e.unit},
                 {"unit_name", e.unit_name},
                 {"metric", e.metric},
                 {"item", e.item},
                 {"item_name", e.item_name},
                 {"item_name_en", optional_text(e.item_name_en)},
                 {"measure", optional_text(e.measure)},
                 {"min", optional_number(e.min)},
                 {"max", optional_number(e.max)},
                 {"department", e.department},
                 {"department_name", e.department_name},
                 {"previous", optional_number(e.previous)},
                 {"state", e.state},
                 {"value", optional_number(e.value)},
                 {"note", e.note},
                 {"source_file", e.source_file.empty() ? json::value(nullptr) : json::value(e.source_file)},
                 {"explanation", e.explanation},
                 {"computed", e.computed.empty() ? json::value(nullptr) : json::value(e.computed)},
                 {"version", e.version},
                 {"reported_by", e.reported_by},
                 {"submitted_at", time_or_null(e.submitted_at)},
                 {"decided_by", e.decided_by},
                 {"decided_at", time_or_null(e.decided_at)},
                 {"return_reason", e.return_reason},
                 {"may_report", e.may_report},
                 {"may_review", e.may_review}};
  json::array history;
  for (const auto& h : e.history) {
    history.push_back(json::object{{"action", h.action},
                                   {"actor", h.actor},
                                   {"actor_name", h.actor_name},
                                   {"at", format_rfc3339(h.at)},
                                   {"value", h.value},
                                   {"reason", h.reason}});
  }
  o["history"] = std::move(history);
  return o;
}

json::object completeness_json(const service::StatisticCompleteness& c) {
  json::array departments;
  for (const auto& d : c.departments) {
    departments.push_back(json::object{{"department", d.department},
                                       {"department_name", d.department_name},
                                       {"expected", d.expected},
                                       {"draft", d.draft},
                                       {"submitted", d.submitted},
                                       {"approved", d.approved},
                                       {"returned", d.returned},
                                       {"missing", d.missing},
                                       {"overdue", d.overdue}});
  }
  return {{"period", c.period},
          {"deadline", c.deadline},
          {"deadline_set", c.deadline_set},
          {"departments", std::move(departments)}};
}

service::StatisticQuery statistic_query(const http::Request& request) {
  service::StatisticQuery q;
  q.period = request.query_param("period").value_or("");
  q.unit = request.query_param("unit").value_or("");
  q.metric = request.query_param("metric").value_or("");
  q.state = request.query_param("state").value_or("");
  q.department = request.query_param("department").value_or("");
  return q;
}

std::string cell(const std::optional<double>& v) {
  if (!v) return "";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, *v);
  return std::string(buf, r.ptr);
}

platform::Cells statistic_table(const std::vector<service::StatisticEntry>& all) {
  platform::Cells cells{{"测评周期", "指标代码", "指标名称", "数据项", "单位代码", "单位名称", "填报部门",
                         "计量单位", "上期审核值", "本期填报值", "状态", "说明", "变化说明", "退回原因"}};
  for (const auto& e : all) {
    cells.push_back({e.period, e.item, e.item_name, e.metric, e.unit, e.unit_name, e.department_name,
                     e.measure.value_or(""), cell(e.previous), cell(e.value), e.state, e.note, e.explanation,
                     e.return_reason});
  }
  return cells;
}

}  // namespace

void add_statistic_routes(http::Router& router, service::StatisticService& statistics) {
  using service::Permission;
  router.get(
      "/api/statistics",
      [&statistics](http::Request& request) {
        auto page = statistics.list(principal_of(request), statistic_query(request), page_request(request));
        return http::Response::json(200, page_json(page, entry_json));
      },
      needs(Permission::read_statistics));

  router.get(
      "/api/statistics/export",
      [&statistics](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        auto all = statistics.list_all(principal_of(request), statistic_query(request));
        std::vector<CsvCell> kinds(14, CsvCell::text);
        kinds[8] = kinds[9] = CsvCell::number;
        return table_download(statistic_table(all), format, "statistics", "数据指标", kinds);
      },
      needs(Permission::read_statistics));

  router.get(
      "/api/statistics/template",
      [&statistics](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        if (format != "xlsx")
          throw InvalidInput("format", "the template is an xlsx workbook",
                             message_key("statistic.template.format"));
        std::string period = request.query_param("period").value_or("");
        if (period.empty())
          throw InvalidInput("period", "period is required", message_key("statistic.period.required"));
        auto cells = statistics.template_table(principal_of(request), period);
        return table_download(cells, format, "statistics-template", "数据填报");
      },
      needs(Permission::report_statistics));

  router.post(
      "/api/statistics/import",
      [&statistics](http::Request& request) {
        std::string period = request.query_param("period").value_or("");
        if (period.empty())
          throw InvalidInput("period", "period is required", message_key("statistic.period.required"));
        try {
          auto summary = statistics.import_table(principal_of(request), period, request.body);
          return http::Response::json(200, json::object{{"submitted", summary.submitted}});
        } catch (const InvalidTable& e) {
          return table_error_response(e);
        }
      },
      needs(Permission::report_statistics, {.body_limit = kStatisticTableLimit}));

  router.get(
      "/api/statistics/completeness",
      [&statistics](http::Request& request) {
        auto c = statistics.completeness(principal_of(request), request.query_param("period").value_or(""));
        return http::Response::json(200, completeness_json(c));
      },
      needs(Permission::read_statistics));

  router.put(
      "/api/statistics/deadlines/{period}",
      [&statistics](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        auto c = statistics.set_deadline(principal_of(request), request.param("period"), body.text("due"));
        return http::Response::json(200, completeness_json(c));
      },
      needs(Permission::review_statistics));

  router.post(
      "/api/statistics/actions/remind",
      [&statistics](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        int n = statistics.remind(principal_of(request), body.text("period"),
                                  body.optional_text("department").value_or(""));
        return http::Response::json(200, json::object{{"notified", n}});
      },
      needs(Permission::review_statistics));

  router.get(
      "/api/statistics/{period}/{unit}/{metric}",
      [&statistics](http::Request& request) {
        auto e = statistics.get(principal_of(request), request.param("period"), request.param("unit"),
                                request.param("metric"));
        return http::Response::json(200, entry_json(e));
      },
      needs(Permission::read_statistics));

  router.put(
      "/api/statistics/{period}/{unit}/{metric}",
      [&statistics](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::StatisticDraft d;
        d.value = body.number("value");
        d.note = body.optional_text("note", kLongText).value_or("");
        d.source_file = body.optional_text("source_file").value_or("");
        d.explanation = body.optional_text("explanation", kLongText).value_or("");
        d.version = body.optional_integer("version").value_or(0);
        // "submit": true saves and submits in one transaction: a refused value leaves nothing saved.
        const bool submit = body.optional_boolean("submit").value_or(false);
        auto e = submit ? statistics.save_and_submit(principal_of(request), request.param("period"),
                                                     request.param("unit"), request.param("metric"), d)
                        : statistics.save(principal_of(request), request.param("period"),
                                          request.param("unit"), request.param("metric"), d);
        return http::Response::json(200, entry_json(e));
      },
      needs(Permission::report_statistics));

  router.post(
      "/api/statistics/{period}/{unit}/{metric}/actions/{action}",
      [&statistics](http::Request& request) {
        const auto& who = principal_of(request);
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        const std::string& action = request.param("action");
        long long version = body.integer("version");
        const std::string &period = request.param("period"), &unit = request.param("unit"),
                          &metric = request.param("metric");
        service::StatisticEntry e;
        if (action == "submit") {
          e = statistics.submit(who, period, unit, metric, version);
        } else if (action == "approve") {
          e = statistics.approve(who, period, unit, metric, version);
        } else if (action == "return") {
          e = statistics.return_value(who, period, unit, metric,
                                      body.optional_text("reason", kLongText).value_or(""), version);
        } else {
          throw Error(ErrorCode::not_found, "no such action: " + action + " (submit, approve, return)",
                      "action", message_key("statistic.action.unknown", {{"action", action}}));
        }
        return http::Response::json(200, entry_json(e));
      },
      needs(Permission::read_statistics));
}

}  // namespace civic::api
