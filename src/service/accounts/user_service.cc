#include "service/accounts/user_service.h"

#include <soci/soci.h>
#include <sodium.h>

#include <algorithm>

#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "platform/secret.h"
#include "service/accounts/auth_service.h"
#include "service/core/json_text.h"
#include "store/accounts/session_repository.h"
#include "store/accounts/user_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

std::string user_json(const User& u) {
  std::vector<std::string> roles;
  for (Role r : u.roles) roles.push_back(role_name(r));
  JsonText j;
  j.add("username", u.username)
      .add("display_name", u.display_name)
      .add("unit", u.unit_code)
      .add("roles", roles);
  j.add("disabled", u.disabled).add("must_change_password", u.must_change_password);
  j.add("locked_until", u.locked_until == 0 ? std::string() : format_rfc3339(u.locked_until));
  j.add("version", u.version);
  return j.str();
}

std::vector<Role> distinct_roles(const std::vector<Role>& roles) {
  std::vector<Role> out;
  for (Role r : roles) {
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  }
  return out;
}

std::string scope_prefix(const Principal& who) {
  return who.is_cli ? std::string("/") : who.unit_path;
}

}  // namespace

std::string UserService::generate_password() {
  platform::ensure_sodium();
  // No look-alike characters (0/O, 1/l/I), since the password is read off a screen and typed once.
  static const std::string classes[4] = {"abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789",
                                         "@#%+=!?*"};
  std::string all = classes[0] + classes[1] + classes[2] + classes[3];
  std::string out;
  for (const std::string& c : classes) out += c[randombytes_uniform(static_cast<uint32_t>(c.size()))];
  while (out.size() < 16) out += all[randombytes_uniform(static_cast<uint32_t>(all.size()))];
  for (size_t i = out.size() - 1; i > 0; --i) {
    std::swap(out[i], out[randombytes_uniform(static_cast<uint32_t>(i + 1))]);
  }
  return out;
}

CreatedUser UserService::add(const Principal& who, const NewUser& nu_in) {
  audit_.require(who, Permission::manage_users);
  NewUser nu = nu_in;
  nu.roles = distinct_roles(nu.roles);
  for (Role r : nu.roles) require_grant(who, r, nu.username, false);
  check_role_combination(nu.roles);
  validate_username(nu.username);
  if (char_count(nu.display_name) > 200) {
    throw InvalidInput("display_name", "display name must be at most 200 characters",
                       message_key("account.display_name.too_long"));
  }
  // An administrator's password is only ever issued at the server console (docs/security.md).
  bool console_issues_password = is_admin_account(nu.roles) && !who.is_cli;
  CreatedUser out;
  std::string password;
  if (console_issues_password) {
    if (nu.password && !nu.password->empty()) {
      throw InvalidInput("password",
                         "an administrator's password is issued at the server console (civic user "
                         "reset-password), not set by another administrator",
                         message_key("account.password.admin_console"));
    }
  } else if (nu.password && !nu.password->empty()) {
    check_password_rules(*nu.password);
    password = *nu.password;
  } else {
    password = generate_password();
    out.one_time_password = password;
  }
  std::optional<Unit> unit;
  {
    auto lease = db_.lease();
    unit = store::UnitRepository(*lease).find_by_code(nu.unit_code);
  }
  if (!unit || !who.in_scope(*unit)) {
    throw InvalidInput("unit_code", "unknown unit '" + nu.unit_code + "'",
                       message_key("account.unit.unknown", {{"unit", nu.unit_code}}));
  }
  std::string hash = password.empty() ? std::string() : AuthService::hash_password(password);
  TimeMs now = clock_.now_ms();
  out.user = db_.transact([&](soci::session& sql) {
    store::UserRepository users(sql);
    if (users.find_by_username(nu.username)) {
      throw Conflict("username '" + nu.username + "' is taken", "username",
                     message_key("account.username.taken", {{"username", nu.username}}));
    }
    store::UserRecord rec;
    rec.user.username = nu.username;
    rec.user.display_name = nu.display_name.empty() ? nu.username : nu.display_name;
    rec.user.unit_id = unit->id;
    rec.user.roles = nu.roles;
    // A password someone else chose is changed at first sign-in; the console's --password is for setup.
    rec.user.must_change_password = !who.is_cli || !out.one_time_password.empty() || hash.empty();
    rec.password_hash = hash;
    User stored = users.insert(rec, now).user;
    audit_.record(sql, who, {"user.create", "user", stored.username, "", user_json(stored)});
    for (Role r : stored.roles) record_role_change(sql, who, stored.username, "user.role_grant", r);
    return stored;
  });
  return out;
}

User UserService::get(const Principal& who, std::string_view username_in) {
  std::string username(username_in);
  if (username != who.username || who.is_cli) audit_.require(who, Permission::read_users);
  std::optional<store::UserRecord> rec;
  {
    auto lease = db_.lease();
    rec = store::UserRepository(*lease).find_by_username(username);
  }
  if (!rec || !who.in_scope(rec->unit_path)) audit_.deny_out_of_scope(who, "user", username);
  return rec->user;
}

