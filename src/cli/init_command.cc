// `civic init [--demo] [--force]`: creates and migrates the database and its root unit. --demo builds the
// demo city instead (with demo accounts, printed). A non-demo init creates no account and no default
// password; it says how to add the first administrators with `civic user add`. `--demo --scale city` loads
// the deterministic city-scale data set instead (≈800 units, 8,000 sites, 100,000 inspections, 50,000
// responses, the default framework; no accounts), for load tests and benchmarks.
#include <filesystem>
#include <iostream>
#include <memory>

#include "bundle/default_framework.h"
#include "bundle/synthetic_city.h"
#include "cli/commands.h"
#include "cli/storage_options.h"
#include "cli/time_zone_option.h"
#include "demo/core/demo_city.h"
#include "domain/core/error.h"
#include "service/core/services.h"
#include "store/core/migrations.h"
#include "store/units/unit_repository.h"

namespace civic::cli {

namespace {

struct InitOptions {
  StorageOptions storage;
  bool demo = false;
  bool force = false;
  std::string scale = "demo";
  std::string city_code = "CITY";
  std::string city_name = "本市";
  std::string city_name_en = "City";
  std::string time_zone = "Asia/Shanghai";
};

bool has_data(store::Database& db) {
  if (store::schema_version(db) == 0) return false;
  auto lease = db.lease();
  return store::UnitRepository(*lease).count() > 0;
}

// Removes everything so that init starts from an empty database (only with --force).
void wipe(std::unique_ptr<store::Database>& db, const std::string& url) {
  if (db->dialect() == store::Dialect::sqlite) {
    std::string path = db->sqlite_path();
    db.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  } else {
    {
      auto lease = db->lease();
      std::string schema;
      *lease << "SELECT current_schema()", soci::into(schema);
      std::string quoted = "\"";
      for (char ch : schema) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      quoted += "\"";
      *lease << "DROP SCHEMA " + quoted + " CASCADE";
      *lease << "CREATE SCHEMA " + quoted;
    }
    db.reset();
  }
  db = store::Database::open(url);
}

void run_init(const InitOptions& o) {
  std::string url = o.storage.database_url();
  auto db = store::Database::open(url);
  if (has_data(*db)) {
    if (!o.force) {
      throw Conflict("the database " + db->display_url() +
                     " already has data; use --force to erase it and start again");
    }
    std::cout << "erasing the existing database " << db->display_url() << "\n";
    wipe(db, url);
    // The erased log's heads would read as truncation of the new one: keep them aside, never delete them.
    std::filesystem::path head = o.storage.audit_head_file();
    if (std::filesystem::exists(head)) {
      std::filesystem::path kept = head;
      kept += ".erased-" + std::to_string(SystemClock().now_ms());
      std::filesystem::rename(head, kept);
      std::cout << "kept the erased database's audit heads in " << kept.string() << "\n";
    }
  }
  auto applied = store::migrate(*db);
  std::cout << "database " << db->display_url() << " (" << store::dialect_name(db->dialect())
            << ") at schema version " << store::latest_schema_version() << "\n";
  SystemClock clock;
  // The file store `civic serve` reads (the demo stores its material PDFs there).
  service::Services services(*db, clock, {}, std::filesystem::path(o.storage.data_dir) / "files");
  services.audit.set_anchor(o.storage.audit_anchor());
  service::Principal cli = service::Principal::cli();
  if (!applied.empty()) {
    services.audit.record(
        cli, {"schema.migrate", "schema", std::to_string(store::latest_schema_version()), "", ""});
  }
  if (o.demo && o.scale == "city") {
    std::cout << "generating the city-scale data set …\n" << std::flush;
    bundle::Bundle city = bundle::synthetic_city(bundle::default_framework(), bundle::city_scale());
    auto s = services.evaluation.import_bundle(cli, city);
    std::cout << "city-scale data set ready: " << s.units_created << " units, " << s.sites_created
              << " sites, " << s.inspections << " inspections, " << s.responses
              << " responses. It has no accounts: add them "
              << "with `civic user add`.\n";
    return;
  }
  if (o.demo) {
    demo::build_demo_city(services, std::cout);
    std::cout << "demo city ready: sign in with one of the accounts above.\n";
    return;
  }
  Unit root =
      services.units.create_root(cli, {o.city_code, o.city_name, o.city_name_en, UnitType::city, "", 0, 0});
  std::string where =
      o.storage.db_url.empty() ? " --data " + o.storage.data_dir : " --db '" + o.storage.db_url + "'";
  std::cout << "created the root unit " << root.code << " (" << root.name << ").\n"
            << "No accounts exist yet. Add the three administrators (三员), for example:\n"
            << "  civic user add admin --unit " << root.code << " --role system_admin" << where << "\n"
            << "  civic user add security --unit " << root.code << " --role security_admin" << where << "\n"
            << "  civic user add auditor --unit " << root.code << " --role audit_admin" << where << "\n"
            << "Each gets a one-time password, printed once, to change at first sign-in.\n";
}

}  // namespace

void add_init_command(CLI::App& app) {
  auto o = std::make_shared<InitOptions>();
  auto* cmd =
      app.add_subcommand("init", "Create and migrate the database and its root unit (--demo: the demo city)");
  add_storage_options(*cmd, o->storage);
  cmd->add_flag("--demo", o->demo, "Build the demo city 青川市 with demo accounts (password Civic@2026)");
  cmd->add_flag("--force", o->force, "Erase a database that already has data");
  cmd->add_option("--scale", o->scale,
                  "With --demo: demo (青川市 with accounts) or city (city-scale data set)")
      ->check(CLI::IsMember({"demo", "city"}))
      ->capture_default_str();
  cmd->add_option("--city-code", o->city_code, "Code of the root unit (the city)")->capture_default_str();
  cmd->add_option("--city-name", o->city_name, "Chinese name of the city")->capture_default_str();
  cmd->add_option("--city-name-en", o->city_name_en, "English name of the city")->capture_default_str();
  add_time_zone_option(*cmd, o->time_zone);
  cmd->callback([o] {
    apply_time_zone(o->time_zone);
    run_init(*o);
  });
}

}  // namespace civic::cli
