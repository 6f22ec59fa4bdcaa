#include "api/notifications/notification_routes.h"

#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "domain/core/error.h"

namespace civic::api {

namespace json = boost::json;

namespace {

json::object notification_json(const service::Notification& n) {
  json::value params;
  try {
    params = json::parse(n.params_json);
  } catch (const std::exception&) {
    params = json::object();
  }
  return {{"id", n.id},
          {"kind", n.kind},
          {"params", params},
          {"object_type", n.object_type},
          {"object_id", n.object_id},
          {"created_at", format_rfc3339(n.created_at)},
          {"read_at", n.read_at ? json::value(format_rfc3339(*n.read_at)) : json::value(nullptr)}};
}

}  // namespace

void add_notification_routes(http::Router& router, service::NotificationService& notifications) {
  router.get("/api/notifications", [&notifications](http::Request& request) {
    auto unread = request.query_param("unread").value_or("");
    if (!unread.empty() && unread != "true" && unread != "false") {
      throw InvalidInput("unread", "unread must be true or false");
    }
    auto result = notifications.list(principal_of(request), unread == "true", page_request(request));
    json::object out = page_json(result.page, notification_json);
    out["unread_count"] = result.unread_count;
    return http::Response::json(200, out);
  });

  router.post("/api/notifications/{id}/actions/read", [&notifications](http::Request& request) {
    const std::string& text = request.param("id");
    long long id = 0;
    try {
      std::size_t used = 0;
      id = std::stoll(text, &used);
      if (used != text.size()) throw NotFound("no notification " + text);
    } catch (const std::logic_error&) {
      throw NotFound("no notification " + text);
    }
    notifications.mark_read(principal_of(request), id);
    return http::Response::no_content();
  });

  router.post("/api/notifications/actions/read-all", [&notifications](http::Request& request) {
    notifications.mark_all_read(principal_of(request));
    return http::Response::no_content();
  });
}

}  // namespace civic::api
