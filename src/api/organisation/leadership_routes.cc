#include "api/organisation/leadership_routes.h"

#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr TextLimit kCodeText{64, false};
constexpr TextLimit kNameText{100, false};
constexpr size_t kBodyLimit = 64 * 1024;
constexpr size_t kMaxMembers = 200;

json::value time_or_null(TimeMs t) {
  return t > 0 ? json::value(format_rfc3339(t)) : json::value(nullptr);
}

json::value date_or_null(const std::string& d) {
  return d.empty() ? json::value(nullptr) : json::value(d);
}

json::object version_json(const service::LeadershipVersion& v) {
  json::array members;
  for (const auto& m : v.members)
    members.push_back(
        json::object{{"name", m.name}, {"position", m.position}, {"role", m.role}, {"duties", m.duties}});
  return {{"valid_from", v.valid_from},
          {"valid_to", date_or_null(v.valid_to)},
          {"notice", json::object{{"number", v.notice.number},
                                  {"title", v.notice.title},
                                  {"file", date_or_null(v.notice.file)}}},
          {"members", members},
          {"created_by", v.created_by},
          {"created_at", time_or_null(v.created_at)}};
}

json::object group_json(const service::LeadershipGroup& g) {
  return {{"code", g.code},
          {"unit", g.unit},
          {"unit_name", g.unit_name},
          {"kind", g.kind},
          {"name", g.name},
          {"created_by", g.created_by},
          {"created_at", time_or_null(g.created_at)},
          {"date", g.date},
          {"version", g.version ? json::value(version_json(*g.version)) : json::value(nullptr)}};
}

json::object person_json(const service::ResponsiblePerson& p) {
  return {{"kind", p.kind},
          {"name", p.name},
          {"position", p.position},
          {"phone", p.phone},
          {"revealed", p.revealed},
          {"valid_from", p.valid_from},
          {"valid_to", date_or_null(p.valid_to)},
          {"created_by", p.created_by},
          {"created_at", time_or_null(p.created_at)}};
}

json::object responsible_json(const service::UnitResponsible& r) {
  json::array history;
  for (const auto& p : r.history) history.push_back(person_json(p));
  auto current = [](const std::optional<service::ResponsiblePerson>& p) {
    return p ? json::value(person_json(*p)) : json::value(nullptr);
  };
  return {{"unit", r.unit},
          {"unit_name", r.unit_name},
          {"date", r.date},
          {"first_responsible", current(r.first_responsible)},
          {"liaison", current(r.liaison)},
          {"history", history}};
}

service::LeadershipVersionInput version_input(const http::JsonFields& body) {
  service::LeadershipVersionInput in;
  in.valid_from = to_iso(body.date("valid_from"));
  http::JsonFields notice = body.member_object("notice");
  in.notice.number = notice.text("number", kNameText);
  in.notice.title = notice.text("title", TextLimit{200, false});
  in.notice.file = notice.optional_text("file", kCodeText).value_or("");
  std::vector<http::JsonFields> members = body.object_list("members");
  if (members.size() > kMaxMembers)
    throw InvalidInput(
        "members", "at most 200 members",
        message_key("leadership_group.members.too_many", {{"max", std::to_string(kMaxMembers)}}));
  for (const auto& m : members) {
    in.members.push_back({m.text("name", TextLimit{50, false}),
                          m.optional_text("position", kNameText).value_or(""), m.text("role", kCodeText),
                          m.optional_text("duties", TextLimit{500, false}).value_or("")});
  }
  return in;
}

std::string date_param(const http::Request& request) {
  return request.query_param("date").value_or("");
}

}  // namespace

void add_leadership_routes(http::Router& router, service::LeadershipService& leadership) {
  using service::Permission;
  router.get(
      "/api/units/{code}/leadership-groups",
      [&leadership](http::Request& request) {
        json::array a;
        for (const auto& g :
             leadership.groups(principal_of(request), request.param("code"), date_param(request)))
          a.push_back(group_json(g));
        return http::Response::json(200, a);
      },
      needs(Permission::read_units));
  router.post(
      "/api/units/{code}/leadership-groups",
      [&leadership](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::LeadershipGroupInput in;
        in.code = body.optional_text("code", kCodeText).value_or("");
        in.kind = body.text("kind", kCodeText);
        in.name = body.text("name", kNameText);
        in.first = version_input(body);
        return http::Response::json(
            201, group_json(leadership.create_group(principal_of(request), request.param("code"), in)));
      },
      needs(Permission::manage_leadership, {.body_limit = kBodyLimit}));

  router.get(
      "/api/leadership-groups/{code}",
      [&leadership](http::Request& request) {
        return http::Response::json(
            200,
            group_json(leadership.group(principal_of(request), request.param("code"), date_param(request))));
      },
      needs(Permission::read_units));
  router.get(
      "/api/leadership-groups/{code}/versions",
      [&leadership](http::Request& request) {
        json::array a;
        for (const auto& v : leadership.versions(principal_of(request), request.param("code")))
          a.push_back(version_json(v));
        return http::Response::json(200, a);
      },
      needs(Permission::read_units));
  router.post(
      "/api/leadership-groups/{code}/versions",
      [&leadership](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        return http::Response::json(
            201, version_json(
                     leadership.reform(principal_of(request), request.param("code"), version_input(body))));
      },
      needs(Permission::manage_leadership, {.body_limit = kBodyLimit}));

  router.get(
      "/api/units/{code}/responsible-persons",
      [&leadership](http::Request& request) {
        return http::Response::json(
            200, responsible_json(leadership.responsible(principal_of(request), request.param("code"),
                                                         request.query_param("reveal").value_or(""))));
      },
      needs(Permission::read_units));
  router.put(
      "/api/units/{code}/responsible-persons",
      [&leadership](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::ResponsiblePersonInput in;
        in.kind = body.text("kind", kCodeText);
        in.name = body.text("name", TextLimit{50, false});
        in.position = body.optional_text("position", kNameText).value_or("");
        in.phone = body.optional_text("phone", TextLimit{20, false}).value_or("");
        in.valid_from = to_iso(body.date("valid_from"));
        return http::Response::json(200, responsible_json(leadership.set_responsible(
                                             principal_of(request), request.param("code"), in)));
      },
      needs(Permission::manage_leadership));
}

}  // namespace civic::api
