#include "api/cases/case_routes.h"

#include <boost/json.hpp>
#include <cstdio>
#include <stdexcept>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"
#include "domain/cases/case_category.h"
#include "domain/cases/case_text_limits.h"
#include "domain/core/civil_time.h"
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

std::optional<long long> integer_param(const http::Request& request, const char* name);

service::CaseRankingQuery case_ranking_query_of(const http::Request& request) {
  service::CaseRankingQuery q;
  q.period = request.query_param("period").value_or("");
  q.level = request.query_param("level").value_or("district");
  q.under = request.query_param("under").value_or("");
  if (auto n = integer_param(request, "list_size"))
    q.list_size = static_cast<int>(std::min<long long>(*n, 1000));
  q.min_cases = integer_param(request, "min_cases");
  return q;
}

// A composite score as a sheet shows it: two decimals.
std::string rate_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::optional<long long> integer_param(const http::Request& request, const char* name) {
  auto v = request.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    long long n = std::stoll(*v, &used);
    if (used == v->size()) return n;
  } catch (const std::invalid_argument&) {
  } catch (const std::out_of_range&) {
  }
  throw InvalidInput(name, std::string(name) + " must be an integer",
                     message_key("case.query.not_integer", {{"name", name}}));
}

service::CaseQuery case_query_of(const http::Request& request) {
  service::CaseQuery query;
  query.state = request.query_param("state").value_or("");
  query.category = request.query_param("category").value_or("");
  query.unit = request.query_param("unit").value_or("");
  query.source = request.query_param("source").value_or("");
  query.period = request.query_param("period").value_or("");
  query.text = request.query_param("q").value_or("");
  auto overdue = request.query_param("overdue").value_or("");
  if (!overdue.empty() && overdue != "true" && overdue != "false") {
    throw InvalidInput("overdue", "overdue must be true or false", message_key("case.query.overdue"));
  }
  query.overdue_only = overdue == "true";
  return query;
}

// Local (business time zone) date and time to the minute, as offices read them in a sheet; "" for none.
std::string local_minute(std::optional<TimeMs> t) {
  if (!t) return "";
  const TimeZone& zone = business_time_zone();
  TimeMs local = *t + static_cast<TimeMs>(zone.offset_minutes) * 60'000;
  CivilDate day = civil_date_of(*t, zone);
  long long minute_of_day = ((local % 86'400'000 + 86'400'000) % 86'400'000) / 60'000;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02lld:%02lld", minute_of_day / 60, minute_of_day % 60);
  return to_iso(day) + " " + hm;
}

const char* state_label(CaseState s) {
  switch (s) {
    case CaseState::reported:
      return "待立案";
    case CaseState::registered:
      return "已立案";
    case CaseState::rejected:
      return "不予立案";
    case CaseState::dispatched:
      return "已派遣";
    case CaseState::handling:
      return "处置中";
    case CaseState::handled:
      return "待核查";
    case CaseState::closed:
      return "已结案";
  }
  return "";
}

std::string source_label(const std::string& source) {
  if (source == "inspection") return "实地考察";
  if (source == "public") return "随手拍";
  if (source == "hotline") return "12345热线";
  if (source == "office") return "创文办";
  return source;
}

platform::Cells case_table(const std::vector<service::CaseView>& all) {
  platform::Cells cells{{"案卷编号", "标题", "问题类别", "严重程度", "状态", "是否超期", "来源", "责任单位",
                         "单位编码", "点位", "测评内容", "地址", "上报时间", "首次派遣时间", "整改期限",
                         "结案时间", "督办级别", "返工次数"}};
  for (const auto& c : all) {
    auto category = find_case_category(c.category);
    cells.push_back({c.code, c.title, category ? category->name : c.category, c.severity,
                     state_label(c.state), c.overdue ? "是" : "否", source_label(c.source),
                     c.unit_name.value_or(""), c.unit.value_or(""), c.site_name.value_or(c.site.value_or("")),
                     c.item.value_or(""), c.address, local_minute(c.reported_at),
                     local_minute(c.first_dispatched_at), local_minute(c.due_at), local_minute(c.closed_at),
                     std::to_string(c.escalation_level), std::to_string(c.rework_count)});
  }
  return cells;
}

service::NewCase new_case_from(const http::JsonFields& body) {
  service::NewCase input;
  input.title = body.text("title", kCaseTitle);
  input.category = body.text("category", kCaseReference);
  input.description = body.optional_text("description", kCaseDescription).value_or("");
  input.address = body.optional_text("address", kCaseAddress).value_or("");
  input.lat = body.optional_number("lat");
  input.lon = body.optional_number("lon");
  input.site = body.optional_text("site", kCaseReference).value_or("");
  input.unit = body.optional_text("unit", kCaseReference).value_or("");
  input.photos = body.text_list("photos", kCaseReference);
  input.source = body.optional_text("source", kCaseReference).value_or("office");
  return input;
}

