// Self-inspections (自查, evidence.md "Self-inspection").
// GET /api/self-inspections?period=&unit=&state=&q=&page=&page_size= (within scope, by period then unit, each
// with items_filled / items_total, mean_gap, over_optimistic_count), GET /api/self-inspections/export
// ?format=xlsx|csv (same filters), GET /api/self-inspections/{id} (with every framework item and its
// self-assessment), GET /api/self-inspections/{id}/gaps (the gap table), POST /api/self-inspections
// {"period","unit"} (409 naming the existing id for a second one), PUT
// /api/self-inspections/{id}/items/{item}
// {"self_rate"} or {"expected"} (statistic value or material grade) with "note", "files",
// POST /api/self-inspections/{id}/actions/finish (read-only afterwards).
#pragma once

#include "http/router.h"
#include "service/self_inspections/self_inspection_service.h"

namespace civic::api {

void add_self_inspection_routes(http::Router& router, service::SelfInspectionService& self_inspections);

}  // namespace civic::api
