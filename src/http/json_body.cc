#include "http/json_body.h"

#include <boost/json/parse.hpp>
#include <cmath>

#include "domain/core/error.h"

namespace civic::http {

namespace json = boost::json;

namespace {

constexpr TextLimit kGenerousText{10'000, true};

// `key` gains the argument {field}: the path.
[[noreturn]] void bad(const std::string& path, const std::string& what, MessageKey key) {
  key.args.insert(key.args.begin(), {"field", path});
  throw InvalidInput(path, path + " " + what, std::move(key));
}

std::optional<std::int64_t> as_integer(const json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v.as_uint64());
  }
  if (v.is_double()) {
    double d = v.as_double();
    if (std::trunc(d) == d && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

std::string text_of(const std::string& path, const json::value& v, TextLimit limit) {
  if (!v.is_string()) bad(path, "must be a string", message_key("input.not_text"));
  std::string s(v.as_string());
  check_text(path, s, limit);
  return s;
}

}  // namespace

json::object parse_json_object(const Request& request) {
  return parse_json_object(request.body);
}

json::object parse_json_object(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) throw InvalidInput("body", "malformed JSON: " + ec.message(), message_key("input.malformed_json"));
  if (!value.is_object()) {
    throw InvalidInput("body", "the request body must be a JSON object", message_key("input.not_object"));
  }
  return std::move(value.as_object());
}

void check_text(const std::string& path, std::string_view value, TextLimit limit) {
  auto problem = text_problem(value, limit);
  if (!problem) return;
  if (*problem == "too_long") {
    bad(path, "is longer than " + std::to_string(limit.max_chars) + " characters",
        message_key("input.text.too_long", {{"max", std::to_string(limit.max_chars)}}));
  }
  if (*problem == "bidi_control") {
    bad(path, "must not contain bidirectional control characters", message_key("input.text.bidi_control"));
  }
  if (*problem == "invalid_utf8") bad(path, "must be valid UTF-8", message_key("input.text.invalid_utf8"));
  bad(path, "must not contain control characters", message_key("input.text.control_character"));
}

JsonFields::JsonFields(const json::object& object, std::string path)
    : object_(&object), path_(std::move(path)) {}

bool JsonFields::has(std::string_view name) const {
  return member(name) != nullptr;
}

std::string JsonFields::path_of(std::string_view name) const {
  return path_.empty() ? std::string(name) : path_ + "." + std::string(name);
}

const json::value* JsonFields::member(std::string_view name) const {
  const json::value* v = object_->if_contains(name);
  return v && !v->is_null() ? v : nullptr;
}

const json::value& JsonFields::required(std::string_view name) const {
  const json::value* v = member(name);
  if (!v) bad(path_of(name), "is required", message_key("input.required"));
  return *v;
}

std::string JsonFields::text(std::string_view name, TextLimit limit) const {
  std::string s = text_of(path_of(name), required(name), limit);
  if (s.empty()) bad(path_of(name), "is required", message_key("input.required"));
  return s;
}

std::optional<std::string> JsonFields::optional_text(std::string_view name, TextLimit limit) const {
  const json::value* v = member(name);
  if (!v) return std::nullopt;
  return text_of(path_of(name), *v, limit);
}

std::int64_t JsonFields::integer(std::string_view name) const {
  auto n = as_integer(required(name));
  if (!n) bad(path_of(name), "must be an integer", message_key("input.not_integer"));
  return *n;
}

std::optional<std::int64_t> JsonFields::optional_integer(std::string_view name) const {
  if (!member(name)) return std::nullopt;
  return integer(name);
}

double JsonFields::number(std::string_view name) const {
  const json::value& v = required(name);
  double d = 0;
  if (v.is_double()) {
    d = v.as_double();
  } else if (v.is_int64()) {
    d = static_cast<double>(v.as_int64());
  } else if (v.is_uint64()) {
    d = static_cast<double>(v.as_uint64());
  } else {
    bad(path_of(name), "must be a number", message_key("input.not_number"));
  }
  if (!std::isfinite(d)) bad(path_of(name), "must be a number", message_key("input.not_number"));
  return d;
}

std::optional<double> JsonFields::optional_number(std::string_view name) const {
  if (!member(name)) return std::nullopt;
  return number(name);
}

bool JsonFields::boolean(std::string_view name) const {
  const json::value& v = required(name);
  if (!v.is_bool()) bad(path_of(name), "must be true or false", message_key("input.not_boolean"));
  return v.as_bool();
}

std::optional<bool> JsonFields::optional_boolean(std::string_view name) const {
  if (!member(name)) return std::nullopt;
  return boolean(name);
}

CivilDate JsonFields::date(std::string_view name) const {
  std::string s = text_of(path_of(name), required(name), kShortText);
  auto d = parse_iso_date(s);
  if (!d) bad(path_of(name), "must be a date YYYY-MM-DD", message_key("input.not_date"));
  return *d;
}

std::optional<CivilDate> JsonFields::optional_date(std::string_view name) const {
  if (!member(name)) return std::nullopt;
  return date(name);
}

TimeMs JsonFields::time(std::string_view name) const {
  std::string s = text_of(path_of(name), required(name), kShortText);
  auto t = parse_time(s);
  if (!t) bad(path_of(name), "must be an RFC 3339 time", message_key("input.not_time"));
  return *t;
}

std::optional<TimeMs> JsonFields::optional_time(std::string_view name) const {
  if (!member(name)) return std::nullopt;
  return time(name);
}

std::vector<std::string> JsonFields::text_list(std::string_view name, TextLimit limit) const {
  std::vector<std::string> out;
  const json::value* v = member(name);
  if (!v) return out;
  if (!v->is_array()) bad(path_of(name), "must be a list of strings", message_key("input.not_text_list"));
  const json::array& items = v->as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    out.push_back(text_of(path_of(name) + "[" + std::to_string(i) + "]", items[i], limit));
  }
  return out;
}

std::vector<std::int64_t> JsonFields::integer_list(std::string_view name) const {
  std::vector<std::int64_t> out;
  const json::value* v = member(name);
  if (!v) return out;
  if (!v->is_array()) bad(path_of(name), "must be a list of integers", message_key("input.not_integer_list"));
  const json::array& items = v->as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    auto n = as_integer(items[i]);
    if (!n)
      bad(path_of(name) + "[" + std::to_string(i) + "]", "must be an integer",
          message_key("input.not_integer"));
    out.push_back(*n);
  }
  return out;
}

