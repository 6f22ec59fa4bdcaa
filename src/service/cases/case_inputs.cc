#include "service/cases/case_inputs.h"

#include "domain/cases/case_category.h"
#include "domain/cases/case_text_limits.h"
#include "domain/core/error.h"

namespace civic::service {

void require_category(const std::string& code, const char* field) {
  if (!find_case_category(code))
    throw InvalidInput(field, "unknown category: " + code,
                       message_key("case.category.unknown", {{"category", code}}));
}

void require_coordinates(const std::optional<double>& lat, const std::optional<double>& lon) {
  if (lat && (*lat < -90 || *lat > 90))
    throw InvalidInput("lat", "lat must be between -90 and 90", message_key("case.lat.range"));
  if (lon && (*lon < -180 || *lon > 180))
    throw InvalidInput("lon", "lon must be between -180 and 180", message_key("case.lon.range"));
}

void require_report_location(const PublicReport& report) {
  if (report.lat.has_value() != report.lon.has_value()) {
    const char* missing = report.lat ? "lon" : "lat";
    throw InvalidInput(missing, "lat and lon must be given together", message_key("case.location.together"));
  }
  require_coordinates(report.lat, report.lon);
  if (!report.lat && report.address.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InvalidInput("address", "an address or a point on the map is required",
                       message_key("public_report.location.required"));
  }
}

namespace {

void check_photo_ids(const std::vector<std::string>& ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    check_case_text("photos[" + std::to_string(i) + "]", ids[i], kCaseReference);
  }
}

}  // namespace

void check_texts(const NewCase& input) {
  check_case_text("title", input.title, kCaseTitle);
  check_case_text("description", input.description, kCaseDescription);
  check_case_text("address", input.address, kCaseAddress);
  check_case_text("category", input.category, kCaseReference);
  check_case_text("site", input.site, kCaseReference);
  check_case_text("unit", input.unit, kCaseReference);
  check_case_text("source", input.source, kCaseReference);
  check_photo_ids(input.photos);
}

void check_texts(const CaseActionRequest& request) {
  check_case_text("reason", request.reason, kCaseComment);
  check_case_text("note", request.note, kCaseComment);
  check_case_text("category", request.category, kCaseReference);
  check_case_text("severity", request.severity, kCaseReference);
  check_case_text("unit", request.unit, kCaseReference);
  check_case_text("duplicate_of", request.duplicate_of, kCaseReference);
  check_case_text("outcome", request.outcome, kCaseReference);
  check_photo_ids(request.photos);
}

void check_texts(const PublicReport& report) {
  check_case_text("category", report.category, kCaseReference);
  check_case_text("description", report.description, kReportDescription);
  check_case_text("address", report.address, kReportAddress);
  check_case_text("contact", report.contact, kReportContact);
  check_case_text("source", report.source, kCaseReference);
  check_photo_ids(report.photos);
}

}  // namespace civic::service
