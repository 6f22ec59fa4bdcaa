#include "http/json_body.h"

#include <boost/json/parse.hpp>
#include <cmath>

#include "domain/error.h"

namespace civic::http {

namespace json = boost::json;

json::object parse_json_object(const Request& request) {
  return parse_json_object(request.body);
}

json::object parse_json_object(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) throw InvalidInput("body", "malformed JSON: " + ec.message());
  if (!value.is_object()) throw InvalidInput("body", "the request body must be a JSON object");
  return std::move(value.as_object());
}

namespace {

const json::value* member(const json::object& object, std::string_view field) {
  const json::value* v = object.if_contains(field);
  return v && !v->is_null() ? v : nullptr;
}

}  // namespace

std::optional<std::string> optional_string(const json::object& object, std::string_view field) {
  const json::value* v = member(object, field);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw InvalidInput(std::string(field), std::string(field) + " must be a string");
  return std::string(v->as_string());
}

std::string require_string(const json::object& object, std::string_view field) {
  std::optional<std::string> s = optional_string(object, field);
  if (!s || s->empty()) throw InvalidInput(std::string(field), std::string(field) + " is required");
  return *s;
}

std::optional<std::int64_t> optional_int(const json::object& object, std::string_view field) {
  const json::value* v = member(object, field);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  if (v->is_double()) {
    double d = v->as_double();
    if (std::trunc(d) == d && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
  }
  throw InvalidInput(std::string(field), std::string(field) + " must be an integer");
}

std::int64_t require_int(const json::object& object, std::string_view field) {
  std::optional<std::int64_t> n = optional_int(object, field);
  if (!n) throw InvalidInput(std::string(field), std::string(field) + " is required");
  return *n;
}

std::optional<bool> optional_bool(const json::object& object, std::string_view field) {
  const json::value* v = member(object, field);
  if (!v) return std::nullopt;
  if (!v->is_bool()) throw InvalidInput(std::string(field), std::string(field) + " must be true or false");
  return v->as_bool();
}

}  // namespace civic::http
