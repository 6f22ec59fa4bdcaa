// STUB: replaced by the module that owns `civic user`.
#include <stdexcept>

#include "cli/commands.h"

namespace civic::cli {

void add_user_command(CLI::App& app) {
  app.add_subcommand("user", "(not built yet)")->callback([] { throw std::runtime_error("civic user is not built yet"); });
}

}  // namespace civic::cli
