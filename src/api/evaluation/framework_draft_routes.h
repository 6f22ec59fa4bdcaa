// The framework editor (evidence.md "Framework drafts"): POST /api/frameworks/{code}/drafts {from_version},
// GET /api/framework-drafts, GET|PUT /api/framework-drafts/{id} (PUT {document, version}: stored even when
// invalid, answered with its `problems` [{path, message, key}]), GET /api/framework-drafts/{id}/diff →
// {added, removed, changed: [{code, kind, fields: {name: [old, new]}}]}, POST
// /api/framework-drafts/{id}/actions/publish → {code, version}, POST /api/frameworks/import?code= (an XLSX
// framework sheet as a new draft; cell problems answered as {errors: [{row, column, message}]}).
#pragma once

#include "http/router.h"
#include "service/evaluation/framework_draft_service.h"

namespace civic::api {

void add_framework_draft_routes(http::Router& router, service::FrameworkDraftService& drafts);

}  // namespace civic::api
