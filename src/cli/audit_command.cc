// STUB: replaced by the module that owns `civic audit`.
#include <stdexcept>

#include "cli/commands.h"

namespace civic::cli {

void add_audit_command(CLI::App& app) {
  app.add_subcommand("audit", "(not built yet)")->callback([] { throw std::runtime_error("civic audit is not built yet"); });
}

}  // namespace civic::cli
