// Problem cases (contract.md "Cases", cases.md) within the caller's scope:
//   GET  /api/case-categories (public)
//   GET  /api/cases[?state&category&unit&source&period&overdue&q&page&page_size]   (q matches literally)
//   GET  /api/cases/{code}
//   POST /api/cases {title, category, description?, address?, lat?, lon?, site?, unit?, photos?, source?}
//   POST /api/cases/{code}/actions/{action} {version?, reason?, note?, photos?, category?, severity?, unit?,
//        requested_due_at?, new_due_at?, outcome?, duplicate_of?}
//   GET  /api/case-measures[?unit&period], GET /api/case-rankings[?period&level&under&list_size&min_cases]
// Each route names its permission (needs), so a role that may never call it gets 403 before its body is
// read. Texts are bounded by domain/cases/case_text_limits.h; a bad value is a 400 naming its JSON path.
#pragma once

#include "http/router.h"
#include "service/cases/case_service.h"

namespace civic::api {

void add_case_routes(http::Router& router, service::CaseService& cases);

}  // namespace civic::api
