#include "api/audit/audit_routes.h"

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "domain/core/error.h"

namespace civic::api {

// No needs(read_audit) here: AuditService::list refuses in the handler so that the refusal is itself audited
// ("permission.denied"), which the authentication middleware does not do.
void add_audit_routes(http::Router& router, service::AuditService& audit) {
  router.get("/api/audit", [&audit](http::Request& request) {
    service::AuditFilter filter;
    filter.actor = request.query_param("actor").value_or("");
    filter.action = request.query_param("action").value_or("");
    filter.object_type = request.query_param("object_type").value_or("");
    filter.object_id = request.query_param("object_id").value_or("");
    filter.from = time_param(request, "from").value_or(0);
    filter.to = time_param(request, "to").value_or(0);
    if (filter.from && filter.to && filter.to <= filter.from)
      throw InvalidInput("to", "to must be after from");
    auto page = audit.list(principal_of(request), filter, page_request(request));
    return http::Response::json(200, page_json(page, audit_json));
  });
}

}  // namespace civic::api
