// `civic export --period P [--out FILE]`: the period's framework, units, sites and evidence as a
// civic-bundle/1 document that re-imports to identical scores.
#include <fstream>
#include <iostream>
#include <memory>

#include "bundle/bundle_writer.h"
#include "cli/commands.h"
#include "cli/storage_options.h"
#include "service/core/services.h"
#include "store/core/migrations.h"

namespace civic::cli {

void add_export_command(CLI::App& app) {
  auto storage = std::make_shared<StorageOptions>();
  auto period = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto* cmd =
      app.add_subcommand("export", "Write one period's framework and evidence as a civic-bundle/1 file");
  add_storage_options(*cmd, *storage);
  cmd->add_option("--period", *period, "Period code, e.g. 2026H1")->required();
  cmd->add_option("--out", *out, "Output file (default: standard output)");
  cmd->callback([storage, period, out] {
    auto db = store::Database::open(storage->database_url());
    store::check_schema(*db);
    SystemClock clock;
    service::Services services(*db, clock);
    services.audit.set_anchor(storage->audit_anchor());
    std::string text =
        bundle::write_bundle(services.evaluation.export_period(service::Principal::cli(), *period));
    if (out->empty()) {
      std::cout << text;
      return;
    }
    std::ofstream f(*out, std::ios::binary);
    f << text;
    f.close();
    if (!f) throw std::runtime_error("cannot write " + *out);
    std::cerr << "exported period " << *period << " to " << *out << "\n";
  });
}

}  // namespace civic::cli
