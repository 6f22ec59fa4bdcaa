// Public reports (随手拍) without signing in (contract.md "Cases", public):
//   POST /api/public/reports {category, description, lat, lon, address, photos:[ids], contact?}
//        → 201 {code, state, possible_duplicate}; photos come from POST /api/public/photos and become public.
//   GET  /api/public/reports/{code} → {code, category, state, status, reported_at, updated_at, status_notes,
//        events:[{action, at, to_state}]} — never a user's name nor the reporter's contact.
// Anonymous, so no CSRF token; each client IP has a token bucket (http/rate_limiter.h; 429 rate_limited) and
// bodies are small (16 KiB).
#include <boost/json.hpp>
#include <memory>

#include "api/core/resource_routes.h"
#include "domain/cases/case_category.h"
#include "domain/core/error.h"
#include "http/json_body.h"
#include "http/rate_limiter.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr size_t kReportBodyLimit = 16 * 1024;
constexpr size_t kMaxDescription = 2000;  // bytes of UTF-8
constexpr size_t kMaxAddress = 300;
constexpr size_t kMaxContact = 100;
constexpr size_t kMaxPhotos = 9;
// A citizen files a few reports in a row, then about one every 30 s; a follow page reloads now and then.
constexpr http::RateLimit kReportLimit{2, 10, 100000};
constexpr http::RateLimit kReadLimit{60, 120, 100000};

double require_number(const json::object& body, const char* field, double lo, double hi) {
  const json::value* v = body.if_contains(field);
  if (!v || v->is_null()) throw InvalidInput(field, std::string(field) + " is required");
  if (!v->is_number()) throw InvalidInput(field, std::string(field) + " must be a number");
  double d = v->to_number<double>();
  if (!(d >= lo && d <= hi)) {
    throw InvalidInput(field, std::string(field) + " must be between " +
                                  std::to_string(static_cast<int>(lo)) + " and " +
                                  std::to_string(static_cast<int>(hi)));
  }
  return d;
}

std::string bounded_string(const json::object& body, const char* field, size_t max, bool required) {
  std::string s = http::optional_string(body, field).value_or("");
  if (required && s.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InvalidInput(field, std::string(field) + " is required");
  }
  if (s.size() > max)
    throw InvalidInput(field, std::string(field) + " is longer than " + std::to_string(max) + " bytes");
  return s;
}

service::PublicReport parse_report(const json::object& body) {
  service::PublicReport report;
  report.category = bounded_string(body, "category", 40, true);
  if (!find_case_category(report.category))
    throw InvalidInput("category", "unknown category: " + report.category);
  report.description = bounded_string(body, "description", kMaxDescription, true);
  report.lat = require_number(body, "lat", -90, 90);
  report.lon = require_number(body, "lon", -180, 180);
  report.address = bounded_string(body, "address", kMaxAddress, false);
  report.contact = bounded_string(body, "contact", kMaxContact, false);
  if (const json::value* photos = body.if_contains("photos"); photos && !photos->is_null()) {
    if (!photos->is_array()) throw InvalidInput("photos", "photos must be an array of photo ids");
    if (photos->as_array().size() > kMaxPhotos) {
      throw InvalidInput("photos", "at most " + std::to_string(kMaxPhotos) + " photos");
    }
    for (size_t i = 0; i < photos->as_array().size(); ++i) {
      const json::value& id = photos->as_array()[i];
      std::string field = "photos[" + std::to_string(i) + "]";
      if (!id.is_string() || id.as_string().empty()) throw InvalidInput(field, field + " must be a photo id");
      report.photos.emplace_back(id.as_string());
    }
  }
  report.source = "public";
  return report;
}

json::object public_report_json(const service::PublicCaseView& v) {
  json::array events;
  for (const service::PublicCaseEvent& e : v.events) {
    events.push_back({{"action", e.action}, {"at", format_rfc3339(e.at)}, {"to_state", e.to_state}});
  }
  return {{"code", v.code},
          {"category", v.category},
          {"state", v.state},
          {"status", v.status},
          {"reported_at", format_rfc3339(v.reported_at)},
          {"updated_at", format_rfc3339(v.updated_at)},
          {"status_notes", v.status_notes},
          {"events", std::move(events)}};
}

}  // namespace

void add_public_routes(http::Router& router, service::Services& services) {
  auto reports = std::make_shared<http::RateLimiter>(kReportLimit);
  auto reads = std::make_shared<http::RateLimiter>(kReadLimit);
  http::RouteOptions report_options;
  report_options.is_public = true;
  report_options.body_limit = kReportBodyLimit;
  router.post(
      "/api/public/reports",
      [&services, reports](http::Request& request) {
        reports->require(request.client_ip);
        service::PublicReport report = parse_report(http::parse_json_object(request));
        service::PublicReportResult result = services.db.transact([&](soci::session& sql) {
          service::PublicReportResult r = services.cases.report_public(sql, report);
          services.photos.mark_public(sql, report.photos, "photos");
          return r;
        });
        return http::Response::json(
            201, json::object{{"code", result.code},
                              {"state", case_state_name(result.state)},
                              {"possible_duplicate", result.possible_duplicate_of.has_value()}});
      },
      report_options);
  http::RouteOptions read_options;
  read_options.is_public = true;
  router.get(
      "/api/public/reports/{code}",
      [&services, reads](http::Request& request) {
        reads->require(request.client_ip);
        return http::Response::json(200,
                                    public_report_json(services.cases.public_status(request.param("code"))));
      },
      read_options);
}

}  // namespace civic::api
