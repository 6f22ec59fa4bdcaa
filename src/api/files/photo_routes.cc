// Photos and evidence files stored by content hash (service/photo_service.h):
//   POST /api/photos (raw JPEG/PNG body, ≤ 8 MiB), POST /api/files[?name=] (PDF/DOCX/XLSX/JPEG/PNG, ≤ 20 MiB)
//   → 201 (new) or 200 (same bytes again) with the metadata; GET /api/photos/{id}, GET /api/files/{id} →
//   bytes; POST /api/public/photos (anonymous, rate-limited per IP), GET /api/public/photos/{id} (public
//   photos only).
// The type is decided by the bytes; Content-Type and names are ignored. Ids are SHA-256 hashes of the
// content, unguessable without the bytes, so any signed-in user with read permission may fetch any photo by
// id.
#include <boost/json.hpp>
#include <memory>

#include "api/core/authentication.h"
#include "api/core/resource_routes.h"
#include "domain/core/error.h"
#include "http/rate_limiter.h"

namespace civic::api {

namespace json = boost::json;

namespace {

// The HTTP layer refuses a larger body with 413 before reading it; the service checks the exact limits.
constexpr size_t kPhotoBodyLimit = service::kMaxPhotoBytes;
constexpr size_t kFileBodyLimit = service::kMaxFileBytes;

json::value optional_value(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value optional_value(const std::optional<int>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object file_json(const service::StoredFile& f) {
  json::object o{{"id", f.id},
                 {"mime", f.mime},
                 {"size", f.size},
                 {"width", optional_value(f.width)},
                 {"height", optional_value(f.height)},
                 {"taken_at", f.taken_at ? json::value(format_rfc3339(*f.taken_at)) : json::value(nullptr)},
                 {"lat", optional_value(f.lat)},
                 {"lon", optional_value(f.lon)}};
  if (f.kind == "file") o["name"] = f.name;
  return o;
}

http::Response created(const service::StoredFile& f) {
  return http::Response::json(f.created ? 201 : 200, file_json(f));
}

http::Response bytes_response(const service::StoredFile& f, std::string bytes, const char* cache_control) {
  http::Response response;
  response.status = 200;
  response.body = std::move(bytes);
  response.set_header("Content-Type", f.mime);
  response.set_header("Cache-Control", cache_control);
  response.set_header("X-Content-Type-Options", "nosniff");
  if (f.mime.rfind("image/", 0) != 0) {
    // Documents are downloaded, never rendered in the app's origin.
    response.set_header("Content-Disposition", "attachment");
  }
  return response;
}

}  // namespace

void add_photo_routes(http::Router& router, service::Services& services) {
  // 随手拍: a citizen attaches a few photos to a report; 10 a minute with bursts of 30 per address.
  auto public_limiter = std::make_shared<http::RateLimiter>(http::RateLimit{10, 30, 100000});

  router.post("/api/photos",
              [&services](http::Request& request) {
                return created(services.photos.add_photo(principal_of(request), request.body));
              },
              {.body_limit = kPhotoBodyLimit});

  router.post("/api/files",
              [&services](http::Request& request) {
                return created(services.photos.add_file(principal_of(request), request.body,
                                                        request.query_param("name").value_or("")));
              },
              {.body_limit = kFileBodyLimit});

  router.get("/api/photos/{id}", [&services](http::Request& request) {
    auto [file, bytes] = services.photos.content(principal_of(request), request.param("id"), "photo");
    return bytes_response(file, std::move(bytes), "private, max-age=31536000, immutable");
  });

  router.get("/api/files/{id}", [&services](http::Request& request) {
    auto [file, bytes] = services.photos.content(principal_of(request), request.param("id"), "file");
    return bytes_response(file, std::move(bytes), "private, max-age=31536000, immutable");
  });

  router.post("/api/public/photos",
              [&services, public_limiter](http::Request& request) {
                public_limiter->require(request.client_ip);
                return created(services.photos.add_public_photo(request.client_ip, request.body));
              },
              {.body_limit = kPhotoBodyLimit, .is_public = true});

  router.get("/api/public/photos/{id}",
             [&services](http::Request& request) {
               auto [file, bytes] = services.photos.public_content(request.param("id"));
               return bytes_response(file, std::move(bytes), "public, max-age=31536000, immutable");
             },
             {.is_public = true});
}

}  // namespace civic::api
