// The configuration file of `civic serve` (/etc/civic/civic.toml; docs/operations.md "Configuration"):
// TOML tables whose keys stand for serve's options. Precedence: a flag on the command line > its
// environment variable (CIVIC_…) > the file > the built-in default. An unknown table or key, a value of the
// wrong type, or a TOML syntax error is an InvalidInput on "--config" naming the file and the line.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace civic::cli {

struct ConfigKey {
  const char* key;     // "server.port"
  const char* option;  // "--port"
  const char* env;     // "CIVIC_PORT"
  bool secret;         // masked by `civic config check`
};

// Every key the file may hold, in the order `config check` prints them.
const std::vector<ConfigKey>& serve_config_keys();

// Sets each option's environment variable (CLI11 envname) on the serve options of `command`.
void set_config_environment(CLI::App& command);

// Reads `file` and gives each option of `command` not set by a flag or its environment variable the file's
// value (re-running the option's callback, so the bound variable changes). Returns the keys it applied.
std::vector<std::string> apply_config_file(CLI::App& command, const std::string& file);

// "key = value" lines of the effective settings of `command`, where each came from (flag, environment,
// file, default), secrets masked as "***".
std::string effective_settings(const CLI::App& command, const std::vector<std::string>& from_file);

// `civic config check FILE`: validates the file and prints the effective settings.
void add_config_command(CLI::App& app);

}  // namespace civic::cli
