// The /api routes (api.md) on a Router, with the authentication middleware in front of them.
// Handlers translate JSON ⇄ domain and call the services; permission and scope checks live in the services.
#pragma once

#include <string>

#include "api/core/api_options.h"
#include "http/router.h"
#include "service/core/services.h"

namespace civic::api {

// `services` must outlive the router.
void register_routes(http::Router& router, service::Services& services, ApiOptions options = {});

}  // namespace civic::api
