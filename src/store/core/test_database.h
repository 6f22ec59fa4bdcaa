// TestDatabase: a throw-away, migrated database for tests, on either backend.
//   sqlite:     a fresh file in a new temporary directory, removed afterwards.
//   postgresql: a fresh schema in the database named by env CIVIC_TEST_PG_URL (every pooled connection's
//               search_path points at it), dropped afterwards, so tests running at once never collide.
// `available(postgresql)` is false when CIVIC_TEST_PG_URL is unset; tests then skip that backend.
#pragma once

#include <memory>
#include <string>

#include "store/core/database.h"

namespace civic::store {

class TestDatabase {
 public:
  // Opens (and, with `migrated`, migrates) a fresh database; throws when the backend is unavailable.
  explicit TestDatabase(Dialect dialect, bool migrated = true, DatabaseOptions options = {});
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  static bool available(Dialect dialect);
  Database& db() { return *db_; }
  // The URL the database was opened with (to open a second Database on the same data).
  const std::string& url() const { return url_; }
  // The SQLite temporary directory ("" for PostgreSQL).
  const std::string& directory() const { return dir_; }

 private:
  Dialect dialect_;
  std::string url_;
  std::string dir_;
  std::string schema_;
  std::unique_ptr<Database> db_;
};

}  // namespace civic::store
