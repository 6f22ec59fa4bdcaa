// Sign-in and the caller's own account (account_routes.h).
#include <boost/json.hpp>
#include <map>

#include "api/accounts/account_routes.h"
#include "api/core/authentication.h"
#include "api/core/route_permission.h"
#include "domain/core/error.h"
#include "http/json_body.h"
#include "service/core/permission.h"

namespace civic::api {

namespace json = boost::json;

namespace {

// A password: one line, as long as the password rules allow (domain/accounts/user.h).
constexpr TextLimit kPasswordText{1024, false};

json::object me_json(service::UnitService& units, const service::Principal& who, const User& user) {
  Unit u = units.own_unit(who);
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

void add_auth_routes(http::Router& router, service::AuthService& auth, service::UserService& users,
                     service::UnitService& units, const Clock& clock, const ApiOptions& options) {
  bool secure = options.secure_cookies;

  router.post("/api/auth/login",
              [&auth, &units, &clock, secure](http::Request& request) {
                json::object body = http::parse_json_object(request);
                http::JsonFields fields(body);
                std::string username = fields.text("username");
                std::string password = fields.text("password", kPasswordText);
                service::LoginResult result = auth.login(username, password, request.client_ip);
                long long max_age = std::max<long long>(0, (result.expires_at - clock.now_ms()) / 1000);
                http::Response response =
                    http::Response::json(200, {{"user", me_json(units, result.principal, result.user)},
                                               {"csrf_token", result.csrf_token}});
                response.add_header("Set-Cookie", session_cookie(result.session_token, max_age, secure));
                return response;
              },
              {.body_limit = 16 * 1024, .is_public = true});

  // Public so that a stale cookie can always be cleared; a live session still needs its CSRF token.
  router.post("/api/auth/logout",
              [&auth, secure](http::Request& request) {
                if (auto token = request.cookie(kSessionCookie); token && !token->empty()) {
                  std::optional<service::AuthenticatedSession> session;
                  try {
                    session = auth.authenticate_session(*token, request.client_ip);
                  } catch (const Unauthenticated&) {
                    // A stale cookie: nothing to end; the answer clears it.
                  }
                  if (session) {
                    require_csrf(auth, request, session->csrf_token);
                    auth.logout(*token, request.client_ip);
                  }
                }
                http::Response response = http::Response::no_content();
                response.add_header("Set-Cookie", expired_session_cookie(secure));
                return response;
              },
              {.is_public = true});

  router.get("/api/me", [&users, &units](http::Request& request) {
    const Caller& caller = caller_of(request);
    User user = users.get(caller.principal, caller.principal.username);
    json::object out{{"user", me_json(units, caller.principal, user)}};
    if (caller.via_session) out["csrf_token"] = caller.csrf_token;
    return http::Response::json(200, out);
  });

  router.post("/api/me/password",
              [&auth](http::Request& request) {
                json::object body = http::parse_json_object(request);
                http::JsonFields fields(body);
                std::string old_password = fields.text("old_password", kPasswordText);
                std::string new_password = fields.text("new_password", kPasswordText);
                auth.change_password(principal_of(request), old_password, new_password);
                return http::Response::no_content();
              },
              {.body_limit = 16 * 1024});

  // Minutes and hours as whole numbers, so that the console shows "15 分钟" rather than milliseconds.
  // "bounds" names the settings the security admin may change (PUT), each with its limits.
  auto settings_json = [](const service::SecuritySettings& s) {
    constexpr TimeMs kMinute = 60 * 1000;
    json::object bounds;
    for (const auto& b : service::security_setting_bounds())
      bounds[b.name] = json::object{{"min", b.min}, {"max", b.max}};
    return json::object{{"login_max_failed_per_account", s.policy.max_failed_logins},
                        {"login_lock_minutes", s.policy.lock_duration_ms / kMinute},
                        {"login_max_failed_per_address", s.policy.max_failed_logins_per_address},
                        {"login_address_window_minutes", s.policy.address_window_ms / kMinute},
                        {"session_idle_minutes", s.policy.session_idle_ms / kMinute},
                        {"session_absolute_hours", s.policy.session_absolute_ms / (60 * kMinute)},
                        {"password_min_length", s.password_min_length},
                        {"password_min_classes", s.password_min_classes},
                        {"password_history", s.password_history},
                        {"security_event_interval_minutes", s.policy.security_event_interval_ms / kMinute},
                        {"bounds", std::move(bounds)}};
  };
  router.get(
      "/api/security/settings",
      [&auth, settings_json](http::Request& request) {
        return http::Response::json(200, settings_json(auth.settings(principal_of(request))));
      },
      needs(service::Permission::read_security_settings));

  // A body of some settings, each a whole number in its unit: {"login_max_failed_per_account": 3}.
  router.put(
      "/api/security/settings",
      [&auth, settings_json](http::Request& request) {
        json::object body = http::parse_json_object(request);
        std::map<std::string, long long> changes;
        for (const auto& member : body) {
          std::string name(member.key());
          const json::value& value = member.value();
          if (!value.is_int64())
            throw InvalidInput(name, name + " must be a whole number",
                               message_key("input.not_integer", {{"field", name}}));
          changes[name] = value.as_int64();
        }
        return http::Response::json(200, settings_json(auth.update_settings(principal_of(request), changes)));
      },
      needs(service::Permission::manage_security_settings, {.body_limit = 4 * 1024}));
}

}  // namespace civic::api
