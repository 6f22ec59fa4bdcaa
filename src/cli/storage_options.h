// `--data DIR` and `--db URL`, which every subcommand takes the same way (design.md §3), and what else lives
// in the data directory: the audit log's anchor (audit.key, audit.head; docs/security.md).
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "service/audit/audit_service.h"
#include "store/core/database.h"

namespace civic::cli {

struct StorageOptions {
  std::string data_dir = "./data";
  std::string db_url;  // empty: sqlite://<data_dir>/civic.db

  // The database URL to open: `db_url`, or the SQLite file in the data directory.
  std::string database_url() const;

  // <data dir>/audit.key: the audit log's MAC key, never stored in the database.
  std::filesystem::path audit_key_file() const;
  // <data dir>/audit.head: the audit log's head after every transaction that appended records.
  std::filesystem::path audit_head_file() const;
  // The anchor every command that appends audit records sets on its AuditService: the key (the key file is
  // created, 0600, on first use when `create_key`; otherwise a missing file leaves the key empty) and the
  // head file.
  service::AuditAnchor audit_anchor(bool create_key = true) const;
};

// Applies the missing migrations to `db` (store/core/migrations.h) and records them in the audit log with
// the anchor of `storage`; the versions applied, none when the schema was up to date
// (cli/migrate_command.cc).
std::vector<int> migrate_with_audit(store::Database& db, const StorageOptions& storage, int up_to = 0);

// Adds --data and --db to `command`, writing into `options`.
void add_storage_options(CLI::App& command, StorageOptions& options);

}  // namespace civic::cli
