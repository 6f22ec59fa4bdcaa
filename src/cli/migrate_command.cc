// STUB: replaced by the module that owns `civic migrate`.
#include <stdexcept>

#include "cli/commands.h"

namespace civic::cli {

void add_migrate_command(CLI::App& app) {
  app.add_subcommand("migrate", "(not built yet)")->callback([] { throw std::runtime_error("civic migrate is not built yet"); });
}

}  // namespace civic::cli
