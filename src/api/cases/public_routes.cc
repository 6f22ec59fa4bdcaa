#include "api/cases/public_routes.h"

#include <boost/json.hpp>
#include <memory>

#include "domain/cases/case_category.h"
#include "domain/cases/case_text_limits.h"
#include "domain/core/error.h"
#include "http/json_body.h"
#include "http/rate_limiter.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr size_t kReportBodyLimit = 16 * 1024;
constexpr size_t kMaxPhotos = 9;
// A citizen files a few reports in a row, then about one every 30 s; a follow page reloads now and then.
constexpr http::RateLimit kReportLimit{2, 10, 100000};
constexpr http::RateLimit kReadLimit{60, 120, 100000};

// A coordinate within [lo, hi] degrees; `key` names the range.
double coordinate(const http::JsonFields& body, std::string_view name, double lo, double hi, MessageKey key) {
  double d = body.number(name);
  if (!(d >= lo && d <= hi)) {
    std::string field(name);
    throw InvalidInput(field,
                       field + " must be between " + std::to_string(static_cast<int>(lo)) + " and " +
                           std::to_string(static_cast<int>(hi)),
                       std::move(key));
  }
  return d;
}

service::PublicReport parse_report(const http::JsonFields& body) {
  service::PublicReport report;
  report.category = body.text("category", kCaseReference);
  if (!find_case_category(report.category)) {
    throw InvalidInput("category", "unknown category: " + report.category,
                       message_key("case.category.unknown", {{"category", report.category}}));
  }
  report.description = body.text("description", kPublicDescription);
  if (report.description.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InvalidInput("description", "description is required",
                       message_key("public_report.description.required"));
  }
  // A point, or an address alone when the reporter's device gives no location (the service checks which).
  if (body.has("lat") || body.has("lon")) {
    report.lat = coordinate(body, "lat", -90, 90, message_key("public_report.lat.range"));
    report.lon = coordinate(body, "lon", -180, 180, message_key("public_report.lon.range"));
  }
  report.address = body.optional_text("address", kPublicAddress).value_or("");
  report.contact = body.optional_text("contact", kPublicContact).value_or("");
  report.photos = body.text_list("photos", kCaseReference);
  if (report.photos.size() > kMaxPhotos) {
    throw InvalidInput("photos", "at most " + std::to_string(kMaxPhotos) + " photos",
                       message_key("public_report.photos.too_many", {{"max", std::to_string(kMaxPhotos)}}));
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

void add_public_routes(http::Router& router, service::CaseService& cases) {
  auto reports = std::make_shared<http::RateLimiter>(kReportLimit);
  auto reads = std::make_shared<http::RateLimiter>(kReadLimit);
  http::RouteOptions report_options;
  report_options.is_public = true;
  report_options.body_limit = kReportBodyLimit;
  router.post(
      "/api/public/reports",
      [&cases, reports](http::Request& request) {
        reports->require(request.client_ip);
        json::object body = http::parse_json_object(request);
        service::PublicReportResult result =
            cases.report_public(parse_report(http::JsonFields(body)), "photos");
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
      [&cases, reads](http::Request& request) {
        reads->require(request.client_ip);
        return http::Response::json(200, public_report_json(cases.public_status(request.param("code"))));
      },
      read_options);
}

}  // namespace civic::api
