// The unit tree within the caller's scope: GET /api/units[?parent=CODE | ?under=CODE&type=T&page&page_size],
// GET/PUT /api/units/{code}, POST /api/units. `units` must outlive the router.
#pragma once

#include "http/router.h"
#include "service/units/unit_service.h"

namespace civic::api {

void add_unit_routes(http::Router& router, service::UnitService& units);

}  // namespace civic::api
