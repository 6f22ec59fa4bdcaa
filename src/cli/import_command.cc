// `civic import FILE`: validates a civic-bundle/1 document whole, then imports it all or nothing.
#include <iostream>
#include <memory>

#include "bundle/bundle_reader.h"
#include "cli/commands.h"
#include "cli/storage_options.h"
#include "service/core/services.h"
#include "store/core/migrations.h"

namespace civic::cli {

void add_import_command(CLI::App& app) {
  auto storage = std::make_shared<StorageOptions>();
  auto file = std::make_shared<std::string>();
  auto* cmd =
      app.add_subcommand("import", "Import a civic-bundle/1 file (framework and evidence), all or nothing");
  add_storage_options(*cmd, *storage);
  cmd->add_option("FILE", *file, "The bundle (JSON)")->required();
  cmd->callback([storage, file] {
    bundle::Bundle b = bundle::read_bundle_file(*file);
    auto db = store::Database::open(storage->database_url());
    store::check_schema(*db);
    SystemClock clock;
    service::Services services(*db, clock);
    services.audit.set_anchor(storage->audit_anchor());
    auto s = services.evaluation.import_bundle(service::Principal::cli(), b);
    std::cout << "imported " << *file << ": framework " << s.framework_code << " version "
              << s.framework_version << (s.framework_created ? " (new)" : " (unchanged)") << ", "
              << s.periods.size() << " new periods, " << s.units_created << " new units, " << s.sites_created
              << " new sites, " << s.inspections << " inspections, " << s.responses << " responses, "
              << s.statistics << " statistics, " << s.grades << " grades, " << s.penalties
              << " penalty events\n";
  });
}

}  // namespace civic::cli
