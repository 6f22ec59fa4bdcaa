#include <iostream>

#include "cli/commands.h"
#include "domain/core/error.h"

namespace civic::cli {

int run(int argc, char** argv) {
  CLI::App app{
      "civic — 文明城市创建测评与管理平台 (Civic: civilized-city campaign evaluation and management)"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  add_serve_command(app);
  add_init_command(app);
  add_migrate_command(app);
  add_import_command(app);
  add_export_command(app);
  add_score_command(app);
  add_report_command(app);
  add_bulletin_command(app);
  add_user_command(app);
  add_token_command(app);
  add_audit_command(app);
  add_backup_command(app);
  add_version_command(app);
  add_config_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    // A command's own exit status (civic audit verify: 3 tampered, 4 truncated, …), already reported.
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    // --help and --version answer 0; every usage error (unknown command, missing option) exits 2, as bad
    // input does, rather than CLI11's own codes (105, 106, …).
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const civic::Error& e) {
    std::cerr << "civic: error: " << (e.field().empty() ? "" : e.field() + ": ") << e.what() << "\n";
    return e.code() == ErrorCode::invalid_input ? 2 : 1;
  } catch (const std::exception& e) {
    std::cerr << "civic: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace civic::cli
