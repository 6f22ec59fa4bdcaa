// UserService: accounts. Reads need read_users and the user's unit in scope (else NotFound); creating and
// editing needs manage_users; lock/unlock needs lock_users; password reset needs reset_passwords. Every
// change is audited with before/after (never a password or hash). A one-time password is generated when none
// is given; the user must change it at next sign-in (must_change_password).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/user.h"
#include "domain/core/page.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"

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
  // The user, if in scope (else NotFound); the caller has already checked its permission.
  User get_for_admin(const Principal& who, const std::string& username);

  store::Database& db_;
  const Clock& clock_;
  AuditService& audit_;
};

}  // namespace civic::service
