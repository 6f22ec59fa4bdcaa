// Sites (点位) within the caller's scope: GET /api/sites[?under=UNIT&type=TYPE&q=TEXT&page&page_size],
// GET/PUT/DELETE /api/sites/{code}, POST /api/sites, POST /api/sites/import (text/csv, ≤ 5 MiB, all or
// nothing; a table error answers 400 with `errors:[{row, column, message}]`, a table past the bounds of
// domain/core/table_limits.h a 400 whose key names the bound), GET /api/sites/export[?under&type&header=zh]
// (text/csv with a BOM, formula-like text neutralised), GET /api/site-types[?period=].
#pragma once

#include "http/router.h"
#include "service/sites/site_service.h"

namespace civic::api {

void add_site_routes(http::Router& router, service::SiteService& sites);

}  // namespace civic::api
