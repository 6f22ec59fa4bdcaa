// Routes requests by method and path pattern. Patterns are literal segments and `{name}` parameters,
// e.g. "/api/cases/{id}/actions/{action}"; a parameter matches exactly one non-empty segment.
// A path that matches some pattern but not the method answers 405 with Allow; an unmatched /api path (or
// one under a prefix with its own error format) answers 404 not_found; any other unmatched path goes to the
// fallback (static files), else 404. HEAD runs the GET route of its path (the server sends the headers
// and Content-Length of the GET answer without its body).
// Middleware wraps every route's handler, first registered outermost; it runs on the worker thread.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/error_format.h"
#include "http/request.h"
#include "http/response.h"

namespace civic::http {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  size_t body_limit = 1 << 20;  // bytes; larger bodies answer 413 too_large before the handler runs
  bool is_public = false;       // true: reachable without signing in (health, login, openapi)
  // A permission every caller must hold (the api layer's number of a service::Permission, see
  // api/core/route_permission.h); checked by the authentication middleware before the handler, so that a
  // role that may never call the endpoint gets 403 and not a 400 about its body. -1: none.
  int permission = -1;
};

struct Route {
  std::string method;
  std::string pattern;
  RouteOptions options;
  Handler handler;
  std::vector<std::string> parts;  // pattern segments; "{x}" marks a parameter
};

// Answers for `request` or passes it on with next(request). `route` is the matched route.
using Middleware = std::function<Response(Request& request, const Route& route, const Handler& next)>;

class Router {
 public:
  // Registers `handler` for `method` and `pattern`; throws std::invalid_argument on a malformed pattern.
  void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  void get(std::string pattern, Handler handler, RouteOptions options = {});
  void post(std::string pattern, Handler handler, RouteOptions options = {});
  void put(std::string pattern, Handler handler, RouteOptions options = {});
  void del(std::string pattern, Handler handler, RouteOptions options = {});

  void use(Middleware middleware);
  // Handles requests for paths outside /api that no route matches (e.g. the web UI's static files).
  void set_fallback(Handler fallback);
  // Errors for paths under `prefix` (whole segments: "/open311" covers "/open311/v2/x.json", not
  // "/open3110") are shaped by `formatter` (error_format.h). The longest matching prefix wins.
  void set_error_format(std::string prefix, ErrorFormatter formatter);

  // The route for method + segments, or nullptr. Fills `params` when found.
  const Route* find(std::string_view method, const std::vector<std::string>& segments,
                    std::map<std::string, std::string>* params = nullptr) const;
  // The body limit that applies to a request for method + segments (the default when no route matches).
  size_t body_limit(std::string_view method, const std::vector<std::string>& segments) const;
  // The answer for `error` raised while handling `request`, in the shape its path calls for.
  Response error(const Request& request, const ErrorDetails& error) const;
  // Runs the matching route through the middleware; fills request.path_params. May throw civic::Error.
  Response dispatch(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<Middleware> middleware_;
  Handler fallback_;
  struct ErrorFormat {
    std::vector<std::string> prefix;  // segments
    ErrorFormatter formatter;
  };
  const ErrorFormat* error_format_for(const std::vector<std::string>& segments) const;
  std::vector<ErrorFormat> error_formats_;
};

}  // namespace civic::http
