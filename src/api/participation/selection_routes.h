// Selections (评选, participation.md "Selection"):
//   GET|POST /api/selections, GET /api/selections/{code} (criteria; candidates with stage, mean score and
//   objection counts), POST /api/selections/{code}/candidates (nominate), GET
//   /api/selection-candidates/{code} (score sheets, objections with masked phones, stage events), POST
//   /api/selection-candidates/{code}/actions/ review|score|start-notice|approve|name|withdraw|renew|revoke,
//   POST /api/selection-objections/{id}/actions/ uphold|dismiss; public (no sign-in): GET
//   /api/public/selections/{code}/notice, POST /api/public/selections/{code}/objections (a token bucket per
//   client address, 429 rate_limited), GET /api/public/honour-roll?kind=.
#pragma once

#include "http/router.h"
#include "service/participation/selection_service.h"

namespace civic::api {

void add_selection_routes(http::Router& router, service::SelectionService& selections);

}  // namespace civic::api
