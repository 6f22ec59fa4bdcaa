#include <iostream>

#include "cli/commands.h"

namespace civic::cli {

void add_version_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the version of civic");
  cmd->callback([] { std::cout << "civic " << CIVIC_VERSION << "\n"; });
}

}  // namespace civic::cli
