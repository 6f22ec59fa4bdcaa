// STUB: replaced by the module that owns `civic import`.
#include <stdexcept>

#include "cli/commands.h"

namespace civic::cli {

void add_import_command(CLI::App& app) {
  app.add_subcommand("import", "(not built yet)")->callback([] { throw std::runtime_error("civic import is not built yet"); });
}

}  // namespace civic::cli
