// STUB: replaced by the module that owns `civic serve`.
#include <stdexcept>

#include "cli/commands.h"

namespace civic::cli {

void add_serve_command(CLI::App& app) {
  app.add_subcommand("serve", "(not built yet)")->callback([] { throw std::runtime_error("civic serve is not built yet"); });
}

}  // namespace civic::cli
