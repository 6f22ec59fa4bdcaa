#include "service/files/photo_service.h"

#include <soci/soci.h>

#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "domain/files/image_probe.h"
#include "store/files/file_repository.h"

namespace civic::service {

namespace {

std::optional<TimeMs> exif_time_ms(const std::optional<ExifDateTime>& t) {
  if (!t) return std::nullopt;
  auto date =
      parse_iso_date(std::to_string(t->year) + "-" + (t->month < 10 ? "0" : "") + std::to_string(t->month) +
                     "-" + (t->day < 10 ? "0" : "") + std::to_string(t->day));
  if (!date) return std::nullopt;
  // EXIF local times carry no offset: they are read in the business time zone.
  return start_of_day(*date) + ((t->hour * 60LL + t->minute) * 60 + t->second) * 1000;
}

StoredFile from_row(const store::FileRow& row) {
  StoredFile f;
  f.id = row.sha256;
  f.kind = row.kind;
  f.mime = row.mime;
  f.size = row.size;
  if (row.width) f.width = static_cast<int>(*row.width);
  if (row.height) f.height = static_cast<int>(*row.height);
  f.taken_at = row.taken_at;
  f.lat = row.lat;
  f.lon = row.lon;
  f.name = row.name;
  f.is_public = row.is_public;
  f.uploaded_by = row.uploaded_by;
  f.created_at = row.created_at;
  return f;
}

// A file name is shown to others: one line of at most 255 characters, no control
// characters, no bidirectional overrides (U+202E can make "gpj.exe" read as "exe.jpg"), no slashes.
void check_file_name(const std::string& name) {
  constexpr TextLimit kFileName{255, false};
  if (auto problem = text_problem(name, kFileName)) {
    if (*problem == "too_long") {
      throw InvalidInput("name", "a file name has at most 255 characters",
                         message_key("file.name.too_long", {{"max", std::to_string(kFileName.max_chars)}}));
    }
    if (*problem == "bidi_control") {
      throw InvalidInput("name", "a file name must not contain bidirectional control characters",
                         message_key("file.name.bidi_control"));
    }
    if (*problem == "invalid_utf8") {
      throw InvalidInput("name", "a file name must be valid UTF-8", message_key("file.name.invalid_utf8"));
    }
    throw InvalidInput("name", "a file name must not contain control characters",
                       message_key("file.name.control_character"));
  }
  if (name.find_first_of("/\\") != std::string::npos) {
    throw InvalidInput("name", "a file name has no slashes", message_key("file.name.slash"));
  }
}

NotFound no_such_file() {
  return NotFound("no such photo or file", message_key("file.not_found"));
}

std::string file_after_json(const StoredFile& f) {
  return std::string("{\"id\":\"") + f.id + "\",\"kind\":\"" + f.kind + "\",\"mime\":\"" + f.mime +
         "\",\"size\":" + std::to_string(f.size) + "}";
}

}  // namespace

StoredFile PhotoService::add_photo(const Principal& who, std::string_view bytes) {
  audit_.require(who, Permission::upload_photos);
  return store(bytes, "photo", "", who.username, who.ip, &who);
}

StoredFile PhotoService::add_public_photo(std::string_view ip, std::string_view bytes) {
  return store(bytes, "photo", "", "", std::string(ip), nullptr);
}

StoredFile PhotoService::add_file(const Principal& who, std::string_view bytes, const std::string& name) {
  audit_.require(who, Permission::upload_photos);
  check_file_name(name);
  return store(bytes, "file", name, who.username, who.ip, &who);
}

StoredFile PhotoService::store(std::string_view bytes, std::string_view kind, const std::string& name,
                               const std::string& uploaded_by, const std::string& ip, const Principal* who) {
  bool photo = kind == "photo";
  size_t limit = photo ? kMaxPhotoBytes : kMaxFileBytes;
  if (bytes.size() > limit) {
    throw TooLarge(photo ? "a photo is at most 8 MiB" : "a file is at most 20 MiB",
                   photo ? message_key("file.photo.too_large", {{"max", "8 MiB"}})
                         : message_key("file.too_large", {{"max", "20 MiB"}}));
  }
  if (bytes.empty()) throw InvalidInput("file", "the upload is empty", message_key("file.empty"));
  ContentKind content = sniff_content(bytes);
  store::FileRow row;
  row.kind = std::string(kind);
  row.mime = content_mime(content);
  row.size = static_cast<long long>(bytes.size());
  row.name = name;
  row.uploaded_by = uploaded_by;
  row.uploader_ip = ip;
  row.created_at = audit_.clock().now_ms();
  bool image = content == ContentKind::jpeg || content == ContentKind::png;
  bool document = content == ContentKind::pdf || content == ContentKind::docx || content == ContentKind::xlsx;
  if (photo ? !image : !(image || document)) {
    throw InvalidInput("file",
                       photo ? "a photo must be a JPEG or PNG image"
                             : "a file must be a PDF, DOCX, XLSX, JPEG or PNG document",
                       photo ? message_key("file.photo.type") : message_key("file.type"));
  }
  if (image) {
    auto facts = probe_image(bytes);
    if (!facts) {
      throw InvalidInput("file", "the image is damaged (its size cannot be read)",
                         message_key("file.image.damaged"));
    }
    if (photo) {  // files keep no image facts (contract: width/height null)
      row.width = facts->width;
      row.height = facts->height;
      row.taken_at = exif_time_ms(facts->taken_at);
      row.lat = facts->lat;
      row.lon = facts->lon;
    }
  }

  // Bytes first (durable), then the row: a row never names a missing blob. A blob without a row (a crash in
  // between) is harmless and is reused by the next upload of the same bytes.
  row.sha256 = files_.put(bytes);
  bool created = false;
  store::FileRow stored = row;
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      db_.transact([&](soci::session& sql) {
        store::FileRepository repo(sql);
        created = repo.insert(row);
        if (created) {
          AuditEvent event{photo ? "photo.upload" : "file.upload", std::string(kind), row.sha256, "",
                           file_after_json(from_row(row))};
          if (who) {
            audit_.record(sql, *who, event);
          }
        }
        stored = *repo.find(row.sha256);
      });
      break;
    } catch (const soci::soci_error&) {
      if (attempt == 1) throw;  // a concurrent upload of the same bytes won the unique key: read theirs
    }
  }
  if (created && !who) {
    audit_.record_anonymous("public", ip,
                            {"photo.upload_public", "photo", row.sha256, "", file_after_json(from_row(row))});
  }
  StoredFile out = from_row(stored);
  out.created = created;
  return out;
}

