// Online backup of a SQLite database with SQLite's backup API: a consistent copy (one read snapshot) taken
// while a server keeps writing. PostgreSQL databases are backed up with pg_dump instead.
#pragma once

#include <string>

namespace civic::store {

// Copies the database at `source_path` to a new file `dest_path` (which must not exist). Returns the number
// of pages copied. Throws std::runtime_error naming the file on failure; a partial destination is removed.
long long backup_sqlite(const std::string& source_path, const std::string& dest_path);

}  // namespace civic::store
