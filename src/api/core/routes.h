// The /api routes (api.md) on a Router, with the authentication middleware in front of them.
// Handlers translate JSON ⇄ domain and call the services; permission and scope checks live in the services.
#pragma once

#include <string>

#include "http/router.h"
#include "service/core/services.h"

namespace civic::api {

struct ApiOptions {
  bool secure_cookies = false;  // add `Secure` to the session cookie (when served over HTTPS)
  // The OpenAPI document served at GET /api/openapi.json: the text of docs/openapi.yaml, which is kept in the
  // JSON subset of YAML so that it is served as is. Empty: the endpoint answers 404.
  std::string openapi_json;
};

// `services` must outlive the router.
void register_routes(http::Router& router, service::Services& services, ApiOptions options = {});

}  // namespace civic::api
