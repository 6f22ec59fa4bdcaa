// `civic token create|revoke`: API tokens for scripts ("Authorization: Bearer <token>"). The token is printed
// once at creation; only its hash is stored.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/storage_options.h"
#include "service/core/services.h"
#include "store/core/migrations.h"

namespace civic::cli {

void add_token_command(CLI::App& app) {
  struct TokenOptions {
    StorageOptions storage;
    std::string user;
    std::string name;
    long long id = 0;
  };
  auto o = std::make_shared<TokenOptions>();
  auto* token = app.add_subcommand("token", "Manage API tokens for scripts: create, revoke");
  token->require_subcommand(1);

  auto* create = token->add_subcommand("create", "Create an API token for a user (printed once)");
  add_storage_options(*create, o->storage);
  create->add_option("--user", o->user, "The account the token acts as")->required();
  create->add_option("--name", o->name, "What the token is for, e.g. \"nightly export\"")->required();
  create->callback([o] {
    auto db = store::open_current(o->storage.database_url());
    SystemClock clock;
    service::Services s(*db, clock);
    s.audit.set_anchor(o->storage.audit_anchor());
    auto created = s.auth.create_api_token(service::Principal::cli(), o->user, o->name);
    std::cout << "token " << created.id << " for " << created.username << " (" << created.name
              << "), shown once:\n"
              << created.token << "\n";
  });

  auto* revoke = token->add_subcommand("revoke", "Revoke an API token by its id");
  add_storage_options(*revoke, o->storage);
  revoke->add_option("id", o->id, "The token id printed at creation")->required();
  revoke->callback([o] {
    auto db = store::open_current(o->storage.database_url());
    SystemClock clock;
    service::Services s(*db, clock);
    s.audit.set_anchor(o->storage.audit_anchor());
    s.auth.revoke_api_token(service::Principal::cli(), o->id);
    std::cout << "revoked token " << o->id << "\n";
  });
}

}  // namespace civic::cli
