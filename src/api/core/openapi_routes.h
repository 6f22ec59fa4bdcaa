// GET /api/openapi.json: the API contract (docs/openapi.yaml, kept in the JSON subset of YAML); no sign-in.
#pragma once

#include "api/core/api_options.h"
#include "http/router.h"

namespace civic::api {

void add_openapi_routes(http::Router& router, const ApiOptions& options);

}  // namespace civic::api
