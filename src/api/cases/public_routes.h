// Public reports (随手拍) without signing in (contract.md "Cases", public):
//   POST /api/public/reports {category, description, lat, lon, address?, photos:[ids]?, contact?}
//        → 201 {code, state, possible_duplicate}; photos come from POST /api/public/photos and become public.
//   GET  /api/public/reports/{code} → {code, category, state, status, reported_at, updated_at, status_notes,
//        events:[{action, at, to_state}]} — never a user's name nor the reporter's contact.
// Anonymous, so no CSRF token; each client IP has a token bucket (http/rate_limiter.h; 429 rate_limited),
// bodies are small (16 KiB) and texts bounded (domain/cases/case_text_limits.h, kPublic*).
#pragma once

#include "http/router.h"
#include "service/cases/case_service.h"

namespace civic::api {

void add_public_routes(http::Router& router, service::CaseService& cases);

}  // namespace civic::api
