// Bulletins (通报, docs/bulletins.md): GET|POST /api/bulletins, GET|PUT /api/bulletins/{id},
// POST /api/bulletins/{id}/actions/{approve|publish|withdraw}, GET /api/bulletins/{id}/document?format=html
// (pdf and docx once the document renderers exist: 400 bulletin.format.unavailable until then), and
// GET|PUT /api/bulletin-schedules/{unit} (every_days). `bulletins` must outlive the router.
#pragma once

#include "http/router.h"
#include "service/bulletins/bulletin_service.h"

namespace civic::api {

void add_bulletin_routes(http::Router& router, service::BulletinService& bulletins);

}  // namespace civic::api
