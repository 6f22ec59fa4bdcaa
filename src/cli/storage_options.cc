#include "cli/storage_options.h"

#include "platform/key_file.h"

namespace civic::cli {

std::string StorageOptions::database_url() const {
  if (!db_url.empty()) return db_url;
  return "sqlite://" + data_dir + "/civic.db";
}

std::filesystem::path StorageOptions::audit_key_file() const {
  return std::filesystem::path(data_dir) / "audit.key";
}

std::filesystem::path StorageOptions::audit_head_file() const {
  return std::filesystem::path(data_dir) / "audit.head";
}

service::AuditAnchor StorageOptions::audit_anchor(bool create_key) const {
  service::AuditAnchor anchor;
  if (create_key) {
    anchor.key = platform::load_or_create_key_file(audit_key_file());
  } else {
    anchor.key = platform::load_key_file(audit_key_file()).value_or("");
  }
  anchor.head_file = audit_head_file().string();
  return anchor;
}

void add_storage_options(CLI::App& command, StorageOptions& options) {
  command.add_option("--data", options.data_dir, "Data directory (database, photos, attachments)")
      ->capture_default_str();
  command.add_option("--db", options.db_url,
                     "Database URL: sqlite:///path/civic.db or postgresql://user@host[:port]/db "
                     "(default: the SQLite file in --data)");
}

}  // namespace civic::cli
