// FileRepository: one row per stored photo or file (migration 5, table stored_files), keyed by the SHA-256
// of its bytes; the bytes live in the platform::FileStore. Over one session, the caller's transaction. No
// rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "domain/core/clock.h"

namespace civic::store {

struct FileRow {
  std::string sha256;
  std::string kind;  // "photo" or "file"
  std::string mime;
  long long size = 0;
  std::optional<long long> width, height;
  std::optional<TimeMs> taken_at;
  std::optional<double> lat, lon;
  std::string name;
  bool is_public = false;
  std::string uploaded_by;
  std::string uploader_ip;
  TimeMs created_at = 0;
};

class FileRepository {
 public:
  explicit FileRepository(soci::session& sql) : sql_(sql) {}

  std::optional<FileRow> find(const std::string& sha256);
  // Inserts `row`; false (nothing written) when a row with its sha256 exists already.
  bool insert(const FileRow& row);
  void set_public(const std::string& sha256);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
