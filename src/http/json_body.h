// Reading JSON request bodies. Every failure throws civic::InvalidInput naming the field that is wrong:
// "body" for a body that is not a JSON object, the member name (or a dotted path given by the caller)
// for a missing member or one of the wrong type.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.h"

namespace civic::http {

// The request body parsed as a JSON object; an empty body is an empty object.
boost::json::object parse_json_object(const Request& request);
boost::json::object parse_json_object(std::string_view text);

// A required non-empty string member.
std::string require_string(const boost::json::object& object, std::string_view field);
// A string member if present and not null; empty strings are allowed.
std::optional<std::string> optional_string(const boost::json::object& object, std::string_view field);
// A required integer member (JSON number without fraction).
std::int64_t require_int(const boost::json::object& object, std::string_view field);
std::optional<std::int64_t> optional_int(const boost::json::object& object, std::string_view field);
std::optional<bool> optional_bool(const boost::json::object& object, std::string_view field);

}  // namespace civic::http
