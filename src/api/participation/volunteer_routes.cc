#include "api/participation/volunteer_routes.h"

#include <boost/json.hpp>
#include <memory>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"
#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "http/json_body.h"
#include "http/rate_limiter.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr TextLimit kCodeText{64, false};
constexpr size_t kVolunteerBodyLimit = 8 * 1024;
// A person registers once; a family or a community desk a few in a row, then about one every 30 s.
constexpr http::RateLimit kRegisterLimit{2, 10, 100000};

json::value time_or_null(TimeMs t) {
  return t > 0 ? json::value(format_rfc3339(t)) : json::value(nullptr);
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::string(s));
  return a;
}

json::object volunteer_json(const service::Volunteer& v) {
  return {{"code", v.code},
          {"name", v.name},
          {"phone", v.phone},
          {"id_number", v.id_number},
          {"revealed", v.revealed.empty() ? json::value(nullptr) : json::value(v.revealed)},
          {"unit", v.unit},
          {"unit_name", v.unit_name},
          {"skills", strings(v.skills)},
          {"availability", v.availability},
          {"state", v.state},
          {"source", v.source},
          {"registered_at", time_or_null(v.registered_at)},
          {"registered_by", v.registered_by},
          {"confirmed_by", v.confirmed_by},
          {"confirmed_at", time_or_null(v.confirmed_at)},
          {"rejected_reason", v.rejected_reason},
          {"teams", strings(v.teams)},
          {"hours", v.hours},
          {"stars", v.stars}};
}

json::object team_json(const service::VolunteerTeam& t) {
  return {{"code", t.code},
          {"name", t.name},
          {"unit", t.unit},
          {"unit_name", t.unit_name},
          {"members", t.members},
          {"created_by", t.created_by},
          {"created_at", time_or_null(t.created_at)}};
}

service::VolunteerInput input_of(http::Request& request) {
  json::object object = http::parse_json_object(request);
  http::JsonFields body(object);
  service::VolunteerInput in;
  in.name = body.text("name", TextLimit{50, false});
  in.phone = body.text("phone", TextLimit{20, false});
  in.id_number = body.text("id_number", TextLimit{20, false});
  in.unit = body.text("unit", kCodeText);
  in.skills = body.text_list("skills", TextLimit{50, false});
  in.availability = body.optional_text("availability", TextLimit{200, false}).value_or("");
  return in;
}

service::VolunteerFilter filter_of(const http::Request& request) {
  return {request.query_param("state").value_or(""), request.query_param("unit").value_or(""),
          request.query_param("team").value_or(""), request.query_param("q").value_or("")};
}

const char* state_zh(const std::string& state) {
  if (state == "pending") return "待审核";
  if (state == "confirmed") return "已确认";
  if (state == "rejected") return "已驳回";
  return "";
}

}  // namespace

void add_volunteer_routes(http::Router& router, service::VolunteerService& volunteers) {
  using service::Permission;
  auto registrations = std::make_shared<http::RateLimiter>(kRegisterLimit);
  http::RouteOptions public_options;
  public_options.is_public = true;
  public_options.body_limit = kVolunteerBodyLimit;
  router.post(
      "/api/public/volunteers",
      [&volunteers, registrations](http::Request& request) {
        registrations->require(request.client_ip);
        service::Volunteer v = volunteers.register_public(input_of(request));
        // The public sees only what it sent back masked: no officer's view of the record.
        return http::Response::json(
            201,
            json::object{{"code", v.code}, {"state", v.state}, {"name", v.masked_name}, {"unit", v.unit}});
      },
      public_options);

  router.get(
      "/api/volunteers",
      [&volunteers](http::Request& request) {
        auto page = volunteers.list(principal_of(request), filter_of(request), page_request(request));
        return http::Response::json(200, page_json(page, volunteer_json));
      },
      needs(Permission::read_volunteers));

  // Before /api/volunteers/{code}, which would take "export" for a code.
  router.get(
      "/api/volunteers/export",
      [&volunteers](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        platform::Cells cells{{"编号", "姓名", "手机号", "身份证号", "社区代码", "社区", "技能", "服务时间",
                               "状态", "登记时间", "服务时长", "星级"}};
        for (const auto& v : volunteers.export_list(principal_of(request), filter_of(request))) {
          std::string skills;
          for (const auto& s : v.skills) skills += (skills.empty() ? "" : "、") + s;
          cells.push_back({v.code, v.name, v.phone, v.id_number, v.unit, v.unit_name, skills, v.availability,
                           state_zh(v.state), format_rfc3339(v.registered_at), std::to_string(v.hours),
                           std::to_string(v.stars)});
        }
        return table_download(cells, format, "volunteers", "志愿者");
      },
      needs(Permission::read_volunteers));

  router.post(
      "/api/volunteers",
      [&volunteers](http::Request& request) {
        return http::Response::json(
            201, volunteer_json(volunteers.enter(principal_of(request), input_of(request))));
      },
      needs(Permission::manage_volunteers, {.body_limit = kVolunteerBodyLimit}));

  router.get(
      "/api/volunteers/{code}",
      [&volunteers](http::Request& request) {
        return http::Response::json(
            200, volunteer_json(volunteers.get(principal_of(request), request.param("code"),
                                               request.query_param("reveal").value_or(""))));
      },
      needs(Permission::read_volunteers));

  router.post(
      "/api/volunteers/{code}/actions/confirm",
      [&volunteers](http::Request& request) {
        return http::Response::json(
            200, volunteer_json(volunteers.confirm(principal_of(request), request.param("code"))));
      },
      needs(Permission::manage_volunteers));
  router.post(
      "/api/volunteers/{code}/actions/reject",
      [&volunteers](http::Request& request) {
        json::object object = http::parse_json_object(request);
        std::string reason = http::JsonFields(object).optional_text("reason", kLongText).value_or("");
        return http::Response::json(
            200, volunteer_json(volunteers.reject(principal_of(request), request.param("code"), reason)));
      },
      needs(Permission::manage_volunteers));

  router.get(
      "/api/volunteer-teams",
      [&volunteers](http::Request& request) {
        json::array a;
        for (const auto& t : volunteers.teams(principal_of(request))) a.push_back(team_json(t));
        return http::Response::json(200, a);
      },
      needs(Permission::read_volunteers));
  router.post(
      "/api/volunteer-teams",
      [&volunteers](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::VolunteerTeamInput in{body.optional_text("code", kCodeText).value_or(""),
                                       body.text("name", TextLimit{100, false}),
                                       body.text("unit", kCodeText)};
        return http::Response::json(201, team_json(volunteers.create_team(principal_of(request), in)));
      },
      needs(Permission::manage_volunteers));
  router.post(
      "/api/volunteer-teams/{code}/members",
      [&volunteers](http::Request& request) {
        json::object object = http::parse_json_object(request);
        std::string volunteer = http::JsonFields(object).text("volunteer", kCodeText);
        return http::Response::json(
            200, team_json(volunteers.add_member(principal_of(request), request.param("code"), volunteer)));
      },
      needs(Permission::manage_volunteers));
  router.del(
      "/api/volunteer-teams/{code}/members/{volunteer}",
      [&volunteers](http::Request& request) {
        return http::Response::json(
            200, team_json(volunteers.remove_member(principal_of(request), request.param("code"),
                                                    request.param("volunteer"))));
      },
      needs(Permission::manage_volunteers));
}

}  // namespace civic::api
