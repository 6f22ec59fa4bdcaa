#include "api/bulletins/bulletin_routes.h"

#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "domain/core/error.h"
#include "http/json_body.h"
#include "service/bulletins/bulletin_document.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr TextLimit kProse{8000, true};

json::value opt_time(const std::optional<TimeMs>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}
json::value opt_text(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::object bulletin_json(const service::Bulletin& b) {
  json::object remarks;
  for (const auto& [k, v] : b.prose.remarks) remarks[k] = v;
  json::array actions;
  for (const auto& a : b.allowed_actions) actions.push_back(json::string(a));
  json::object out{
      {"id", b.id},
      {"kind", b.kind},
      {"unit", b.unit},
      {"unit_name", b.unit_name},
      {"period", b.period},
      {"round", b.round.empty() ? json::value(nullptr) : json::value(b.round)},
      {"title", b.title},
      {"state", b.state},
      {"version", b.version},
      {"drafted_by", b.drafted_by},
      {"drafted_at", format_rfc3339(b.drafted_at)},
      {"approved_by", opt_text(b.approved_by)},
      {"approved_at", opt_time(b.approved_at)},
      {"published_by", opt_text(b.published_by)},
      {"published_at", opt_time(b.published_at)},
      {"withdrawn_by", opt_text(b.withdrawn_by)},
      {"withdrawn_at", opt_time(b.withdrawn_at)},
      {"withdrawn_reason", opt_text(b.withdrawn_reason)},
      {"prose",
       json::object{{"opening", b.prose.opening}, {"closing", b.prose.closing}, {"remarks", remarks}}},
      {"allowed_actions", std::move(actions)}};
  return out;
}

json::object detail_json(const service::Bulletin& b) {
  json::object out = bulletin_json(b);
  json::value content = json::parse(b.content_json.empty() ? "{}" : b.content_json);
  out["sections"] = content.is_object() && content.as_object().contains("sections")
                        ? content.at("sections")
                        : json::value(json::array());
  out["units"] = content.is_object() && content.as_object().contains("units") ? content.at("units")
                                                                              : json::value(json::array());
  out["generated_at"] = content.is_object() && content.as_object().contains("generated_at")
                            ? content.at("generated_at")
                            : nullptr;
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
  throw NotFound("bulletin " + text + " not found", message_key("bulletin.not_found"));
}

}  // namespace

void add_bulletin_routes(http::Router& router, service::BulletinService& bulletins) {
  using service::Permission;
  router.get(
      "/api/bulletins",
      [&bulletins](http::Request& request) {
        service::BulletinQuery q;
        q.state = request.query_param("state").value_or("");
        q.kind = request.query_param("kind").value_or("");
        auto page = bulletins.list(principal_of(request), q, page_request(request));
        return http::Response::json(200, page_json(page, bulletin_json));
      },
      needs(Permission::read_bulletins));

  router.post(
      "/api/bulletins",
      [&bulletins](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::NewBulletin in;
        in.kind = body.text("kind");
        in.unit = body.optional_text("unit").value_or("");
        in.period = body.optional_text("period").value_or("");
        in.round = body.optional_text("round").value_or("");
        return http::Response::json(201, detail_json(bulletins.draft(principal_of(request), in)));
      },
      needs(Permission::write_bulletins));

  router.get(
      "/api/bulletins/{id}",
      [&bulletins](http::Request& request) {
        return http::Response::json(200, detail_json(bulletins.get(principal_of(request), id_of(request))));
      },
      needs(Permission::read_bulletins));

  router.put(
      "/api/bulletins/{id}",
      [&bulletins](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::BulletinUpdate u;
        if (auto v = body.optional_integer("version")) u.version = *v;
        u.title = body.optional_text("title", {300, false});
        if (auto prose = body.optional_object("prose")) {
          u.prose.opening = prose->optional_text("opening", kProse).value_or("");
          u.prose.closing = prose->optional_text("closing", kProse).value_or("");
          if (auto remarks = prose->optional_object("remarks")) {
            for (const auto& kv : remarks->object()) {
              std::string key(kv.key());
              if (auto text = remarks->optional_text(key, kProse); text && !text->empty())
                u.prose.remarks[key] = *text;
            }
          }
        }
        return http::Response::json(200,
                                    detail_json(bulletins.update(principal_of(request), id_of(request), u)));
      },
      needs(Permission::write_bulletins));

  for (const char* action : {"approve", "publish", "withdraw"}) {
    std::string name = action;
    router.post(
        "/api/bulletins/{id}/actions/" + name,
        [&bulletins, name](http::Request& request) {
          json::object object = http::parse_json_object(request);
          http::JsonFields body(object);
          std::optional<long long> version;
          if (auto v = body.optional_integer("version")) version = *v;
          std::string reason = body.optional_text("reason", kLongText).value_or("");
          return http::Response::json(
              200, detail_json(bulletins.act(principal_of(request), id_of(request), name, version, reason)));
        },
        needs(name == "approve" ? Permission::approve_bulletins : Permission::write_bulletins));
  }

  router.get(
      "/api/bulletins/{id}/document",
      [&bulletins](http::Request& request) {
        std::string format = request.query_param("format").value_or("html");
        long long id = id_of(request);
        auto file = service::bulletin_document(bulletins, principal_of(request), id, format);
        http::Response r;
        r.status = 200;
        r.body = std::move(file.bytes);
        r.set_header("Content-Type", file.content_type);
        if (format != "html")
          r.set_header("Content-Disposition",
                       "attachment; filename=\"bulletin-" + std::to_string(id) + "." + file.extension + "\"");
        return r;
      },
      needs(Permission::read_bulletins));

  router.get(
      "/api/bulletin-schedules/{unit}",
      [&bulletins](http::Request& request) {
        int days = bulletins.schedule_days(principal_of(request), request.param("unit"));
        return http::Response::json(200, json::object{{"unit", request.param("unit")}, {"every_days", days}});
      },
      needs(Permission::read_bulletins));

  router.put(
      "/api/bulletin-schedules/{unit}",
      [&bulletins](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        auto days = body.integer("every_days");
        if (days < 0 || days > 366)
          throw InvalidInput("every_days", "every_days is 0..366", message_key("bulletin.schedule.invalid"));
        bulletins.set_schedule_days(principal_of(request), request.param("unit"), static_cast<int>(days));
        return http::Response::json(200, json::object{{"unit", request.param("unit")}, {"every_days", days}});
      },
      needs(Permission::write_bulletins));
}

}  // namespace civic::api
