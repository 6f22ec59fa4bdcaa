// STUB: replaced by the module that owns `civic backup`.
#include <stdexcept>

#include "cli/commands.h"

namespace civic::cli {

void add_backup_command(CLI::App& app) {
  app.add_subcommand("backup", "(not built yet)")->callback([] { throw std::runtime_error("civic backup is not built yet"); });
}

}  // namespace civic::cli
