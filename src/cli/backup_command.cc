// `civic backup OUT.db`: an online, consistent copy of the SQLite database (SQLite backup API), safe while
// `civic serve` writes. For PostgreSQL use pg_dump.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/storage_options.h"
#include "service/core/services.h"
#include "store/core/migrations.h"
#include "store/core/sqlite_backup.h"

namespace civic::cli {

void add_backup_command(CLI::App& app) {
  struct BackupOptions {
    StorageOptions storage;
    std::string out;
  };
  auto o = std::make_shared<BackupOptions>();
  auto* cmd = app.add_subcommand("backup", "Write a consistent copy of the SQLite database to OUT (online)");
  add_storage_options(*cmd, o->storage);
  cmd->add_option("out", o->out, "The new backup file (must not exist)")->required();
  cmd->callback([o] {
    auto db = store::open_current(o->storage.database_url());
    if (db->dialect() != store::Dialect::sqlite) {
      throw std::runtime_error(
          "civic backup copies SQLite databases; for PostgreSQL use pg_dump, e.g. "
          "pg_dump -Fc -f civic.dump DBNAME");
    }
    SystemClock clock;
    service::Services s(*db, clock);
    s.audit.set_anchor(o->storage.audit_anchor());
    s.audit.record(service::Principal::cli(), {"database.backup", "database", o->out, "", ""});
    long long pages = store::backup_sqlite(db->sqlite_path(), o->out);
    std::cout << "backed up " << db->display_url() << " to " << o->out << " (" << pages << " pages)\n";
  });
}

}  // namespace civic::cli
