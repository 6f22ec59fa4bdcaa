// Reading JSON request bodies. Every failure throws civic::InvalidInput naming the full JSON path of the
// value that is wrong ("body" for a body that is not a JSON object, "actions[2].phases[0].start" for a
// member deep inside), with a message key (error.h) the console shows in zh-CN or en.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/civil_date.h"
#include "domain/core/clock.h"
#include "domain/core/text_limit.h"
#include "http/request.h"

namespace civic::http {

// The request body parsed as a JSON object; an empty body is an empty object.
boost::json::object parse_json_object(const Request& request);
boost::json::object parse_json_object(std::string_view text);

// The members of one JSON object at `path` inside the body ("" for the body itself). Required readers
// throw when the member is absent or null; optional ones answer nullopt then. Texts are checked against a
// TextLimit (default: one line of at most 200 characters); a required text must not be empty.
class JsonFields {
 public:
  explicit JsonFields(const boost::json::object& object, std::string path = {});

  const boost::json::object& object() const { return *object_; }
  // Present and not null.
  bool has(std::string_view name) const;
  // The JSON path of member `name`, e.g. "actions[2].name".
  std::string path_of(std::string_view name) const;

  std::string text(std::string_view name, TextLimit limit = kShortText) const;
  std::optional<std::string> optional_text(std::string_view name, TextLimit limit = kShortText) const;
  // A JSON integer (a number without fraction).
  std::int64_t integer(std::string_view name) const;
  std::optional<std::int64_t> optional_integer(std::string_view name) const;
  // Any finite JSON number.
  double number(std::string_view name) const;
  std::optional<double> optional_number(std::string_view name) const;
  bool boolean(std::string_view name) const;
  std::optional<bool> optional_boolean(std::string_view name) const;
  // `YYYY-MM-DD`.
  CivilDate date(std::string_view name) const;
  std::optional<CivilDate> optional_date(std::string_view name) const;
  // What civic::parse_time accepts (RFC 3339 UTC, or a date).
  TimeMs time(std::string_view name) const;
  std::optional<TimeMs> optional_time(std::string_view name) const;
  // A list of texts; absent or null is an empty list. Each element is checked like text().
  std::vector<std::string> text_list(std::string_view name, TextLimit limit = kShortText) const;
  // A list of integers; absent or null is an empty list.
  std::vector<std::int64_t> integer_list(std::string_view name) const;
  // A nested object, and a list of objects (absent or null: empty), each reading at its own path.
  JsonFields member_object(std::string_view name) const;
  std::optional<JsonFields> optional_object(std::string_view name) const;
  std::vector<JsonFields> object_list(std::string_view name) const;

 private:
  const boost::json::value* member(std::string_view name) const;
  const boost::json::value& required(std::string_view name) const;

  const boost::json::object* object_;
  std::string path_;
};

// Checks `value` against `limit`, throwing InvalidInput at `path` (the key names the problem).
void check_text(const std::string& path, std::string_view value, TextLimit limit);

// The readers of the body's own members, as JsonFields(object) reads them, but with a generous text
// limit (10,000 characters, line breaks allowed; no control characters nor bidirectional overrides).
std::string require_string(const boost::json::object& object, std::string_view field);
std::optional<std::string> optional_string(const boost::json::object& object, std::string_view field);
std::int64_t require_int(const boost::json::object& object, std::string_view field);
std::optional<std::int64_t> optional_int(const boost::json::object& object, std::string_view field);
std::optional<bool> optional_bool(const boost::json::object& object, std::string_view field);

}  // namespace civic::http
