#include "api/participation/activity_routes.h"

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
constexpr size_t kBodyLimit = 16 * 1024;
// A QR code at an event: a few dozen volunteers behind one address within minutes.
constexpr http::RateLimit kPhoneLimit{20, 40, 100000};
constexpr http::RateLimit kVerifyLimit{20, 40, 100000};

json::value time_or_null(TimeMs t) {
  return t > 0 ? json::value(format_rfc3339(t)) : json::value(nullptr);
}
json::value number_or_null(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value text_or_null(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

json::object record_json(const service::ServiceRecord& r) {
  return {{"id", r.id},
          {"volunteer", r.volunteer},
          {"volunteer_name", r.volunteer_name},
          {"activity", r.activity},
          {"check_in", time_or_null(r.check_in)},
          {"check_out", time_or_null(r.check_out)},
          {"hours", r.hours},
          {"state", r.state},
          {"needs_confirmation", r.needs_confirmation},
          {"latitude", number_or_null(r.latitude)},
          {"longitude", number_or_null(r.longitude)},
          {"version", r.version},
          {"supersedes", r.supersedes ? json::value(*r.supersedes) : json::value(nullptr)},
          {"latest", r.latest},
          {"entered_by", r.entered_by},
          {"decided_by", r.decided_by},
          {"decided_at", time_or_null(r.decided_at)},
          {"reason", text_or_null(r.reason)},
          {"created_at", time_or_null(r.created_at)}};
}

json::object signup_json(const service::ActivitySignup& s) {
  return {{"volunteer", s.volunteer},
          {"volunteer_name", s.volunteer_name},
          {"signed_up_at", time_or_null(s.signed_up_at)}};
}

json::object activity_json(const service::Activity& a) {
  return {{"code", a.code},
          {"unit", a.unit},
          {"unit_name", a.unit_name},
          {"type", a.type},
          {"title", a.title},
          {"starts_at", time_or_null(a.starts_at)},
          {"ends_at", time_or_null(a.ends_at)},
          {"place", a.place},
          {"latitude", number_or_null(a.latitude)},
          {"longitude", number_or_null(a.longitude)},
          {"site", text_or_null(a.site)},
          {"station", text_or_null(a.station)},
          {"capacity", a.capacity},
          {"description", a.description},
          {"news_link", a.news_link},
          {"participants_count", a.participants_count},
          {"signup_count", a.signup_count},
          {"qr_token", text_or_null(a.qr_token)},
          {"state", a.state},
          {"cancel_reason", text_or_null(a.cancel_reason)},
          {"version", a.version},
          {"created_by", a.created_by},
          {"created_at", time_or_null(a.created_at)}};
}

json::object activity_detail_json(const service::Activity& a) {
  json::object o = activity_json(a);
  json::array signups, records;
  for (const auto& s : a.signups) signups.push_back(signup_json(s));
  for (const auto& r : a.records) records.push_back(record_json(r));
  o["signups"] = std::move(signups);
  o["records"] = std::move(records);
  return o;
}

json::object station_json(const service::PracticeStation& s) {
  return {{"code", s.code},
          {"name", s.name},
          {"level", s.level},
          {"unit", s.unit},
          {"unit_name", s.unit_name},
          {"address", s.address},
          {"latitude", number_or_null(s.latitude)},
          {"longitude", number_or_null(s.longitude)},
          {"activities", s.activities},
          {"approved_hours", s.approved_hours},
          {"created_by", s.created_by},
          {"created_at", time_or_null(s.created_at)}};
}

service::ActivityFilter filter_of(const http::Request& request) {
  service::ActivityFilter f;
  f.unit = request.query_param("unit").value_or("");
  f.type = request.query_param("type").value_or("");
  f.station = request.query_param("station").value_or("");
  f.state = request.query_param("state").value_or("");
  f.period = request.query_param("period").value_or("");
  f.q = request.query_param("q").value_or("");
  for (const char* name : {"from", "to"}) {
    auto text = request.query_param(name);
    if (!text) continue;
    auto t = parse_time(*text);
    if (!t)
      throw InvalidInput(name, std::string(name) + " is a date or an RFC 3339 time",
                         message_key("activity.time.invalid", {{"field", name}}));
    (std::string(name) == "from" ? f.from : f.to) = *t;
  }
  return f;
}

// A new activity's fields (`editing`: an edit's, where code and unit are optional and fixed).
service::ActivityInput input_of(http::JsonFields& body, bool editing) {
  service::ActivityInput in;
  in.code = editing ? "" : body.optional_text("code", kCodeText).value_or("");
  in.unit = editing ? body.optional_text("unit", kCodeText).value_or("") : body.text("unit", kCodeText);
  in.type = body.text("type", TextLimit{20, false});
  in.title = body.text("title", TextLimit{200, false});
  in.starts_at = body.time("starts_at");
  in.ends_at = body.time("ends_at");
  in.place = body.optional_text("place", TextLimit{200, false}).value_or("");
  in.latitude = body.optional_number("latitude");
  in.longitude = body.optional_number("longitude");
  in.site = body.optional_text("site", kCodeText).value_or("");
  in.station = body.optional_text("station", kCodeText).value_or("");
  in.capacity = body.optional_integer("capacity").value_or(0);
  in.description = body.optional_text("description", kLongText).value_or("");
  in.news_link = body.optional_text("news_link", TextLimit{500, false}).value_or("");
  in.participants_count = body.optional_integer("participants_count").value_or(0);
  return in;
}

service::PublicCheck check_of(http::Request& request) {
  json::object object = http::parse_json_object(request);
  http::JsonFields body(object);
  service::PublicCheck c;
  c.token = body.text("token", kCodeText);
  c.volunteer = body.text("volunteer", kCodeText);
  c.phone_last4 = body.text("phone_last4", TextLimit{4, false});
  c.latitude = body.optional_number("latitude");
  c.longitude = body.optional_number("longitude");
  return c;
}

std::pair<std::string, std::optional<TimeMs>> officer_check_of(http::Request& request) {
  json::object object = http::parse_json_object(request);
  http::JsonFields body(object);
  return {body.text("volunteer", kCodeText), body.optional_time("at")};
}

std::string hours_text(double h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", h);
  return buf;
}

}  // namespace

void add_activity_routes(http::Router& router, service::ActivityService& activities) {
  using service::Permission;
  auto phones = std::make_shared<http::RateLimiter>(kPhoneLimit);
  auto verifications = std::make_shared<http::RateLimiter>(kVerifyLimit);
  http::RouteOptions public_options;
  public_options.is_public = true;
  public_options.body_limit = kBodyLimit;

  router.post(
      "/api/public/activities/{code}/sign-up",
      [&activities, phones](http::Request& request) {
        phones->require(request.client_ip);
        return http::Response::json(
            201, signup_json(activities.sign_up_public(request.param("code"), check_of(request))));
      },
      public_options);
  router.post(
      "/api/public/activities/{code}/check-in",
      [&activities, phones](http::Request& request) {
        phones->require(request.client_ip);
        return http::Response::json(
            200, record_json(activities.check_in_public(request.param("code"), check_of(request))));
      },
      public_options);
  router.post(
      "/api/public/activities/{code}/check-out",
      [&activities, phones](http::Request& request) {
        phones->require(request.client_ip);
        return http::Response::json(
            200, record_json(activities.check_out_public(request.param("code"), check_of(request))));
      },
      public_options);
  http::RouteOptions public_get;
  public_get.is_public = true;
  router.get(
      "/api/public/certificates/{verification_code}",
      [&activities, verifications](http::Request& request) {
        verifications->require(request.client_ip);
        auto c = activities.verify_certificate(request.param("verification_code"));
        json::array records;
        for (const auto& r : c.records)
          records.push_back(json::object{{"activity", r.activity},
                                         {"title", r.title},
                                         {"check_in", time_or_null(r.check_in)},
                                         {"check_out", time_or_null(r.check_out)},
                                         {"hours", r.hours}});
        return http::Response::json(200, json::object{{"verification_code", c.verification_code},
                                                      {"name", c.name},
                                                      {"hours", c.hours},
                                                      {"stars", c.stars},
                                                      {"issued_at", time_or_null(c.issued_at)},
                                                      {"records", std::move(records)}});
      },
      public_get);

  router.get(
      "/api/activities",
      [&activities](http::Request& request) {
        auto page = activities.list(principal_of(request), filter_of(request), page_request(request));
        return http::Response::json(200, page_json(page, activity_json));
      },
      needs(Permission::read_activities));
  // Before /api/activities/{code}, which would take "export" and "report" for codes.
  router.get(
      "/api/activities/export",
      [&activities](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        platform::Cells cells{{"编号", "组织单位代码", "组织单位", "类型", "标题", "开始", "结束", "地点",
                               "阵地", "人数上限", "报名", "参与人数", "状态"}};
        for (const auto& a : activities.export_list(principal_of(request), filter_of(request)))
          cells.push_back({a.code, a.unit, a.unit_name, a.type, a.title, format_rfc3339(a.starts_at),
                           format_rfc3339(a.ends_at), a.place, a.station, std::to_string(a.capacity),
                           std::to_string(a.signup_count), std::to_string(a.participants_count), a.state});
        return table_download(cells, format, "activities", "活动");
      },
      needs(Permission::read_activities));
  router.get(
      "/api/activities/report",
      [&activities](http::Request& request) {
        json::array rows;
        for (const auto& r :
             activities.report(principal_of(request), request.query_param("unit").value_or(""),
                               request.query_param("period").value_or("")))
          rows.push_back(json::object{{"unit", r.unit},
                                      {"unit_name", r.unit_name},
                                      {"activities", r.activities},
                                      {"participants", r.participants},
                                      {"volunteers", r.volunteers},
                                      {"approved_hours", r.approved_hours}});
        return http::Response::json(200, json::object{{"period", request.query_param("period").value_or("")},
                                                      {"units", std::move(rows)}});
      },
      needs(Permission::read_activities));
  router.post(
      "/api/activities",
      [&activities](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        return http::Response::json(
            201, activity_json(activities.create(principal_of(request), input_of(body, false))));
      },
      needs(Permission::manage_activities, {.body_limit = kBodyLimit}));
  router.get(
      "/api/activities/{code}",
      [&activities](http::Request& request) {
        return http::Response::json(
            200, activity_detail_json(activities.get(principal_of(request), request.param("code"))));
      },
      needs(Permission::read_activities));
  router.put(
      "/api/activities/{code}",
      [&activities](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        long long version = body.integer("version");
        service::ActivityInput in = input_of(body, true);
        return http::Response::json(
            200, activity_json(activities.update(principal_of(request), request.param("code"), in, version)));
      },
      needs(Permission::manage_activities, {.body_limit = kBodyLimit}));
  router.post(
      "/api/activities/{code}/actions/cancel",
      [&activities](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        long long version = body.integer("version");
        std::string reason = body.optional_text("reason", kLongText).value_or("");
        return http::Response::json(200, activity_json(activities.cancel(
                                             principal_of(request), request.param("code"), reason, version)));
      },
      needs(Permission::manage_activities));
  router.post(
      "/api/activities/{code}/actions/sign-up",
      [&activities](http::Request& request) {
        json::object object = http::parse_json_object(request);
        std::string volunteer = http::JsonFields(object).text("volunteer", kCodeText);
        return http::Response::json(200, activity_detail_json(activities.sign_up(
                                             principal_of(request), request.param("code"), volunteer)));
      },
      needs(Permission::manage_activities));
  router.post(
      "/api/activities/{code}/actions/check-in",
      [&activities](http::Request& request) {
        auto [volunteer, at] = officer_check_of(request);
        return http::Response::json(200, record_json(activities.check_in(
                                             principal_of(request), request.param("code"), volunteer, at)));
      },
      needs(Permission::manage_activities));
  router.post(
      "/api/activities/{code}/actions/check-out",
      [&activities](http::Request& request) {
        auto [volunteer, at] = officer_check_of(request);
        return http::Response::json(200, record_json(activities.check_out(
                                             principal_of(request), request.param("code"), volunteer, at)));
      },
      needs(Permission::manage_activities));
  router.post(
      "/api/activities/{code}/actions/approve-records",
      [&activities](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        std::vector<long long> ids;
        for (auto id : body.integer_list("records")) ids.push_back(id);
        std::string decision = body.optional_text("decision", TextLimit{20, false}).value_or("approve");
        std::string reason = body.optional_text("reason", kLongText).value_or("");
        json::array out;
        for (const auto& r :
             activities.decide_records(principal_of(request), request.param("code"), ids, decision, reason))
          out.push_back(record_json(r));
        return http::Response::json(200, json::object{{"records", std::move(out)}});
      },
      needs(Permission::manage_activities));
  router.post(
      "/api/service-records/{id}/actions/correct",
      [&activities](http::Request& request) {
        long long id = 0;
        try {
          id = std::stoll(request.param("id"));
        } catch (const std::exception&) {
          throw NotFound("no service record " + request.param("id"),
                         message_key("service_record.not_found", {{"id", request.param("id")}}));
        }
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        TimeMs in = body.time("check_in"), out = body.time("check_out");
        std::string reason = body.text("reason", kLongText);
        return http::Response::json(
            201, record_json(activities.correct_record(principal_of(request), id, in, out, reason)));
      },
      needs(Permission::manage_activities));

  router.get(
      "/api/practice-stations",
      [&activities](http::Request& request) {
        json::array a;
        for (const auto& s :
             activities.stations(principal_of(request), request.query_param("unit").value_or(""),
                                 request.query_param("period").value_or("")))
          a.push_back(station_json(s));
        return http::Response::json(200, a);
      },
      needs(Permission::read_activities));
  router.post(
      "/api/practice-stations",
      [&activities](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::PracticeStationInput in;
        in.code = body.text("code", kCodeText);
        in.name = body.text("name", TextLimit{100, false});
        in.level = body.text("level", TextLimit{20, false});
        in.unit = body.text("unit", kCodeText);
        in.address = body.optional_text("address", TextLimit{200, false}).value_or("");
        in.latitude = body.optional_number("latitude");
        in.longitude = body.optional_number("longitude");
        return http::Response::json(201, station_json(activities.create_station(principal_of(request), in)));
      },
      needs(Permission::manage_activities));

  router.get(
      "/api/volunteers/{code}/certificate",
      [&activities](http::Request& request) {
        std::string format = request.query_param("format").value_or("pdf");
        if (format != "pdf")
          throw InvalidInput("format", "format is pdf",
                             message_key("certificate.format.invalid", {{"format", format}}));
        auto c = activities.issue_certificate(principal_of(request), request.param("code"));
        http::Response r;
        r.status = 200;
        r.body = std::move(c.pdf);
        r.set_header("Content-Type", "application/pdf");
        r.set_header("Content-Disposition", "attachment; filename=\"certificate-" + c.volunteer + ".pdf\"");
        r.set_header("X-Verification-Code", c.verification_code);
        r.set_header("X-Certified-Hours", hours_text(c.hours));
        return r;
      },
      needs(Permission::read_volunteers));
}

}  // namespace civic::api