std::string UserService::subtree_of(const Principal& who, const UserQuery& query) {
  std::string prefix = scope_prefix(who);
  if (query.unit_code.empty()) return prefix;
  std::optional<Unit> under;
  {
    auto lease = db_.lease();
    under = store::UnitRepository(*lease).find_by_code(query.unit_code);
  }
  if (!under || !who.in_scope(*under)) audit_.deny_out_of_scope(who, "unit", query.unit_code);
  return under->path;
}

Page<User> UserService::list(const Principal& who, const UserQuery& query, const PageRequest& page) {
  audit_.require(who, Permission::read_users);
  page.validate();
  std::string prefix = subtree_of(who, query);
  Page<User> out;
  out.page = page.page;
  out.page_size = page.page_size;
  if (prefix.empty()) return out;
  std::string role = query.role ? role_name(*query.role) : "";
  auto lease = db_.lease();
  store::UserRepository users(*lease);
  out.total = users.count_under(prefix, role);
  for (auto& rec : users.list_under(prefix, role, page.page_size, page.offset()))
    out.items.push_back(rec.user);
  return out;
}

std::vector<User> UserService::export_list(const Principal& who, const UserQuery& query) {
  audit_.require(who, Permission::read_users);
  std::string prefix = subtree_of(who, query);
  std::vector<User> out;
  if (prefix.empty()) return out;
  std::string role = query.role ? role_name(*query.role) : "";
  {
    auto lease = db_.lease();
    store::UserRepository users(*lease);
    long long total = users.count_under(prefix, role);
    if (total > kMaxUserExport) {
      throw InvalidInput("unit",
                         "more than " + std::to_string(kMaxUserExport) + " accounts; narrow the filter",
                         message_key("table.export.too_many", {{"limit", std::to_string(kMaxUserExport)}}));
    }
    for (auto& rec : users.list_under(prefix, role, kMaxUserExport, 0)) out.push_back(rec.user);
  }
  // Personal data leaves the system: who took which accounts is on record.
  audit_.record(who, {"user.export", "user", "", "",
                      JsonText()
                          .add("unit", query.unit_code)
                          .add("role", role)
                          .add("count", static_cast<long long>(out.size()))
                          .str()});
  return out;
}

User UserService::update(const Principal& who, std::string_view username_in, const UserChanges& changes_in,
                         long long version) {
  audit_.require(who, Permission::manage_users);
  std::string username(username_in);
  User current = get_for_admin(who, username);
  bool own = current.id == who.user_id && !who.is_cli;
  UserChanges changes = changes_in;
  if (changes.roles) changes.roles = distinct_roles(*changes.roles);
  if (changes.roles && own) {
    deny(who, username, "nobody changes their own roles", message_key("account.role.self_change"));
  }
  require_administer(who, current);
  std::vector<Role> granted, revoked;
  if (changes.roles) {
    for (Role r : *changes.roles) {
      if (!current.has_role(r)) granted.push_back(r);
    }
    for (Role r : current.roles) {
      if (std::find(changes.roles->begin(), changes.roles->end(), r) == changes.roles->end()) {
        revoked.push_back(r);
      }
    }
    for (Role r : granted) require_grant(who, r, username, own);
    for (Role r : revoked) require_grant(who, r, username, own);
    check_role_combination(*changes.roles);
    if (is_admin_account(*changes.roles) != is_admin_account(current.roles) && !who.is_cli) {
      deny(who, username,
           "an account does not change between a business account and an administrator's account; create "
           "a new account instead",
           message_key("account.role.kind_change"));
    }
  }
  std::optional<Unit> new_unit;
  if (changes.unit_code) {
    {
      auto lease = db_.lease();
      new_unit = store::UnitRepository(*lease).find_by_code(*changes.unit_code);
    }
    if (!new_unit || !who.in_scope(*new_unit)) {
      throw InvalidInput("unit_code", "unknown unit '" + *changes.unit_code + "'",
                         message_key("account.unit.unknown", {{"unit", *changes.unit_code}}));
    }
  }
  TimeMs now = clock_.now_ms();
  return db_.transact([&](soci::session& sql) {
    store::UserRepository users(sql);
    auto before = users.find_by_username(username);
    if (!before) {
      throw NotFound("user '" + username + "' not found",
                     message_key("account.not_found", {{"username", username}}));
    }
    if (before->user.version != version || before->user.roles != current.roles) {
      throw Conflict("user '" + username + "' was changed by someone else; reload and try again", "version",
                     message_key("account.version.stale", {{"username", username}}));
    }
    User after = before->user;
    if (changes.display_name) after.display_name = *changes.display_name;
    if (new_unit) {
      after.unit_id = new_unit->id;
      after.unit_code = new_unit->code;
    }
    if (changes.roles) after.roles = *changes.roles;
    if (changes.disabled) after.disabled = *changes.disabled;
    if (!users.update_profile(after, version, now)) {
      throw Conflict("user '" + username + "' was changed by someone else; reload and try again", "version",
                     message_key("account.version.stale", {{"username", username}}));
    }
    after.version = version + 1;
    // A change of roles or unit takes effect at the next sign-in; disabling ends every session now.
    if (after.disabled || !granted.empty() || !revoked.empty() || new_unit) {
      store::SessionRepository(sql).remove_for_user(after.id);
    }
    audit_.record(sql, who, {"user.update", "user", username, user_json(before->user), user_json(after)});
    for (Role r : granted) record_role_change(sql, who, username, "user.role_grant", r);
    for (Role r : revoked) record_role_change(sql, who, username, "user.role_revoke", r);
    return after;
  });
}

