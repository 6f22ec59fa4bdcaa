// UserRepository: rows of `users` over one session. Carries the password hash, which never leaves the
// service layer. No business rules.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/user.h"

namespace civic::store {

struct UserRecord {
  User user;                  // user.unit_code filled from the units table
  std::string password_hash;  // crypto_pwhash_str form; "" = no password set (cannot sign in)
  std::string unit_path;      // the unit's materialized path, for scope checks
};

class UserRepository {
 public:
  explicit UserRepository(soci::session& sql) : sql_(sql) {}

  // Inserts; assigns id and version 1. Throws std::runtime_error on a duplicate username (callers check
  // first).
  UserRecord insert(const UserRecord& record, TimeMs now);
  std::optional<UserRecord> find_by_username(const std::string& username);
  std::optional<UserRecord> find_by_id(long long id);
  // Users whose unit lies under `path_prefix`; `role` filters ("" any). By username.
  std::vector<UserRecord> list_under(const std::string& path_prefix, const std::string& role, long long limit,
                                     long long offset);
  long long count_under(const std::string& path_prefix, const std::string& role);

  // Writes display_name, unit_id, roles, disabled if the version matches; bumps version. False when stale.
  bool update_profile(const User& user, long long expected_version, TimeMs now);
  // The sign-in bookkeeping; these do not bump version (they are not edits a client raced on).
  void set_login_state(long long user_id, int failed_logins, TimeMs locked_until, TimeMs now);
  void set_password(long long user_id, const std::string& hash, bool must_change, TimeMs now);
  long long count();

 private:
  soci::session& sql_;
};

}  // namespace civic::store
