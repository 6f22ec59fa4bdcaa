#include "api/cases/open311_format.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <variant>

#include "api/core/query_params.h"
#include "domain/cases/case_text_limits.h"
#include "domain/core/error.h"

namespace civic::api::open311 {

namespace json = boost::json;

namespace {

// One response record: named fields in the specification's order. Both formats render from it, so that the
// JSON and the XML answers always carry the same fields.
struct Null {};
using Value = std::variant<Null, std::string, double, long long, bool>;
using Record = std::vector<std::pair<std::string, Value>>;

std::string number_text(double d) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  return std::string(buffer, result.ptr);
}

void append_json_string(std::string& out, std::string_view s) {
  out += json::serialize(json::string_view(s.data(), s.size()));
}

void append_json_value(std::string& out, const Value& v) {
  if (std::holds_alternative<Null>(v)) {
    out += "null";
  } else if (auto* s = std::get_if<std::string>(&v)) {
    append_json_string(out, *s);
  } else if (auto* d = std::get_if<double>(&v)) {
    out += std::isfinite(*d) ? number_text(*d) : "null";
  } else if (auto* i = std::get_if<long long>(&v)) {
    out += std::to_string(*i);
  } else {
    out += std::get<bool>(v) ? "true" : "false";
  }
}

void append_json_record(std::string& out, const Record& record) {
  out += '{';
  bool first = true;
  for (const auto& [name, value] : record) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, name);
    out += ':';
    append_json_value(out, value);
  }
  out += '}';
}

// XML 1.0 text: the five markup characters escaped; control characters XML cannot carry dropped.
void append_xml_text(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
}

void append_xml_record(std::string& out, const std::string& element, const Record& record) {
  out += '<' + element + '>';
  for (const auto& [name, value] : record) {
    if (std::holds_alternative<Null>(value)) {
      out += '<' + name + "/>";
      continue;
    }
    out += '<' + name + '>';
    if (auto* s = std::get_if<std::string>(&value)) {
      append_xml_text(out, *s);
    } else if (auto* d = std::get_if<double>(&value)) {
      if (std::isfinite(*d)) out += number_text(*d);
    } else if (auto* i = std::get_if<long long>(&value)) {
      out += std::to_string(*i);
    } else {
      out += std::get<bool>(value) ? "true" : "false";
    }
    out += "</" + name + '>';
  }
  out += "</" + element + '>';
}

constexpr const char* kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

// A JSON array of records, or <list_element><item_element>…</item_element>…</list_element>.
std::string list_document(const std::vector<Record>& records, const std::string& list_element,
                          const std::string& item_element, Format format) {
  std::string out;
  if (format == Format::json) {
    out += '[';
    for (size_t i = 0; i < records.size(); ++i) {
      if (i) out += ',';
      append_json_record(out, records[i]);
    }
    out += ']';
    return out;
  }
  out += kXmlDeclaration;
  out += '<' + list_element + '>';
  for (const Record& r : records) append_xml_record(out, item_element, r);
  out += "</" + list_element + '>';
  return out;
}

Value text_or_null(const std::string& s) {
  if (s.empty()) return Null{};
  return s;
}
Value time_or_null(const std::optional<TimeMs>& t) {
  if (!t) return Null{};
  return format_time(*t);
}
Value number_or_null(const std::optional<double>& d) {
  if (!d) return Null{};
  return *d;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(start, comma - start);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) out.push_back(std::move(part));
    start = comma + 1;
  }
  return out;
}

std::optional<double> parse_number(const std::string& field, const std::string& text, double lo, double hi) {
  if (text.empty()) return std::nullopt;
  double d = 0;
  auto result = std::from_chars(text.data(), text.data() + text.size(), d);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !std::isfinite(d)) {
    throw InvalidInput(field, field + " must be a number",
                       message_key("open311.number.invalid", {{"field", field}}));
  }
  if (d < lo || d > hi) {
    throw InvalidInput(field, field + " must be between " + number_text(lo) + " and " + number_text(hi),
                       message_key("open311.number.range",
                                   {{"field", field}, {"min", number_text(lo)}, {"max", number_text(hi)}}));
  }
  return d;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0)
        throw InvalidInput("body", "malformed % escape in the form body", message_key("open311.form.escape"));
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::optional<std::pair<std::string, Format>> split_format(std::string_view file) {
  auto strip = [&](std::string_view suffix, Format f) -> std::optional<std::pair<std::string, Format>> {
    if (file.size() > suffix.size() && file.ends_with(suffix)) {
      return std::pair{std::string(file.substr(0, file.size() - suffix.size())), f};
    }
    return std::nullopt;
  };
  if (auto r = strip(".json", Format::json)) return r;
  return strip(".xml", Format::xml);
}

const char* content_type(Format format) {
  return format == Format::json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}

std::string format_time(TimeMs t) {
  std::string s = format_rfc3339(t);  // "2026-03-01T08:00:00.000Z"
  return s.substr(0, 19) + "Z";
}