StoredFile PhotoService::get(const Principal& who, const std::string& id) {
  audit_.require(who, Permission::read_photos);
  if (!platform::FileStore::well_formed(id)) throw no_such_file();
  auto lease = db_.lease();
  auto row = store::FileRepository(*lease).find(id);
  if (!row) throw no_such_file();
  return from_row(*row);
}

std::pair<StoredFile, std::string> PhotoService::content(const Principal& who, const std::string& id,
                                                         std::string_view kind) {
  StoredFile f = get(who, id);
  // Photos are images; any stored photo or file may be fetched as a file.
  if (kind == "photo" && f.mime.rfind("image/", 0) != 0) throw no_such_file();
  return {f, files_.read(id)};
}

std::pair<StoredFile, std::string> PhotoService::public_content(const std::string& id) {
  if (!platform::FileStore::well_formed(id)) throw no_such_file();
  std::optional<store::FileRow> row;
  {
    auto lease = db_.lease();
    row = store::FileRepository(*lease).find(id);
  }
  if (!row || !row->is_public || row->mime.rfind("image/", 0) != 0) throw no_such_file();
  return {from_row(*row), files_.read(id)};
}

void PhotoService::require_existing(soci::session& sql, const std::vector<std::string>& ids,
                                    const std::string& field) {
  store::FileRepository repo(sql);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!platform::FileStore::well_formed(ids[i]) || !repo.find(ids[i])) {
      throw InvalidInput(field + "[" + std::to_string(i) + "]", "no uploaded photo or file has this id",
                         message_key("file.unknown_id"));
    }
  }
}

void PhotoService::require_existing(const std::vector<std::string>& ids, const std::string& field) {
  auto lease = db_.lease();
  require_existing(*lease, ids, field);
}

void PhotoService::mark_public(soci::session& sql, const std::vector<std::string>& ids,
                               const std::string& field) {
  require_existing(sql, ids, field);
  store::FileRepository repo(sql);
  for (const std::string& id : ids) repo.set_public(id);
}

}  // namespace civic::service
