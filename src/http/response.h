// One HTTP response: status, headers (a name may repeat, e.g. Set-Cookie) and body.
// `json` and `error` build the api.md shapes; `error` is what every 4xx/5xx from /api answers.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/core/error.h"

namespace civic::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // A JSON response with Content-Type application/json; charset=utf-8.
  static Response json(int status, const boost::json::value& value);
  // {"error": {"code", "key", "args", "message", "field"}} with the given status; without a key of its own
  // the error is sent with the generic key of its code, "error.<code>" (domain/core/error.h).
  static Response error(int status, std::string_view code, std::string_view message,
                        std::string_view field = {}, const MessageKey& key = {});
  // 204 No Content.
  static Response no_content();

  // Replaces every header `name` (case-insensitive) with one `value`.
  void set_header(std::string_view name, std::string value);
  // Adds a header, keeping existing ones of the same name.
  void add_header(std::string name, std::string value);
  // The first value of header `name` (case-insensitive), if present.
  std::optional<std::string> header(std::string_view name) const;
};

}  // namespace civic::http