std::optional<TimeMs> parse_time(std::string_view text) {
  if (text.size() > 19 && (text.back() != 'Z' && text.back() != 'z')) {
    // A "+08:00" / "-05:00" offset: local time minus the offset is UTC.
    if (text.size() < 25) return std::nullopt;
    std::string_view offset = text.substr(text.size() - 6);
    if ((offset[0] != '+' && offset[0] != '-') || offset[3] != ':') return std::nullopt;
    int h1 = hex_value(offset[1]), h2 = hex_value(offset[2]), m1 = hex_value(offset[4]),
        m2 = hex_value(offset[5]);
    if (h1 < 0 || h1 > 9 || h2 < 0 || h2 > 9 || m1 < 0 || m1 > 5 || m2 < 0 || m2 > 9) return std::nullopt;
    std::string utc(text.substr(0, text.size() - 6));
    utc += 'Z';
    auto local = civic::parse_time(utc);
    if (!local) return std::nullopt;
    TimeMs minutes = (h1 * 10 + h2) * 60 + m1 * 10 + m2;
    return *local - (offset[0] == '+' ? 1 : -1) * minutes * 60'000;
  }
  return civic::parse_time(text);
}

std::string services_document(const std::vector<Service>& services, Format format) {
  std::vector<Record> records;
  for (const Service& s : services) {
    records.push_back({{"service_code", s.code},
                       {"service_name", s.name},
                       {"description", s.description},
                       {"metadata", false},
                       {"type", std::string("realtime")},
                       {"keywords", s.keywords},
                       {"group", s.group}});
  }
  return list_document(records, "services", "service", format);
}

std::string service_definition_document(const std::string& service_code, Format format) {
  if (format == Format::json) {
    std::string out = "{\"service_code\":";
    append_json_string(out, service_code);
    out += ",\"attributes\":[]}";
    return out;
  }
  std::string out = kXmlDeclaration;
  out += "<service_definition><service_code>";
  append_xml_text(out, service_code);
  out += "</service_code><attributes/></service_definition>";
  return out;
}

std::string requests_document(const std::vector<ServiceRequest>& requests, Format format) {
  std::vector<Record> records;
  records.reserve(requests.size());
  for (const ServiceRequest& r : requests) {
    records.push_back({{"service_request_id", r.id},
                       {"status", r.status},
                       {"status_notes", text_or_null(r.status_notes)},
                       {"service_name", r.service_name},
                       {"service_code", r.service_code},
                       {"description", text_or_null(r.description)},
                       {"agency_responsible", text_or_null(r.agency_responsible)},
                       {"service_notice", text_or_null(r.service_notice)},
                       {"requested_datetime", time_or_null(r.requested)},
                       {"updated_datetime", time_or_null(r.updated)},
                       {"expected_datetime", time_or_null(r.expected)},
                       {"address", text_or_null(r.address)},
                       {"address_id", Null{}},
                       {"zipcode", Null{}},
                       {"lat", number_or_null(r.lat)},
                       {"long", number_or_null(r.lon)},
                       {"media_url", text_or_null(r.media_url)}});
  }
  return list_document(records, "service_requests", "request", format);
}

std::string created_document(const CreatedRequest& created, Format format) {
  std::vector<Record> records{{{"service_request_id", created.id},
                               {"service_notice", text_or_null(created.service_notice)},
                               {"account_id", Null{}}}};
  return list_document(records, "service_requests", "request", format);
}

std::string errors_document(const std::vector<Error>& errors, Format format) {
  std::vector<Record> records;
  for (const Error& e : errors)
    records.push_back({{"code", static_cast<long long>(e.code)}, {"description", e.description}});
  return list_document(records, "errors", "error", format);
}

http::Response error_answer(const http::Request& request, const http::ErrorDetails& error) {
  Format format = Format::json;
  if (!request.segments.empty()) {
    if (auto split = split_format(request.segments.back())) format = split->second;
  }
  int status = error.status == 401 ? 403 : error.status;
  std::string description = error.message;
  if (!error.field.empty() && description.find(error.field) == std::string::npos) {
    description = error.field + ": " + description;
  }
  http::Response r;
  r.status = status;
  r.body = errors_document({{status, description}}, format);
  r.set_header("Content-Type", content_type(format));
  return r;
}

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t start = 0;
  while (start < body.size()) {
    size_t amp = body.find('&', start);
    if (amp == std::string_view::npos) amp = body.size();
    std::string_view pair = body.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name = form_decode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_json_fields(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(body.data(), body.size()), ec);
  if (ec || !v.is_object())
    throw InvalidInput("body", "the body must be a JSON object", message_key("open311.body.not_object"));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, value] : v.as_object()) {
    std::string name(key);
    if (value.is_null()) continue;
    if (value.is_string()) {
      out.emplace_back(name, std::string(value.as_string()));
    } else if (value.is_int64()) {
      out.emplace_back(name, std::to_string(value.as_int64()));
    } else if (value.is_uint64()) {
      out.emplace_back(name, std::to_string(value.as_uint64()));
    } else if (value.is_double()) {
      out.emplace_back(name, number_text(value.as_double()));
    } else if (value.is_bool()) {
      out.emplace_back(name, value.as_bool() ? "true" : "false");
    } else {
      throw InvalidInput(name, name + " must be a string or a number",
                         message_key("open311.field.not_scalar", {{"field", name}}));
    }
  }
  return out;
}

