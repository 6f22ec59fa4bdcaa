// STUB: replaced by the module that owns `civic score`.
#include <stdexcept>

#include "cli/commands.h"

namespace civic::cli {

void add_score_command(CLI::App& app) {
  app.add_subcommand("score", "(not built yet)")->callback([] { throw std::runtime_error("civic score is not built yet"); });
}

}  // namespace civic::cli
