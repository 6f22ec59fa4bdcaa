// The inspections feature's routes (contract.md "Rounds, assignments, inspections"), each taking only the
// service it uses.
//   add_round_routes: GET/POST /api/rounds, GET /api/rounds/{code}, GET /api/rounds/{code}/sites,
//     POST /api/rounds/{code}/actions/assign|complete, GET /api/my/assignments,
//     GET /api/inspection-form?round=&site=.
//   add_inspection_routes: POST /api/inspections (201, or 200 for a retry with the same client_id),
//     GET /api/inspections[?round=&site=&inspector=], GET /api/inspections/{code}[?version=N],
//     POST /api/inspections/{code}/versions (a correction), and the server copy of drafts:
//     PUT/GET/DELETE /api/inspection-drafts/{client_id}.
#pragma once

#include "http/router.h"
#include "service/inspections/inspection_service.h"
#include "service/inspections/round_service.h"

namespace civic::api {

void add_round_routes(http::Router& router, service::RoundService& rounds);
void add_inspection_routes(http::Router& router, service::InspectionService& inspections);

}  // namespace civic::api
