// One HTTP request as a handler sees it: decoded path and query, headers, body, the caller's address,
// the request id (also sent back as X-Request-Id), and the path parameters the router matched.
// `auth` is an opaque slot that an authentication middleware fills for the handlers after it.
#pragma once

#include <any>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace civic::http {

struct Request {
  std::string method;                 // "GET", "POST", ...
  std::string target;                 // as received, e.g. "/api/units?page=2"
  std::string path;                   // percent-decoded path without the query
  std::vector<std::string> segments;  // the path's segments, each decoded ("/a%2Fb/c" → "a/b", "c")
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string client_ip;
  std::string request_id;
  std::map<std::string, std::string> path_params;  // "{code}" → value, decoded
  std::any auth;
  // For the access log: the matched route's pattern ("/api/cases/{code}", set by the router) and the
  // signed-in caller's user id (set by authentication; 0 when anonymous).
  std::string route;
  long long user_id = 0;

  // The first value of header `name` (case-insensitive), if present.
  std::optional<std::string> header(std::string_view name) const;
  // The first value of query parameter `name`, if present.
  std::optional<std::string> query_param(std::string_view name) const;
  // The path parameter `name`; throws std::out_of_range when the route has no such parameter.
  const std::string& param(std::string_view name) const;
  // The value of cookie `name` from the Cookie header, if present.
  std::optional<std::string> cookie(std::string_view name) const;
};

}  // namespace civic::http
