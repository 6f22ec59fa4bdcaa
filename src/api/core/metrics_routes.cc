#include "api/core/metrics_routes.h"

#include <chrono>

#include "domain/core/error.h"
#include "http/error_response.h"
#include "platform/secret.h"

namespace civic::api {

void add_metrics_routes(http::Router& router, platform::Metrics& metrics, std::string token) {
  router.use([&metrics](http::Request& request, const http::Route& route, const http::Handler& next) {
    metrics.request_started();
    auto started = std::chrono::steady_clock::now();
    auto seconds = [&started] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    try {
      http::Response response = next(request);
      metrics.observe_request(route.method, route.pattern, response.status, seconds());
      metrics.request_finished();
      return response;
    } catch (...) {
      int status = http::error_details(std::current_exception(), request).status;
      metrics.observe_request(route.method, route.pattern, status, seconds());
      metrics.request_finished();
      throw;
    }
  });
  router.get(
      "/metrics",
      [&metrics, token = std::move(token)](http::Request& request) {
        if (token.empty()) throw NotFound("no route for /metrics");
        std::string given = request.header("authorization").value_or("");
        if (!given.starts_with("Bearer ") || !platform::equal_in_constant_time(given.substr(7), token)) {
          throw Unauthenticated("the metrics token is missing or wrong");
        }
        http::Response response;
        response.body = metrics.exposition();
        response.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        response.set_header("Cache-Control", "no-store");
        return response;
      },
      {.body_limit = 0, .is_public = true});
}

}  // namespace civic::api
