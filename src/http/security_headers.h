// Headers every response carries: a strict Content-Security-Policy, nosniff, frame denial, no referrer;
// and Cache-Control: no-store on /api responses (static files set their own caching).
#pragma once

#include "http/request.h"
#include "http/response.h"

namespace civic::http {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
    "frame-ancestors 'none'";

void add_security_headers(const Request& request, Response& response);

}  // namespace civic::http
