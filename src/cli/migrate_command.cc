// `civic migrate`: brings the database schema up to this binary's version (idempotent).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/storage_options.h"
#include "service/core/services.h"
#include "store/core/migrations.h"

namespace civic::cli {

std::vector<int> migrate_with_audit(store::Database& db, const StorageOptions& storage, int up_to) {
  int before = store::schema_version(db);
  auto applied = store::migrate(db, up_to);
  if (applied.empty()) return applied;
  SystemClock clock;
  service::Services services(db, clock);
  services.audit.set_anchor(storage.audit_anchor());
  std::string versions;
  for (int v : applied) versions += (versions.empty() ? "" : ",") + std::to_string(v);
  services.audit.record(
      service::Principal::cli(),
      {"schema.migrate", "schema", std::to_string(applied.back()), std::to_string(before), versions});
  return applied;
}

void add_migrate_command(CLI::App& app) {
  auto storage = std::make_shared<StorageOptions>();
  auto* cmd = app.add_subcommand("migrate", "Apply missing database migrations (safe to run again)");
  add_storage_options(*cmd, *storage);
  auto up_to = std::make_shared<int>(0);
  cmd->add_option("--to", *up_to, "Stop at this schema version (a staged upgrade); default: the latest")
      ->check(CLI::Range(1, store::latest_schema_version()));
  cmd->callback([storage, up_to] {
    auto db = store::Database::open(storage->database_url());
    int before = store::schema_version(*db);
    auto applied = migrate_with_audit(*db, *storage, *up_to);
    if (applied.empty()) {
      std::cout << "schema is up to date (version " << before << ") in " << db->display_url() << "\n";
      return;
    }
    std::string versions;
    for (int v : applied) versions += (versions.empty() ? "" : ",") + std::to_string(v);
    std::cout << "applied migrations " << versions << "; schema is now version " << applied.back() << " in "
              << db->display_url() << "\n";
  });
}

}  // namespace civic::cli
