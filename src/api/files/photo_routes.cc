#include "api/files/photo_routes.h"

#include <boost/json.hpp>
#include <memory>

#include "api/core/authentication.h"
#include "api/core/route_permission.h"
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

void add_photo_routes(http::Router& router, service::PhotoService& photos) {
  using service::Permission;
  // 随手拍: a citizen attaches a few photos to a report; 10 a minute with bursts of 30 per address.
  auto public_limiter = std::make_shared<http::RateLimiter>(http::RateLimit{10, 30, 100000});

  router.post(
      "/api/photos",
      [&photos](http::Request& request) {
        return created(photos.add_photo(principal_of(request), request.body));
      },
      needs(Permission::upload_photos, {.body_limit = kPhotoBodyLimit}));

  router.post(
      "/api/files",
      [&photos](http::Request& request) {
        return created(
            photos.add_file(principal_of(request), request.body, request.query_param("name").value_or("")));
      },
      needs(Permission::upload_photos, {.body_limit = kFileBodyLimit}));

  router.get(
      "/api/photos/{id}",
      [&photos](http::Request& request) {
        auto [file, bytes] = photos.content(principal_of(request), request.param("id"), "photo");
        return bytes_response(file, std::move(bytes), "private, max-age=31536000, immutable");
      },
      needs(Permission::read_photos));

  router.get(
      "/api/files/{id}",
      [&photos](http::Request& request) {
        auto [file, bytes] = photos.content(principal_of(request), request.param("id"), "file");
        return bytes_response(file, std::move(bytes), "private, max-age=31536000, immutable");
      },
      needs(Permission::read_photos));

  // What the console shows of an attached file (its name, type and size) without fetching its bytes.
  router.get(
      "/api/files/{id}/meta",
      [&photos](http::Request& request) {
        return http::Response::json(200, file_json(photos.get(principal_of(request), request.param("id"))));
      },
      needs(Permission::read_photos));

  router.post("/api/public/photos",
              [&photos, public_limiter](http::Request& request) {
                public_limiter->require(request.client_ip);
                return created(photos.add_public_photo(request.client_ip, request.body));
              },
              {.body_limit = kPhotoBodyLimit, .is_public = true});

  router.get("/api/public/photos/{id}",
             [&photos](http::Request& request) {
               auto [file, bytes] = photos.public_content(request.param("id"));
               return bytes_response(file, std::move(bytes), "public, max-age=31536000, immutable");
             },
             {.is_public = true});
}

}  // namespace civic::api
