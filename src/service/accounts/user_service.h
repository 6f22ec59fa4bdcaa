// UserService: accounts. Reads need read_users and the user's unit in scope (else NotFound); creating and
// editing needs manage_users; lock/unlock needs lock_users; password reset needs reset_passwords. Beyond
// the permission, the role-granting rule (service/core/permission.h may_grant_role, may_administer_account;
// docs/security.md "Granting roles") decides which accounts and roles a caller handles: nobody changes
// their own roles or account; an account holds business roles or exactly one admin role and does not change
// between the two; refusals are Forbidden and audited ("permission.denied").
// Every change is audited with before/after (never a password or hash), each granted and revoked role once
// more ("user.role_grant", "user.role_revoke"). A password set by someone else (given, or a generated
// one-time password) must be changed at the next sign-in (must_change_password); only the console's
// --password is exempt. An administrator's account gets its password only at the console: created over the
// API it has none (it cannot sign in) until `civic user reset-password`, and its resets are console-only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/user.h"
#include "domain/core/error.h"
#include "domain/core/page.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"
#include "store/core/session.h"

namespace civic::service {

struct NewUser {
  std::string username;
  std::string display_name;
  std::string unit_code;
  std::vector<Role> roles;                   // at least one
  std::optional<std::string> password = {};  // must meet the rules; empty → a one-time password is generated
};

struct CreatedUser {
  User user;
  std::string one_time_password;  // the generated password, "" when the caller gave one
};

struct UserChanges {
  std::optional<std::string> display_name = {};
  std::optional<std::string> unit_code = {};
  std::optional<std::vector<Role>> roles = {};
  std::optional<bool> disabled = {};
};

struct UserQuery {
  std::string unit_code;  // only users of this unit's subtree (in scope); "" = the caller's scope
  std::optional<Role> role = {};
};

class UserService {
 public:
  UserService(store::Database& db, const Clock& clock, AuditService& audit)
      : db_(db), clock_(clock), audit_(audit) {}

  CreatedUser add(const Principal& who, const NewUser& user);
  User get(const Principal& who, std::string_view username);
  Page<User> list(const Principal& who, const UserQuery& query, const PageRequest& page);
  // Every account `list` would page through, for a download (read_users). More than kMaxUserExport:
  // InvalidInput{"unit"} (key table.export.too_many) so that a filter narrows it. Audited as user.export
  // with the filter and the count.
  std::vector<User> export_list(const Principal& who, const UserQuery& query);
  static constexpr long long kMaxUserExport = 10000;
  User update(const Principal& who, std::string_view username, const UserChanges& changes, long long version);

  // Returns the new one-time password (random, meets the rules); ends the user's sessions.
  std::string reset_password(const Principal& who, std::string_view username);
  // Locks until `until` (default: indefinitely) and ends the user's sessions; unlock clears lock and
  // failures.
  User lock(const Principal& who, std::string_view username, TimeMs until = kLockedIndefinitely);
  User unlock(const Principal& who, std::string_view username);

  // A random password meeting the rules (16 characters from all four classes).
  static std::string generate_password();

 private:
  // The unit path prefix `query` lists under: its unit's (NotFound when out of scope) or the caller's scope.
  std::string subtree_of(const Principal& who, const UserQuery& query);
  // The user, if in scope (else NotFound); the caller has already checked its permission.
  User get_for_admin(const Principal& who, const std::string& username);
  // Records "permission.denied" about the account and throws Forbidden with `key`.
  [[noreturn]] void deny(const Principal& who, const std::string& username, const std::string& message,
                         MessageKey key);
  // Forbidden unless may_grant_role / may_administer_account allow it.
  void require_grant(const Principal& who, Role role, const std::string& username, bool own_account);
  void require_administer(const Principal& who, const User& user);
  // Locking: a business account by anyone with lock_users (not oneself); an administrator's by its steward.
  void require_lockable(const Principal& who, const User& user);
  void record_role_change(store::Session& sql, const Principal& who, const std::string& username,
                          const char* action, Role role);

  store::Database& db_;
  const Clock& clock_;
  AuditService& audit_;
};

}  // namespace civic::service
