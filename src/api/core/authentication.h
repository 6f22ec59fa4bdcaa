// Authentication for /api (api.md): every route that is not public needs a caller, from either
//   - `Authorization: Bearer <api token>` (scripts; no CSRF token needed), or
//   - the `civic_session` cookie (the web UI; HttpOnly, SameSite=Strict), in which case every unsafe
//     method (anything but GET, HEAD, OPTIONS) must carry the session's `X-CSRF-Token`, else 403 forbidden
//     naming the field "X-CSRF-Token".
// No credentials, or stale ones → 401 unauthenticated. The caller is left in Request::auth for handlers.
#pragma once

#include <string>

#include "http/request.h"
#include "http/router.h"
#include "service/accounts/auth_service.h"
#include "service/core/principal.h"

namespace civic::api {

inline constexpr const char* kSessionCookie = "civic_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

struct Caller {
  service::Principal principal;
  bool via_session = false;
  std::string csrf_token;  // the session's, when via_session
};

// The middleware; `auth` must outlive the router.
http::Middleware authentication(service::AuthService& auth);

// The caller the middleware found; throws Unauthenticated on a public route without one.
const Caller& caller_of(const http::Request& request);
inline const service::Principal& principal_of(const http::Request& request) {
  return caller_of(request).principal;
}

// Throws Forbidden naming X-CSRF-Token (key auth.csrf) unless the request carries `expected`, the session's
// CSRF token; a refusal is a security event (AuthService::record_refused_request, rate-limited).
void require_csrf(service::AuthService& auth, const http::Request& request, const std::string& expected);

// The token of an `Authorization: Bearer …` header, or "" when there is none.
std::string bearer_token(const http::Request& request);

// Set-Cookie values that start and end a session.
std::string session_cookie(const std::string& token, long long max_age_seconds, bool secure);
std::string expired_session_cookie(bool secure);

}  // namespace civic::api
