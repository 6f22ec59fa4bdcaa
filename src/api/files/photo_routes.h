// Photos and evidence files stored by content hash (service/files/photo_service.h):
//   POST /api/photos (raw JPEG/PNG body, ≤ 8 MiB), POST /api/files[?name=] (PDF/DOCX/XLSX/JPEG/PNG, ≤ 20 MiB)
//   → 201 (new) or 200 (same bytes again) with the metadata; GET /api/photos/{id}, GET /api/files/{id} →
//   bytes; GET /api/files/{id}/meta → the metadata alone (name, mime, size …); POST /api/public/photos
//   (anonymous, rate-limited per IP), GET /api/public/photos/{id} (public photos only).
// The type is decided by the bytes; Content-Type is ignored and the name is only kept for display (one line,
// no control characters, no bidirectional overrides). Ids are SHA-256 hashes of the content, unguessable
// without the bytes, so any signed-in user with read permission may fetch any photo by id.
#pragma once

#include "http/router.h"
#include "service/files/photo_service.h"

namespace civic::api {

void add_photo_routes(http::Router& router, service::PhotoService& photos);

}  // namespace civic::api