service::CaseActionRequest action_from(const http::JsonFields& body) {
  service::CaseActionRequest r;
  r.version = body.optional_integer("version");
  r.reason = body.optional_text("reason", kCaseComment).value_or("");
  r.note = body.optional_text("note", kCaseComment).value_or("");
  r.photos = body.text_list("photos", kCaseReference);
  r.category = body.optional_text("category", kCaseReference).value_or("");
  r.severity = body.optional_text("severity", kCaseReference).value_or("");
  r.unit = body.optional_text("unit", kCaseReference).value_or("");
  // An empty time is no time, as the console sends it for a cleared picker.
  auto time_of = [&](std::string_view name) -> std::optional<TimeMs> {
    if (body.optional_text(name).value_or("").empty()) return std::nullopt;
    return body.optional_time(name);
  };
  r.requested_due_at = time_of("requested_due_at");
  r.new_due_at = time_of("new_due_at");
  r.outcome = body.optional_text("outcome", kCaseReference).value_or("");
  r.duplicate_of = body.optional_text("duplicate_of", kCaseReference).value_or("");
  r.lat = body.optional_number("lat");
  r.lon = body.optional_number("lon");
  return r;
}

}  // namespace

void add_case_routes(http::Router& router, service::CaseService& cases) {
  using service::Permission;
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

  router.get(
      "/api/cases",
      [&cases](http::Request& request) {
        auto page = cases.list(principal_of(request), case_query_of(request), page_request(request));
        return http::Response::json(200, page_json(page, case_summary_json));
      },
      needs(Permission::read_cases));

  // The filtered list as a file (?format=xlsx|csv and the list's filters); before /api/cases/{code}.
  router.get(
      "/api/cases/export",
      [&cases](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        auto all = cases.export_list(principal_of(request), case_query_of(request));
        return table_download(case_table(all), format, "cases", "问题案卷");
      },
      needs(Permission::read_cases));

  router.get(
      "/api/cases/{code}",
      [&cases](http::Request& request) {
        return http::Response::json(
            200, case_detail_json(cases.get(principal_of(request), request.param("code"))));
      },
      needs(Permission::read_cases));

  router.post(
      "/api/cases",
      [&cases](http::Request& request) {
        json::object body = http::parse_json_object(request);
        service::NewCase input = new_case_from(http::JsonFields(body));
        return http::Response::json(201, case_detail_json(cases.create(principal_of(request), input)));
      },
      needs(Permission::report_cases));

  router.post(
      "/api/cases/{code}/actions/{action}",
      [&cases](http::Request& request) {
        json::object body = http::parse_json_object(request);
        service::CaseActionRequest r = action_from(http::JsonFields(body));
        auto view = cases.act(principal_of(request), request.param("code"), request.param("action"), r);
        return http::Response::json(200, case_detail_json(view));
      },
      needs(Permission::act_on_cases));

  router.get(
      "/api/case-measures",
      [&cases](http::Request& request) {
        auto report = cases.measures(principal_of(request), request.query_param("unit").value_or(""),
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
      },
      needs(Permission::read_case_measures));

  // The rankings with their red and black lists as a file (?format=xlsx|csv and the same filters).
  router.get(
      "/api/case-rankings/export",
      [&cases](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        auto r = cases.export_rankings(principal_of(request), case_ranking_query_of(request));
        platform::Cells cells{{"榜单", "排名", "单位", "单位编码", "案卷数", "综合得分"}};
        auto add = [&cells](const char* list, const std::vector<service::CaseRankingEntry>& entries) {
          for (const auto& e : entries) {
            cells.push_back({list, e.rank ? std::to_string(e.rank) : "", e.unit.unit_name, e.unit.unit,
                             std::to_string(e.unit.measures.base_count),
                             e.unit.composite ? rate_text(*e.unit.composite) : ""});
          }
        };
        add("红榜", r.red);
        add("黑榜", r.black);
        add("排名", r.ranking);
        return table_download(cells, format, "case-rankings", "红黑榜");
      },
      needs(Permission::read_case_measures));

  router.get(
      "/api/case-rankings",
      [&cases](http::Request& request) {
        auto r = cases.rankings(principal_of(request), case_ranking_query_of(request));
        json::array ranking, red, black;
        for (const auto& e : r.ranking) ranking.push_back(ranking_entry_json(e));
        for (const auto& e : r.red) red.push_back(ranking_entry_json(e));
        for (const auto& e : r.black) black.push_back(ranking_entry_json(e));
        return http::Response::json(200, json::object{{"period", r.period},
                                                      {"level", r.level},
                                                      {"ranking", std::move(ranking)},
                                                      {"red", std::move(red)},
                                                      {"black", std::move(black)},
                                                      {"list_size", r.list_size},
                                                      {"min_cases", r.min_cases},
                                                      {"ranked", r.ranked},
                                                      {"units", static_cast<long long>(r.ranking.size())}});
      },
      needs(Permission::read_case_measures));
}

}  // namespace civic::api
