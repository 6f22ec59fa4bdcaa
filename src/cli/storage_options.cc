#include "cli/storage_options.h"

namespace civic::cli {

std::string StorageOptions::database_url() const {
  if (!db_url.empty()) return db_url;
  return "sqlite://" + data_dir + "/civic.db";
}

void add_storage_options(CLI::App& command, StorageOptions& options) {
  command.add_option("--data", options.data_dir, "Data directory (database, photos, attachments)")
      ->capture_default_str();
  command.add_option("--db", options.db_url,
                     "Database URL: sqlite:///path/civic.db or postgresql://user@host[:port]/db "
                     "(default: the SQLite file in --data)");
}

}  // namespace civic::cli
