// `--data DIR` and `--db URL`, which every subcommand takes the same way (design.md §3).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace civic::cli {

struct StorageOptions {
  std::string data_dir = "./data";
  std::string db_url;  // empty: sqlite://<data_dir>/civic.db

  // The database URL to open: `db_url`, or the SQLite file in the data directory.
  std::string database_url() const;
};

// Adds --data and --db to `command`, writing into `options`.
void add_storage_options(CLI::App& command, StorageOptions& options);

}  // namespace civic::cli
