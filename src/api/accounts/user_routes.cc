// Accounts: GET /api/users[?unit=CODE&role=R&page&page_size], GET/PUT /api/users/{username}, POST /api/users,
// POST /api/users/{username}/actions/{lock|unlock|reset-password}.
#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/resource_routes.h"
#include "domain/core/error.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

std::optional<std::vector<Role>> roles_field(const json::object& body) {
  const json::value* v = body.if_contains("roles");
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_array()) throw InvalidInput("roles", "roles must be a list of role names");
  std::vector<Role> roles;
  for (const json::value& item : v->as_array()) {
    if (!item.is_string()) throw InvalidInput("roles", "roles must be a list of role names");
    roles.push_back(parse_role(std::string(item.as_string()), "roles"));
  }
  if (roles.empty()) throw InvalidInput("roles", "a user needs at least one role");
  return roles;
}

}  // namespace

void add_user_routes(http::Router& router, service::Services& services) {
  router.get("/api/users", [&services](http::Request& request) {
    service::UserQuery query;
    query.unit_code = request.query_param("unit").value_or("");
    if (auto role = request.query_param("role"); role && !role->empty())
      query.role = parse_role(*role, "role");
    TimeMs now = services.clock.now_ms();
    auto page = services.users.list(principal_of(request), query, page_request(request));
    return http::Response::json(200, page_json(page, [now](const User& u) { return user_json(u, now); }));
  });

  router.get("/api/users/{username}", [&services](http::Request& request) {
    User user = services.users.get(principal_of(request), request.param("username"));
    return http::Response::json(200, user_json(user, services.clock.now_ms()));
  });

  router.post("/api/users", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    service::NewUser user;
    user.username = http::require_string(body, "username");
    user.display_name = http::require_string(body, "display_name");
    user.unit_code = http::require_string(body, "unit_code");
    auto roles = roles_field(body);
    if (!roles) throw InvalidInput("roles", "roles is required");
    user.roles = std::move(*roles);
    if (auto password = http::optional_string(body, "password"); password && !password->empty()) {
      user.password = std::move(password);
    }
    service::CreatedUser created = services.users.add(principal_of(request), user);
    json::object out{{"user", user_json(created.user, services.clock.now_ms())}};
    if (!created.one_time_password.empty()) out["one_time_password"] = created.one_time_password;
    return http::Response::json(201, out);
  });

  router.put("/api/users/{username}", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    long long version = http::require_int(body, "version");
    service::UserChanges changes;
    changes.display_name = http::optional_string(body, "display_name");
    if (changes.display_name && changes.display_name->empty()) {
      throw InvalidInput("display_name", "display_name must not be empty");
    }
    changes.unit_code = http::optional_string(body, "unit_code");
    changes.roles = roles_field(body);
    changes.disabled = http::optional_bool(body, "disabled");
    User user = services.users.update(principal_of(request), request.param("username"), changes, version);
    return http::Response::json(200, user_json(user, services.clock.now_ms()));
  });

  router.post("/api/users/{username}/actions/{action}", [&services](http::Request& request) {
    const service::Principal& who = principal_of(request);
    const std::string& username = request.param("username");
    const std::string& action = request.param("action");
    TimeMs now = services.clock.now_ms();
    if (action == "lock")
      return http::Response::json(200, user_json(services.users.lock(who, username), now));
    if (action == "unlock")
      return http::Response::json(200, user_json(services.users.unlock(who, username), now));
    if (action == "reset-password") {
      std::string password = services.users.reset_password(who, username);
      return http::Response::json(200, {{"username", username}, {"one_time_password", password}});
    }
    throw Error(ErrorCode::not_found, "no such action: " + action + " (lock, unlock, reset-password)",
                "action");
  });
}

}  // namespace civic::api
