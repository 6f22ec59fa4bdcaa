// Route options that name the permission a route needs (http::RouteOptions::permission), so that the
// authentication middleware refuses a caller whose role lacks it before the handler reads the body.
// Scope checks stay in the services.
#pragma once

#include "http/router.h"
#include "service/core/permission.h"

namespace civic::api {

inline http::RouteOptions needs(service::Permission permission, http::RouteOptions options = {}) {
  options.permission = static_cast<int>(permission);
  return options;
}

}  // namespace civic::api
