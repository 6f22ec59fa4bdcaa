// Headers every response carries: a strict Content-Security-Policy, nosniff, frame denial, no referrer;
// and Cache-Control: no-store on every answer whose handler set none (static files and photos stored by
// content hash set their own).
#pragma once

#include "http/request.h"
#include "http/response.h"

namespace civic::http {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
    "frame-ancestors 'none'";

void add_security_headers(const Request& request, Response& response);

}  // namespace civic::http
