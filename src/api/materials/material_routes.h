// Material submissions (材料审核 / 网上申报, evidence.md "Material submissions").
// GET /api/materials?period=&item=&unit=&state=&page=&page_size= (review-queue order: submitted first, then
// by item, unit), GET /api/materials/export?format=xlsx|csv (same filters), GET /api/materials/{id} (with
// files, grade history, events), POST /api/materials {"period","item","unit","description","files"} (a
// draft; 409 naming the existing id for a second one), PUT /api/materials/{id} {"description","files",
// "version"} while draft or returned, POST /api/materials/{id}/actions/submit|grade|return (grade:
// {"grade","comment"}; return: {"reason"}).
// add_material_status_routes: GET /api/materials/status?period= (service/materials/material_status.h).
#pragma once

#include "http/router.h"
#include "service/materials/material_service.h"
#include "service/materials/material_status.h"

namespace civic::api {

void add_material_routes(http::Router& router, service::MaterialService& materials);
// Register before add_material_routes (its /api/materials/{id} would take "status" for an id).
void add_material_status_routes(http::Router& router, service::MaterialService& materials);

}  // namespace civic::api
