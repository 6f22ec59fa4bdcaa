// What the server does with one parsed request on a worker thread: route it (middleware included),
// turn any exception into an error shaped by the router (error_format.h), add the security headers and
// X-Request-Id. Never throws.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

namespace civic::http {

Response respond(const Router& router, Request& request);

}  // namespace civic::http
