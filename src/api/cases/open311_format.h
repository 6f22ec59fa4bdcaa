// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) as pure functions: the response documents in
// JSON and XML (element names and array shapes of the specification's examples), the form-urlencoded and JSON
// request bodies, and the query of GET requests. No I/O: open311_routes.cc maps cases to these types.
// Times are ISO 8601 with Z (no fractions); absent values are JSON null and empty XML elements.
// error_answer is the error shape of everything under /open311 (http/error_format.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/core/clock.h"
#include "http/error_format.h"

namespace civic::api::open311 {

enum class Format { json, xml };

// "requests.json" → {"requests", json}; "C20260301-00001.xml" → {"C20260301-00001", xml}; any other ending
// (or an empty name) → nullopt.
std::optional<std::pair<std::string, Format>> split_format(std::string_view file);
// "application/json; charset=utf-8" or "text/xml; charset=utf-8".
const char* content_type(Format format);

struct Service {  // one case category
  std::string code;
  std::string name;
  std::string description;
  std::string keywords;  // comma separated
  std::string group;
};

struct ServiceRequest {  // one case as Open311 shows it
  std::string id;
  std::string status;  // "open" | "closed"
  std::string status_notes;
  std::string service_name;
  std::string service_code;
  std::string description;
  std::string agency_responsible;
  std::string service_notice;
  std::optional<TimeMs> requested;
  std::optional<TimeMs> updated;
  std::optional<TimeMs> expected;
  std::string address;
  std::optional<double> lat;
  std::optional<double> lon;
  std::string media_url;
};

struct CreatedRequest {
  std::string id;
  std::string service_notice;
};

struct Error {
  int code;  // the HTTP status
  std::string description;
};

// ISO 8601 UTC without fractions, e.g. "2026-03-01T08:00:00Z".
std::string format_time(TimeMs t);
// ISO 8601 with "Z" or a "+08:00"-style offset (fractions allowed), or a date "2026-03-01" (its UTC start).
std::optional<TimeMs> parse_time(std::string_view text);

// GET services: [{service_code, service_name, description, metadata:false, type:"realtime", keywords, group}]
// or <services><service>…</service></services>.
std::string services_document(const std::vector<Service>& services, Format format);
// GET services/{code}: {"service_code", "attributes":[]} or <service_definition>…<attributes/>.
std::string service_definition_document(const std::string& service_code, Format format);
// GET requests and GET requests/{id}: [{service_request_id, status, …, lat, long, media_url}] or
// <service_requests><request>…</request></service_requests>.
std::string requests_document(const std::vector<ServiceRequest>& requests, Format format);
// POST requests: [{service_request_id, service_notice, account_id:null}] or <service_requests><request>….
std::string created_document(const CreatedRequest& created, Format format);
// [{"code":400,"description":"…"}] or
// <errors><error><code>400</code><description>…</description></error></errors>.
std::string errors_document(const std::vector<Error>& errors, Format format);

// The http::ErrorFormatter for /open311: errors_document with one error, XML when the path's last segment
// ends in ".xml", else JSON. The HTTP status is the code, except that 401 answers 403 (a missing or bad
// api_key, as in the specification's example); the description is the message, after "field: " when the
// message does not name the field.
http::Response error_answer(const http::Request& request, const http::ErrorDetails& error);

// Decodes an application/x-www-form-urlencoded body ("+" is a space; %XX bytes), in order. A malformed %
// escape throws InvalidInput naming "body".
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body);
// A JSON object body as name → text pairs (strings as is, numbers as their text, null skipped); throws
// InvalidInput naming "body" when it is not an object, or the member when it is an array or object.
std::vector<std::pair<std::string, std::string>> parse_json_fields(std::string_view body);

// The fields of POST requests that Civic uses. Validation (throws InvalidInput naming the Open311 field):
// service_code required; lat and long required (GeoReport allows address_string alone, but Civic places
// every case on the map), in range; every text within its limit of domain/cases/case_text_limits.h
// (description 4000 bytes, address_string 500 and media_url 2000 on one line, names, e-mail and phone 200),
// without control characters or bidirectional overrides (key case.text.*); email, when present, looks like
// one.
struct NewRequest {
  std::string service_code;
  std::optional<double> lat;
  std::optional<double> lon;
  std::string address_string;
  std::string description;
  std::string media_url;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string phone;
  std::string device_id;
};
NewRequest parse_new_request(const std::vector<std::pair<std::string, std::string>>& fields);

// The filters of GET requests. service_request_id, service_code and status are comma separated lists;
// status values are open|closed. Without service_request_id the window defaults to the 90 days before
// end_date (or `now`); at most 1000 requests are answered. Bad values throw InvalidInput naming the field.
struct RequestQuery {
  std::vector<std::string> ids;
  std::vector<std::string> service_codes;
  std::optional<bool> open;  // nullopt: both
  std::optional<TimeMs> start;
  std::optional<TimeMs> end;
  int limit = 1000;
};
RequestQuery parse_request_query(const std::vector<std::pair<std::string, std::string>>& params, TimeMs now);

}  // namespace civic::api::open311
