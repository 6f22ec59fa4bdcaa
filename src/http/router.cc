#include "http/router.h"

#include <algorithm>
#include <stdexcept>

namespace civic::http {

namespace {

std::vector<std::string> split_pattern(const std::string& pattern) {
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("route pattern must start with /: " + pattern);
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= pattern.size()) {
    size_t slash = pattern.find('/', start);
    if (slash == std::string::npos) slash = pattern.size();
    std::string part = pattern.substr(start, slash - start);
    if (part.empty() && slash != pattern.size())
      throw std::invalid_argument("empty segment in route " + pattern);
    if (!part.empty()) {
      bool open = part.front() == '{', close = part.back() == '}';
      if (open != close || (open && part.size() < 3))
        throw std::invalid_argument("bad parameter in route " + pattern);
      parts.push_back(std::move(part));
    }
    start = slash + 1;
  }
  return parts;
}

bool is_param(const std::string& part) {
  return part.size() > 2 && part.front() == '{';
}

bool matches(const Route& route, const std::vector<std::string>& segments,
             std::map<std::string, std::string>* params) {
  if (route.parts.size() != segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (is_param(route.parts[i])) {
      if (segments[i].empty()) return false;
    } else if (route.parts[i] != segments[i]) {
      return false;
    }
  }
  if (params) {
    params->clear();
    for (size_t i = 0; i < segments.size(); ++i) {
      if (is_param(route.parts[i]))
        (*params)[route.parts[i].substr(1, route.parts[i].size() - 2)] = segments[i];
    }
  }
  return true;
}

bool is_api_path(const std::vector<std::string>& segments) {
  return !segments.empty() && segments[0] == "api";
}

bool starts_with(const std::vector<std::string>& segments, const std::vector<std::string>& prefix) {
  return segments.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), segments.begin());
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  Route route{std::move(method), pattern, options, std::move(handler), split_pattern(pattern)};
  routes_.push_back(std::move(route));
}

void Router::get(std::string pattern, Handler handler, RouteOptions options) {
  add("GET", std::move(pattern), std::move(handler), options);
}
void Router::post(std::string pattern, Handler handler, RouteOptions options) {
  add("POST", std::move(pattern), std::move(handler), options);
}
void Router::put(std::string pattern, Handler handler, RouteOptions options) {
  add("PUT", std::move(pattern), std::move(handler), options);
}
void Router::del(std::string pattern, Handler handler, RouteOptions options) {
  add("DELETE", std::move(pattern), std::move(handler), options);
}

void Router::use(Middleware middleware) {
  middleware_.push_back(std::move(middleware));
}

void Router::set_fallback(Handler fallback) {
  fallback_ = std::move(fallback);
}

void Router::set_error_format(std::string prefix, ErrorFormatter formatter) {
  error_formats_.push_back({split_pattern(prefix), std::move(formatter)});
}

const Router::ErrorFormat* Router::error_format_for(const std::vector<std::string>& segments) const {
  const ErrorFormat* best = nullptr;
  for (const ErrorFormat& format : error_formats_) {
    if (starts_with(segments, format.prefix) && (!best || format.prefix.size() > best->prefix.size())) {
      best = &format;
    }
  }
  return best;
}

Response Router::error(const Request& request, const ErrorDetails& error) const {
  const ErrorFormat* format = error_format_for(request.segments);
  return format ? format->formatter(request, error) : default_error_format(request, error);
}

const Route* Router::find(std::string_view method, const std::vector<std::string>& segments,
                          std::map<std::string, std::string>* params) const {
  for (const Route& route : routes_) {
    if (route.method == method && matches(route, segments, params)) return &route;
  }
  if (method == "HEAD") return find("GET", segments, params);
  return nullptr;
}

size_t Router::body_limit(std::string_view method, const std::vector<std::string>& segments) const {
  const Route* route = find(method, segments);
  return route ? route->options.body_limit : RouteOptions{}.body_limit;
}

Response Router::dispatch(Request& request) const {
  const Route* route = find(request.method, request.segments, &request.path_params);
  if (!route) {
    std::string allow;
    for (const Route& r : routes_) {
      if (!matches(r, request.segments, nullptr)) continue;
      for (const std::string& method :
           r.method == "GET" ? std::vector<std::string>{"GET", "HEAD"} : std::vector<std::string>{r.method}) {
        if (allow.find(method) == std::string::npos) allow += allow.empty() ? method : ", " + method;
      }
    }
    if (!allow.empty()) {
      Response r = error(
          request,
          {405, "method_not_allowed", "method " + request.method + " is not allowed here", "method", {}});
      r.set_header("Allow", allow);
      return r;
    }
    if (!is_api_path(request.segments) && !error_format_for(request.segments) && fallback_) {
      return fallback_(request);
    }
    return error(request, {404, "not_found", "no such endpoint: " + request.path, "path", {}});
  }
  request.route = route->pattern;
  // Build the chain inside out so that the first registered middleware runs first.
  Handler chain = route->handler;
  for (auto it = middleware_.rbegin(); it != middleware_.rend(); ++it) {
    chain = [middleware = *it, route, next = std::move(chain)](Request& req) {
      return middleware(req, *route, next);
    };
  }
  return chain(request);
}

}  // namespace civic::http
