// STUB: replaced by the module that owns `civic token`.
#include <stdexcept>

#include "cli/commands.h"

namespace civic::cli {

void add_token_command(CLI::App& app) {
  app.add_subcommand("token", "(not built yet)")->callback([] { throw std::runtime_error("civic token is not built yet"); });
}

}  // namespace civic::cli
