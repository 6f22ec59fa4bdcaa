#include "api/core/authentication.h"

#include <any>

#include "domain/core/error.h"
#include "service/core/permission.h"

namespace civic::api {

namespace {

bool is_safe_method(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

}  // namespace

std::string bearer_token(const http::Request& request) {
  auto header = request.header("authorization");
  if (!header || header->size() < 7) return {};
  std::string scheme = header->substr(0, 7);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return {};
  std::string token = header->substr(7);
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  while (!token.empty() && token.back() == ' ') token.pop_back();
  return token;
}

namespace {

bool allowed_before_password_change(const http::Route& route) {
  return (route.method == "GET" && route.pattern == "/api/me") ||
         (route.method == "POST" &&
          (route.pattern == "/api/me/password" || route.pattern == "/api/auth/logout"));
}

}  // namespace

void require_csrf(service::AuthService& auth, const http::Request& request, const std::string& expected) {
  auto presented = request.header(kCsrfHeader);
  if (presented && service::AuthService::csrf_matches(expected, *presented)) return;
  auth.record_refused_request("csrf_refused", request.client_ip, request.method + " " + request.path);
  throw Error(ErrorCode::forbidden, "missing or wrong CSRF token", kCsrfHeader, message_key("auth.csrf"));
}

http::Middleware authentication(service::AuthService& auth) {
  return [&auth](http::Request& request, const http::Route& route, const http::Handler& next) {
    if (route.options.is_public) return next(request);
    Caller caller;
    if (std::string bearer = bearer_token(request); !bearer.empty()) {
      caller.principal = auth.authenticate_api_token(bearer, request.client_ip);
    } else if (auto token = request.cookie(kSessionCookie); token && !token->empty()) {
      service::AuthenticatedSession session = auth.authenticate_session(*token, request.client_ip);
      caller.principal = std::move(session.principal);
      caller.via_session = true;
      caller.csrf_token = std::move(session.csrf_token);
      if (!is_safe_method(request.method)) require_csrf(auth, request, caller.csrf_token);
    } else {
      throw Unauthenticated("sign in first", message_key("auth.sign_in_required"));
    }
    // An account with a one-time password may only read itself, change the password and sign out.
    if (caller.principal.must_change_password && !allowed_before_password_change(route)) {
      throw Error(ErrorCode::forbidden, "change your password first", "password",
                  message_key("auth.password_change_required"));
    }
    if (route.options.permission >= 0 &&
        !service::can(caller.principal, static_cast<service::Permission>(route.options.permission))) {
      const char* name = service::permission_name(static_cast<service::Permission>(route.options.permission));
      throw Forbidden(
          std::string("your role may not ") + name,
          service::permission_denied_key(static_cast<service::Permission>(route.options.permission)));
    }
    request.user_id = caller.principal.user_id;
    request.auth = std::move(caller);
    return next(request);
  };
}

const Caller& caller_of(const http::Request& request) {
  const Caller* caller = std::any_cast<Caller>(&request.auth);
  if (!caller) throw Unauthenticated("sign in first", message_key("auth.sign_in_required"));
  return *caller;
}

std::string session_cookie(const std::string& token, long long max_age_seconds, bool secure) {
  std::string cookie = std::string(kSessionCookie) + "=" + token +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) cookie += "; Secure";
  return cookie;
}

std::string expired_session_cookie(bool secure) {
  return session_cookie("", 0, secure);
}

}  // namespace civic::api
