#include "service/accounts/user_service.h"

#include <soci/soci.h>
#include <sodium.h>

#include "domain/core/error.h"
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

CreatedUser UserService::add(const Principal& who, const NewUser& nu) {
  audit_.require(who, Permission::manage_users);
  validate_username(nu.username);
  if (nu.roles.empty()) throw InvalidInput("roles", "a user needs at least one role");
  if (nu.display_name.size() > 200)
    throw InvalidInput("display_name", "display name must be at most 200 bytes");
  CreatedUser out;
  std::string password;
  if (nu.password && !nu.password->empty()) {
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
  if (!unit || !who.in_scope(*unit)) throw InvalidInput("unit_code", "unknown unit '" + nu.unit_code + "'");
  std::string hash = AuthService::hash_password(password);
  TimeMs now = clock_.now_ms();
  out.user = db_.transact([&](soci::session& sql) {
    store::UserRepository users(sql);
    if (users.find_by_username(nu.username)) {
      throw Conflict("username '" + nu.username + "' is taken", "username");
    }
    store::UserRecord rec;
    rec.user.username = nu.username;
    rec.user.display_name = nu.display_name.empty() ? nu.username : nu.display_name;
    rec.user.unit_id = unit->id;
    rec.user.roles = nu.roles;
    rec.user.must_change_password = !out.one_time_password.empty();
    rec.password_hash = hash;
    User stored = users.insert(rec, now).user;
    audit_.record(sql, who, {"user.create", "user", stored.username, "", user_json(stored)});
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

Page<User> UserService::list(const Principal& who, const UserQuery& query, const PageRequest& page) {
  audit_.require(who, Permission::read_users);
  page.validate();
  std::string prefix = scope_prefix(who);
  std::optional<Unit> under;
  if (!query.unit_code.empty()) {
    {
      auto lease = db_.lease();
      under = store::UnitRepository(*lease).find_by_code(query.unit_code);
    }
    if (!under || !who.in_scope(*under)) audit_.deny_out_of_scope(who, "unit", query.unit_code);
    prefix = under->path;
  }
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

User UserService::update(const Principal& who, std::string_view username_in, const UserChanges& changes,
                         long long version) {
  audit_.require(who, Permission::manage_users);
  std::string username(username_in);
  User current = get(who, username);
  std::optional<Unit> new_unit;
  if (changes.unit_code) {
    {
      auto lease = db_.lease();
      new_unit = store::UnitRepository(*lease).find_by_code(*changes.unit_code);
    }
    if (!new_unit || !who.in_scope(*new_unit)) {
      throw InvalidInput("unit_code", "unknown unit '" + *changes.unit_code + "'");
    }
  }
  if (changes.roles && changes.roles->empty()) throw InvalidInput("roles", "a user needs at least one role");
  TimeMs now = clock_.now_ms();
  return db_.transact([&](soci::session& sql) {
    store::UserRepository users(sql);
    auto before = users.find_by_username(username);
    if (!before) throw NotFound("user '" + username + "' not found");
    if (before->user.version != version) {
      throw Conflict("user '" + username + "' was changed by someone else; reload and try again", "version");
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
      throw Conflict("user '" + username + "' was changed by someone else; reload and try again", "version");
    }
    after.version = version + 1;
    if (after.disabled) store::SessionRepository(sql).remove_for_user(after.id);
    audit_.record(sql, who, {"user.update", "user", username, user_json(before->user), user_json(after)});
    return after;
  });
}

std::string UserService::reset_password(const Principal& who, std::string_view username_in) {
  audit_.require(who, Permission::reset_passwords);
  std::string username(username_in);
  User user = get_for_admin(who, username);
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

}  // namespace civic::service
