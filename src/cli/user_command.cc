// `civic user add|reset-password|set-roles|lock|unlock|list`: account administration from the server's
// command line. Acts as the local operator (audited with actor "cli"); one-time passwords are printed once.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/storage_options.h"
#include "service/core/services.h"
#include "store/core/migrations.h"

namespace civic::cli {

namespace {

struct UserOptions {
  StorageOptions storage;
  std::string username;
  std::string unit;
  std::vector<std::string> roles;
  std::string password;
  std::string display_name;
  long long minutes = 0;
};

template <typename Fn>
void with_services(const UserOptions& o, Fn fn) {
  auto db = store::open_current(o.storage.database_url());
  SystemClock clock;
  service::Services services(*db, clock);
  services.audit.set_anchor(o.storage.audit_anchor());
  fn(services, service::Principal::cli());
}

CLI::App* subcommand(CLI::App* parent, std::shared_ptr<UserOptions> o, const char* name, const char* help) {
  auto* cmd = parent->add_subcommand(name, help);
  add_storage_options(*cmd, o->storage);
  cmd->add_option("username", o->username, "The account's username")->required();
  return cmd;
}

}  // namespace

void add_user_command(CLI::App& app) {
  auto* user =
      app.add_subcommand("user", "Manage accounts: add, reset-password, set-roles, lock, unlock, list");
  user->require_subcommand(1);
  auto o = std::make_shared<UserOptions>();

  auto* add =
      subcommand(user, o, "add", "Add an account (prints a one-time password unless --password is given)");
  add->add_option("--unit", o->unit, "Code of the unit the account belongs to")->required();
  add->add_option(
         "--role", o->roles,
         "Role(s): office, unit_officer, inspector, leader, system_admin, security_admin, audit_admin")
      ->required();
  add->add_option("--password", o->password,
                  "Initial password (at least 10 characters, 3 character classes)");
  add->add_option("--display-name", o->display_name, "Name shown in the UI (default: the username)");
  add->callback([o] {
    with_services(*o, [&](service::Services& s, const service::Principal& cli) {
      std::vector<Role> roles;
      for (const auto& r : o->roles) roles.push_back(parse_role(r, "--role"));
      service::NewUser nu{o->username, o->display_name, o->unit, roles,
                          o->password.empty() ? std::nullopt : std::optional<std::string>(o->password)};
      auto created = s.users.add(cli, nu);
      std::cout << "added " << created.user.username << " (" << join_roles(created.user.roles) << ") in unit "
                << created.user.unit_code << "\n";
      if (!created.one_time_password.empty()) {
        std::cout << "one-time password (shown once; must be changed at first sign-in): "
                  << created.one_time_password << "\n";
      }
    });
  });

  auto* reset =
      subcommand(user, o, "reset-password", "Issue a new one-time password and end the account's sessions");
  reset->callback([o] {
    with_services(*o, [&](service::Services& s, const service::Principal& cli) {
      std::string password = s.users.reset_password(cli, o->username);
      std::cout << "one-time password for " << o->username << " (shown once): " << password << "\n";
    });
  });

  auto* set_roles = subcommand(user, o, "set-roles",
                               "Replace an account's roles (the only way to grant or revoke audit_admin)");
  set_roles
      ->add_option(
          "--role", o->roles,
          "Role(s): office, unit_officer, inspector, leader, system_admin, security_admin, audit_admin")
      ->required();
  set_roles->callback([o] {
    with_services(*o, [&](service::Services& s, const service::Principal& cli) {
      std::vector<Role> roles;
      for (const auto& r : o->roles) roles.push_back(parse_role(r, "--role"));
      User current = s.users.get(cli, o->username);
      User u = s.users.update(cli, o->username, {.roles = roles}, current.version);
      std::cout << "roles of " << u.username << ": " << join_roles(u.roles) << "\n";
    });
  });

  auto* lock =
      subcommand(user, o, "lock", "Lock an account (indefinitely, or for --minutes) and end its sessions");
  lock->add_option("--minutes", o->minutes, "Lock for this many minutes instead of until unlocked");
  lock->callback([o] {
    with_services(*o, [&](service::Services& s, const service::Principal& cli) {
      TimeMs until = o->minutes > 0 ? s.clock.now_ms() + o->minutes * 60 * 1000 : kLockedIndefinitely;
      User u = s.users.lock(cli, o->username, until);
      std::cout << "locked " << u.username
                << (o->minutes > 0 ? " until " + format_rfc3339(u.locked_until)
                                   : std::string(" until unlocked"))
                << "\n";
    });
  });

  auto* unlock = subcommand(user, o, "unlock", "Unlock an account and clear its failed sign-in count");
  unlock->callback([o] {
    with_services(*o, [&](service::Services& s, const service::Principal& cli) {
      User u = s.users.unlock(cli, o->username);
      std::cout << "unlocked " << u.username << "\n";
    });
  });

  auto* list = user->add_subcommand("list", "List accounts (optionally of one unit's subtree)");
  add_storage_options(*list, o->storage);
  list->add_option("--unit", o->unit, "Only accounts in this unit and below");
  list->callback([o] {
    with_services(*o, [&](service::Services& s, const service::Principal& cli) {
      service::UserQuery q;
      q.unit_code = o->unit;
      for (int page = 1;; ++page) {
        auto p = s.users.list(cli, q, {page, 200});
        for (const User& u : p.items) {
          std::cout << u.username << "\t" << u.display_name << "\t" << u.unit_code << "\t"
                    << join_roles(u.roles) << (u.locked_at(s.clock.now_ms()) ? "\tlocked" : "")
                    << (u.disabled ? "\tdisabled" : "") << "\n";
        }
        if (static_cast<long long>(page) * 200 >= p.total) break;
      }
    });
  });
}

}  // namespace civic::cli
