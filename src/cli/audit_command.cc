// `civic audit verify`: walks the audit log's hash chain; prints "ok" and the count, or the first broken
// record and exits 1.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/storage_options.h"
#include "service/core/services.h"
#include "store/core/migrations.h"

namespace civic::cli {

void add_audit_command(CLI::App& app) {
  auto storage = std::make_shared<StorageOptions>();
  auto* audit = app.add_subcommand("audit", "Check the audit log");
  audit->require_subcommand(1);
  auto* verify =
      audit->add_subcommand("verify", "Verify the audit log's hash chain; exit 1 at the first broken record");
  add_storage_options(*verify, *storage);
  verify->callback([storage] {
    auto db = store::open_current(storage->database_url());
    SystemClock clock;
    service::Services s(*db, clock);
    auto result = s.audit.verify(service::Principal::cli());
    if (result.ok) {
      std::cout << "ok: " << result.count << " audit records, chain intact\n";
      return;
    }
    throw std::runtime_error("audit chain broken at seq " +
                             std::to_string(result.first_broken_seq.value_or(0)) + ": " + result.reason +
                             " (" + std::to_string(result.count) + " records before it are intact)");
  });
}

}  // namespace civic::cli