std::string UserService::reset_password(const Principal& who, std::string_view username_in) {
  audit_.require(who, Permission::reset_passwords);
  std::string username(username_in);
  User user = get_for_admin(who, username);
  if (!who.is_cli && user.id == who.user_id) {
    deny(who, username, "change your own password with your current one (POST /api/me/password)",
         message_key("account.password.own_reset"));
  }
  if (!who.is_cli && is_admin_account(user.roles)) {
    deny(who, username,
         "an administrator's password is reset only at the server console (civic user reset-password)",
         message_key("account.password.admin_console"));
  }
  std::string password = generate_password();
  std::string hash = AuthService::hash_password(password);
  TimeMs now = clock_.now_ms();
  db_.transact([&](soci::session& sql) {
    store::UserRepository(sql).set_password(user.id, hash, true, now);
    store::SessionRepository(sql).remove_for_user(user.id);
    audit_.record(
        sql, who,
        {"user.reset_password", "user", username, "", JsonText().add("must_change_password", true).str()});
  });
  return password;
}

User UserService::lock(const Principal& who, std::string_view username_in, TimeMs until) {
  audit_.require(who, Permission::lock_users);
  std::string username(username_in);
  User user = get_for_admin(who, username);
  require_lockable(who, user);
  TimeMs now = clock_.now_ms();
  return db_.transact([&](soci::session& sql) {
    store::UserRepository users(sql);
    users.set_login_state(user.id, user.failed_logins, until, now);
    store::SessionRepository(sql).remove_for_user(user.id);
    User after = users.find_by_id(user.id)->user;
    audit_.record(sql, who, {"user.lock", "user", username, user_json(user), user_json(after)});
    return after;
  });
}

User UserService::unlock(const Principal& who, std::string_view username_in) {
  audit_.require(who, Permission::lock_users);
  std::string username(username_in);
  User user = get_for_admin(who, username);
  require_lockable(who, user);
  TimeMs now = clock_.now_ms();
  return db_.transact([&](soci::session& sql) {
    store::UserRepository users(sql);
    users.set_login_state(user.id, 0, 0, now);
    User after = users.find_by_id(user.id)->user;
    audit_.record(sql, who, {"user.unlock", "user", username, user_json(user), user_json(after)});
    return after;
  });
}

User UserService::get_for_admin(const Principal& who, const std::string& username) {
  std::optional<store::UserRecord> rec;
  {
    auto lease = db_.lease();
    rec = store::UserRepository(*lease).find_by_username(username);
  }
  if (!rec || !who.in_scope(rec->unit_path)) audit_.deny_out_of_scope(who, "user", username);
  return rec->user;
}

void UserService::deny(const Principal& who, const std::string& username, const std::string& message,
                       MessageKey key) {
  audit_.record(who, {"permission.denied", "user", username, "", JsonText().add("reason", key.key).str()});
  throw Forbidden(message, std::move(key));
}

void UserService::require_grant(const Principal& who, Role role, const std::string& username,
                                bool own_account) {
  if (may_grant_role(who, role, own_account)) return;
  deny(who, username, std::string("your role may not grant or revoke the role ") + role_name(role),
       message_key("account.role.grant", {{"role", role_name(role)}}));
}

void UserService::require_administer(const Principal& who, const User& user) {
  bool own = !who.is_cli && user.id == who.user_id;
  if (may_administer_account(who, user.roles, own)) return;
  if (own) {
    deny(who, user.username, "your own account is changed by another administrator",
         message_key("account.admin.own_account"));
  }
  deny(who, user.username,
       "your role may not administer the account '" + user.username + "' (" + join_roles(user.roles) + ")",
       message_key("account.admin.not_steward", {{"username", user.username}}));
}

void UserService::require_lockable(const Principal& who, const User& user) {
  // Business accounts: whoever has lock_users. Administrators' accounts: also their steward.
  if (!is_admin_account(user.roles) && (who.is_cli || user.id != who.user_id)) return;
  require_administer(who, user);
}

void UserService::record_role_change(store::Session& sql, const Principal& who, const std::string& username,
                                     const char* action, Role role) {
  audit_.record(sql, who, {action, "user", username, "", JsonText().add("role", role_name(role)).str()});
}

}  // namespace civic::service