NewRequest parse_new_request(const std::vector<std::pair<std::string, std::string>>& fields) {
  NewRequest r;
  std::string lat, lon;
  for (const auto& [name, value] : fields) {
    if (name == "service_code")
      r.service_code = value;
    else if (name == "lat")
      lat = value;
    else if (name == "long")
      lon = value;
    else if (name == "address_string")
      r.address_string = value;
    else if (name == "description")
      r.description = value;
    else if (name == "media_url")
      r.media_url = value;
    else if (name == "email")
      r.email = value;
    else if (name == "first_name")
      r.first_name = value;
    else if (name == "last_name")
      r.last_name = value;
    else if (name == "phone")
      r.phone = value;
    else if (name == "device_id")
      r.device_id = value;
  }
  if (r.service_code.empty())
    throw InvalidInput("service_code", "service_code is required",
                       message_key("open311.service_code.required"));
  r.lat = parse_number("lat", lat, -90, 90);
  r.lon = parse_number("long", lon, -180, 180);
  if (r.lat.has_value() != r.lon.has_value()) {
    throw InvalidInput(r.lat ? "long" : "lat", "lat and long must be given together",
                       message_key("open311.location.together"));
  }
  // GeoReport v2: a location is lat and long, or an address_string (the office places it when registering).
  if (!r.lat && r.address_string.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InvalidInput("lat", "lat and long, or address_string, are required",
                       message_key("open311.location.required"));
  check_case_text("service_code", r.service_code, kCaseReference);
  check_case_text("description", r.description, kOpen311Description);
  check_case_text("address_string", r.address_string, kOpen311Address);
  check_case_text("media_url", r.media_url, kOpen311MediaUrl);
  if (!r.media_url.empty() && !r.media_url.starts_with("http://") && !r.media_url.starts_with("https://")) {
    throw InvalidInput("media_url", "media_url must be an http(s) URL",
                       message_key("open311.media_url.scheme"));
  }
  check_case_text("email", r.email, kOpen311Name);
  if (!r.email.empty()) {
    size_t at = r.email.find('@');
    if (at == std::string::npos || at == 0 || r.email.find('.', at) == std::string::npos ||
        r.email.size() > 254) {
      throw InvalidInput("email", "email is not an e-mail address", message_key("open311.email.invalid"));
    }
  }
  for (auto [name, value] : {std::pair{"first_name", &r.first_name}, std::pair{"last_name", &r.last_name},
                             std::pair{"phone", &r.phone}, std::pair{"device_id", &r.device_id}}) {
    check_case_text(name, *value, kOpen311Name);
  }
  return r;
}

RequestQuery parse_request_query(const std::vector<std::pair<std::string, std::string>>& params, TimeMs now) {
  RequestQuery q;
  for (const auto& [name, value] : params) {
    if (name == "service_request_id") {
      for (auto& id : split_list(value)) q.ids.push_back(std::move(id));
    } else if (name == "service_code") {
      for (auto& code : split_list(value)) q.service_codes.push_back(std::move(code));
    } else if (name == "status") {
      bool open = false, closed = false;
      for (const auto& s : split_list(value)) {
        if (s == "open")
          open = true;
        else if (s == "closed")
          closed = true;
        else
          throw InvalidInput("status", "status must be open, closed or both",
                             message_key("open311.status.invalid"));
      }
      if (open != closed) q.open = open;
    } else if (name == "start_date" || name == "end_date") {
      if (value.empty()) continue;
      auto t = parse_time(value);
      if (!t) {
        throw InvalidInput(name, name + " must be an ISO 8601 date-time, e.g. 2026-03-01T08:00:00Z",
                           message_key("open311.date.invalid", {{"field", name}}));
      }
      (name == "start_date" ? q.start : q.end) = t;
    }
  }
  if (q.start && q.end && *q.start > *q.end)
    throw InvalidInput("start_date", "start_date is after end_date", message_key("open311.date.order"));
  if (q.ids.size() > 1000)
    throw InvalidInput("service_request_id", "at most 1000 ids",
                       message_key("open311.ids.too_many", {{"max", "1000"}}));
  if (q.ids.empty()) {
    constexpr TimeMs kNinetyDays = 90LL * 86'400'000;
    if (!q.start && !q.end) q.end = now;
    if (!q.start) q.start = *q.end - kNinetyDays;
    if (!q.end) q.end = *q.start + kNinetyDays;
  }
  return q;
}

}  // namespace civic::api::open311
