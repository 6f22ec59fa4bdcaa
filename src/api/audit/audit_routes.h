// The audit log, for the audit admin only: GET
// /api/audit?actor&action&object_type&object_id&from&to&page&page_size (newest first; from inclusive, to
// exclusive, RFC 3339 UTC or YYYY-MM-DD). `audit` must outlive the router.
#pragma once

#include "http/router.h"
#include "service/audit/audit_service.h"

namespace civic::api {

void add_audit_routes(http::Router& router, service::AuditService& audit);

}  // namespace civic::api
