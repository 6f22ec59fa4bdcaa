// The `civic` subcommands. Each lives in its own <name>_command.cc and registers itself on the app;
// a command's callback throws civic::Error (or std::exception) on failure, which `run` reports.
#pragma once

#include <CLI/CLI.hpp>

namespace civic::cli {

void add_serve_command(CLI::App& app);
void add_init_command(CLI::App& app);
void add_migrate_command(CLI::App& app);
void add_import_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_score_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_bulletin_command(CLI::App& app);
void add_user_command(CLI::App& app);
void add_token_command(CLI::App& app);
void add_audit_command(CLI::App& app);
void add_backup_command(CLI::App& app);
void add_version_command(CLI::App& app);
void add_config_command(CLI::App& app);  // cli/service_config.h

// Parses argv, runs the chosen command, returns the process exit status.
int run(int argc, char** argv);

}  // namespace civic::cli
