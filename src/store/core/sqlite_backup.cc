#include "store/core/sqlite_backup.h"

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

namespace civic::store {

namespace {
struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close(db); }
};
}  // namespace

long long backup_sqlite(const std::string& source_path, const std::string& dest_path) {
  if (!std::filesystem::exists(source_path)) throw std::runtime_error("no database at " + source_path);
  if (std::filesystem::exists(dest_path))
    throw std::runtime_error(dest_path + " already exists; choose a new file");
  long long pages = 0;
  {
    Handle src, dst;
    if (sqlite3_open_v2(source_path.c_str(), &src.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + source_path + ": " + sqlite3_errmsg(src.db));
    }
    sqlite3_busy_timeout(src.db, 10000);
    if (sqlite3_open_v2(dest_path.c_str(), &dst.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      throw std::runtime_error("cannot create " + dest_path + ": " + sqlite3_errmsg(dst.db));
    }
    sqlite3_backup* backup = sqlite3_backup_init(dst.db, "main", src.db, "main");
    if (!backup) throw std::runtime_error(std::string("cannot start the backup: ") + sqlite3_errmsg(dst.db));
    // One step copies every page under one read transaction, so the copy is a single consistent snapshot
    // even while another process writes (WAL readers do not block writers).
    int rc;
    do {
      rc = sqlite3_backup_step(backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    pages = sqlite3_backup_pagecount(backup);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      std::string message = sqlite3_errstr(rc);
      sqlite3_close(dst.db);
      dst.db = nullptr;
      std::filesystem::remove(dest_path);
      throw std::runtime_error("backup to " + dest_path + " failed: " + message);
    }
    if (sqlite3_exec(dst.db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error("backup written but cannot set WAL mode on " + dest_path);
    }
  }
  return pages;
}

}  // namespace civic::store
