// The audit log, for the audit admin only: GET
// /api/audit?actor&action&object_type&object_id&from&to&page&page_size (newest first; from inclusive, to
// exclusive, RFC 3339 UTC or YYYY-MM-DD).
#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/resource_routes.h"
#include "domain/core/error.h"

namespace civic::api {

void add_audit_routes(http::Router& router, service::Services& services) {
  router.get("/api/audit", [&services](http::Request& request) {
    service::AuditFilter filter;
    filter.actor = request.query_param("actor").value_or("");
    filter.action = request.query_param("action").value_or("");
    filter.object_type = request.query_param("object_type").value_or("");
    filter.object_id = request.query_param("object_id").value_or("");
    filter.from = time_param(request, "from").value_or(0);
    filter.to = time_param(request, "to").value_or(0);
    if (filter.from && filter.to && filter.to <= filter.from)
      throw InvalidInput("to", "to must be after from");
    auto page = services.audit.list(principal_of(request), filter, page_request(request));
    return http::Response::json(200, page_json(page, audit_json));
  });
}

}  // namespace civic::api