JsonFields JsonFields::member_object(std::string_view name) const {
  const json::value& v = required(name);
  if (!v.is_object()) bad(path_of(name), "must be an object", message_key("input.not_object"));
  return JsonFields(v.as_object(), path_of(name));
}

std::optional<JsonFields> JsonFields::optional_object(std::string_view name) const {
  if (!member(name)) return std::nullopt;
  return member_object(name);
}

std::vector<JsonFields> JsonFields::object_list(std::string_view name) const {
  std::vector<JsonFields> out;
  const json::value* v = member(name);
  if (!v) return out;
  if (!v->is_array()) bad(path_of(name), "must be a list of objects", message_key("input.not_object_list"));
  const json::array& items = v->as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    std::string at = path_of(name) + "[" + std::to_string(i) + "]";
    if (!items[i].is_object()) bad(at, "must be an object", message_key("input.not_object"));
    out.emplace_back(items[i].as_object(), at);
  }
  return out;
}

std::optional<std::string> optional_string(const json::object& object, std::string_view field) {
  return JsonFields(object).optional_text(field, kGenerousText);
}

std::string require_string(const json::object& object, std::string_view field) {
  return JsonFields(object).text(field, kGenerousText);
}

std::optional<std::int64_t> optional_int(const json::object& object, std::string_view field) {
  return JsonFields(object).optional_integer(field);
}

std::int64_t require_int(const json::object& object, std::string_view field) {
  return JsonFields(object).integer(field);
}

std::optional<bool> optional_bool(const json::object& object, std::string_view field) {
  return JsonFields(object).optional_boolean(field);
}

}  // namespace civic::http
