// STUB: replaced by the module that owns `civic init`.
#include <stdexcept>

#include "cli/commands.h"

namespace civic::cli {

void add_init_command(CLI::App& app) {
  app.add_subcommand("init", "(not built yet)")->callback([] { throw std::runtime_error("civic init is not built yet"); });
}

}  // namespace civic::cli
