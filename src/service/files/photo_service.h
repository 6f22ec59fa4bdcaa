// PhotoService: photos (inspection and case evidence, 随手拍) and evidence documents, checked by content and
// stored once by SHA-256 (platform::FileStore) with one database row each (migration 5). The kind of a file
// is decided by its magic bytes, never by a Content-Type or a name: photos are JPEG or PNG (≤ 8 MiB), files
// are PDF, DOCX/XLSX (zip), JPEG or PNG (≤ 20 MiB); anything else (e.g. a renamed executable) is
// InvalidInput("file"). EXIF DateTimeOriginal and GPS of JPEG photos are kept. Same bytes again: the same id,
// `created` false. Ids are SHA-256 hashes: unguessable, so any signed-in user with read permission may fetch
// a photo by id (photos are evidence shared across units); the anonymous public path serves only photos
// marked public (attached to a public report, see mark_public).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/clock.h"
#include "platform/file_store.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"
#include "store/core/session.h"

namespace civic::service {

inline constexpr size_t kMaxPhotoBytes = 8u << 20;  // 8 MiB
inline constexpr size_t kMaxFileBytes = 20u << 20;  // 20 MiB

struct StoredFile {
  std::string id;    // SHA-256 hex of the bytes
  std::string kind;  // "photo" or "file"
  std::string mime;  // image/jpeg, image/png, application/pdf, application/zip, …
  long long size = 0;
  std::optional<int> width, height;  // photos only
  std::optional<TimeMs> taken_at;    // EXIF DateTimeOriginal (local time in the business time zone)
  std::optional<double> lat, lon;    // EXIF GPS
  std::string name;                  // files: the name given on upload ("" for photos)
  bool is_public = false;            // may be served anonymously
  std::string uploaded_by;           // username, "" when anonymous
  TimeMs created_at = 0;
  bool created = false;  // this call stored it (false: the same bytes were there already)
};

class PhotoService {
 public:
  PhotoService(store::Database& db, AuditService& audit, platform::FileStore& files)
      : db_(db), audit_(audit), files_(files) {}

  // Signed-in upload (Permission::upload_photos). Throws TooLarge over kMaxPhotoBytes, InvalidInput("file")
  // unless JPEG or PNG.
  StoredFile add_photo(const Principal& who, std::string_view bytes);
  // Anonymous upload (随手拍): the same checks; the photo is not public until a report marks it. `ip` is
  // recorded as the uploader. Rate limiting is the HTTP layer's (http/rate_limiter.h).
  StoredFile add_public_photo(std::string_view ip, std::string_view bytes);
  // Evidence document (Permission::upload_photos); `name` is kept for display: one line of at most 600 bytes
  // without control characters, bidirectional overrides (U+202E …) or slashes, else InvalidInput("name")
  // with a file.name.* key.
  StoredFile add_file(const Principal& who, std::string_view bytes, const std::string& name);

  // Metadata of a photo or file (Permission::read_photos); NotFound when unknown.
  StoredFile get(const Principal& who, const std::string& id);
  // The bytes and metadata for GET /api/photos/{id} (kind "photo") or /api/files/{id} (kind "file").
  std::pair<StoredFile, std::string> content(const Principal& who, const std::string& id,
                                             std::string_view kind);
  // Anonymous: a photo marked public, else NotFound.
  std::pair<StoredFile, std::string> public_content(const std::string& id);

  // For other services, inside their transaction: throws InvalidInput naming `field` + "[i]" (e.g.
  // "results[2].photos[0]") for the first id that is malformed or not a stored photo or file.
  void require_existing(store::Session& sql, const std::vector<std::string>& ids, const std::string& field);
  void require_existing(const std::vector<std::string>& ids, const std::string& field);
  // Marks photos public (attached to a public report), inside the caller's transaction. Unknown ids throw
  // InvalidInput as require_existing.
  void mark_public(store::Session& sql, const std::vector<std::string>& ids, const std::string& field);

 private:
  StoredFile store(std::string_view bytes, std::string_view kind, const std::string& name,
                   const std::string& uploaded_by, const std::string& ip, const Principal* who);

  store::Database& db_;
  AuditService& audit_;
  platform::FileStore& files_;
};

}  // namespace civic::service
