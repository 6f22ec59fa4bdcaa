// STUB: replaced by the module that owns `civic export`.
#include <stdexcept>

#include "cli/commands.h"

namespace civic::cli {

void add_export_command(CLI::App& app) {
  app.add_subcommand("export", "(not built yet)")->callback([] { throw std::runtime_error("civic export is not built yet"); });
}

}  // namespace civic::cli
