// The leaders' big screen (docs/bulletins.md "The big screen"): GET /api/big-screen[?period=] — every figure
// the screen shows in one answer (BigScreenService). `screen` must outlive the router.
#pragma once

#include "http/router.h"
#include "service/big_screen/big_screen_service.h"

namespace civic::api {

void add_big_screen_routes(http::Router& router, service::BigScreenService& screen);

}  // namespace civic::api
