// Sign-in and the caller's own account: POST /api/auth/login, POST /api/auth/logout, GET /api/me,
// POST /api/me/password.
#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/resource_json.h"
#include "api/core/resource_routes.h"
#include "domain/core/error.h"
#include "http/json_body.h"
#include "service/core/permission.h"

namespace civic::api {

namespace json = boost::json;

namespace {

// Every permission, for GET /api/me (service/permission.h lists them; keep in step).

json::object me_json(service::Services& services, const service::Principal& who, const User& user) {
  Unit u = services.units.own_unit(who);
  json::object unit{{"code", u.code}, {"name", u.name}, {"name_en", u.name_en}, {"path", u.path}};
  json::array roles, permissions;
  for (Role r : user.roles) roles.emplace_back(role_name(r));
  for (service::Permission p : service::all_permissions()) {
    if (service::can(who, p)) permissions.emplace_back(service::permission_name(p));
  }
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"unit", std::move(unit)},
          {"roles", std::move(roles)},
          {"permissions", std::move(permissions)},
          {"must_change_password", user.must_change_password}};
}

}  // namespace

void add_auth_routes(http::Router& router, service::Services& services, const ApiOptions& options) {
  bool secure = options.secure_cookies;

  router.post("/api/auth/login",
              [&services, secure](http::Request& request) {
                json::object body = http::parse_json_object(request);
                std::string username = http::require_string(body, "username");
                std::string password = http::require_string(body, "password");
                service::LoginResult result = services.auth.login(username, password, request.client_ip);
                long long max_age =
                    std::max<long long>(0, (result.expires_at - services.clock.now_ms()) / 1000);
                http::Response response =
                    http::Response::json(200, {{"user", me_json(services, result.principal, result.user)},
                                               {"csrf_token", result.csrf_token}});
                response.add_header("Set-Cookie", session_cookie(result.session_token, max_age, secure));
                return response;
              },
              {.body_limit = 16 * 1024, .is_public = true});

  // Public so that a stale cookie can always be cleared; a live session still needs its CSRF token.
  router.post("/api/auth/logout",
              [&services, secure](http::Request& request) {
                if (auto token = request.cookie(kSessionCookie); token && !token->empty()) {
                  std::optional<service::AuthenticatedSession> session;
                  try {
                    session = services.auth.authenticate_session(*token, request.client_ip);
                  } catch (const Unauthenticated&) {
                  }
                  if (session) {
                    auto presented = request.header(kCsrfHeader);
                    if (!presented || !service::AuthService::csrf_matches(session->csrf_token, *presented)) {
                      throw Error(ErrorCode::forbidden, "missing or wrong CSRF token", kCsrfHeader);
                    }
                    services.auth.logout(*token, request.client_ip);
                  }
                }
                http::Response response = http::Response::no_content();
                response.add_header("Set-Cookie", expired_session_cookie(secure));
                return response;
              },
              {.is_public = true});

  router.get("/api/me", [&services](http::Request& request) {
    const Caller& caller = caller_of(request);
    User user = services.users.get(caller.principal, caller.principal.username);
    json::object out{{"user", me_json(services, caller.principal, user)}};
    if (caller.via_session) out["csrf_token"] = caller.csrf_token;
    return http::Response::json(200, out);
  });

  router.post("/api/me/password",
              [&services](http::Request& request) {
                json::object body = http::parse_json_object(request);
                std::string old_password = http::require_string(body, "old_password");
                std::string new_password = http::require_string(body, "new_password");
                services.auth.change_password(principal_of(request), old_password, new_password);
                return http::Response::no_content();
              },
              {.body_limit = 16 * 1024});
}

}  // namespace civic::api
