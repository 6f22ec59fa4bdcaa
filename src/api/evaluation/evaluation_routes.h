// Frameworks, periods, scores and bundle import (api.md, bundle.md):
// GET /api/frameworks, GET /api/frameworks/{code}[?version=N], GET /api/frameworks/{code}/export
// [?version=N&format=xlsx|csv] (one row per check, Chinese headers: framework_table.h), GET /api/periods,
// GET /api/periods/export?format=xlsx|csv,
// GET /api/scores?unit=&period=[&weak_threshold=], GET /api/scores/items/{code}?unit=&period=,
// POST /api/bundles (a civic-bundle/1 document; all or nothing).
#pragma once

#include "http/router.h"
#include "service/evaluation/evaluation_service.h"

namespace civic::api {

void add_evaluation_routes(http::Router& router, service::EvaluationService& evaluation);

}  // namespace civic::api
