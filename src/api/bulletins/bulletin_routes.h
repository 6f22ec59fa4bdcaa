// Bulletins (通报, docs/bulletins.md): GET|POST /api/bulletins, GET|PUT /api/bulletins/{id},
// POST /api/bulletins/{id}/actions/{approve|publish|withdraw}, GET /api/bulletins/{id}/document?format=
// html|pdf|docx (PDF and DOCX by the report renderers, as attachments bulletin-{id}.pdf|docx), and
// GET|PUT /api/bulletin-schedules/{unit} (every_days). `bulletins` must outlive the router.
#pragma once

#include "http/router.h"
#include "service/bulletins/bulletin_service.h"

namespace civic::api {

void add_bulletin_routes(http::Router& router, service::BulletinService& bulletins);

}  // namespace civic::api
