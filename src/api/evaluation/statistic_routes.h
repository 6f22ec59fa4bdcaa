// Statistic values (数据指标填报, evidence.md "Statistic values").
// GET /api/statistics?period=&unit=&metric=&state=missing|draft|submitted|approved|returned&department=&page
// (each expected value of the period: metric × unit, with its item, unit of measure, reporting department,
// last period's approved value and what was reported), GET /api/statistics/export?format=xlsx|csv (same
// filters), GET /api/statistics/completeness?period= (per department), PUT /api/statistics/deadlines/{period}
// {"due"}, POST /api/statistics/actions/remind {"period","department"?} → {"notified"},
// GET|PUT /api/statistics/{period}/{unit}/{metric} ({"value","note","source_file","explanation","version"}:
// saves a draft), POST /api/statistics/{period}/{unit}/{metric}/actions/{submit|approve|return}
// ({"version"}, return also {"reason"}). Batch entry: GET /api/statistics/template?period=&format=xlsx (the
// values the caller reports, service/evaluation/statistic_table.h), POST /api/statistics/import?period= (that
// workbook filled in, ≤ 10 MiB) → {"submitted"}, or 400 with {"errors": [{"row","column","message","key",
// "args"}]} and nothing saved.
#pragma once

#include "http/router.h"
#include "service/evaluation/statistic_service.h"

namespace civic::api {

void add_statistic_routes(http::Router& router, service::StatisticService& statistics);

}  // namespace civic::api
