// /api/reports (reports.md): work summaries — list (?period, unit, state) and its export, create, read with
// figures and fingerprint, edit the prose, the state actions, the document in each format, the versions.
#pragma once

#include "http/router.h"
#include "service/reports/report_service.h"

namespace civic::api {

void add_report_routes(http::Router& router, service::ReportService& reports);

}  // namespace civic::api
