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

// How many recent passwords an account may not reuse.
inline constexpr int kPasswordHistory = 5;

class UserRepository {
 public:
  explicit UserRepository(soci::session& sql) : sql_(sql) {}

  // Inserts; assigns id and version 1. Throws std::runtime_error on a duplicate username (callers check
  // first).
  UserRecord insert(const UserRecord& record, TimeMs now);
  std::optional<UserRecord> find_by_username(const std::string& username);
  std::optional<UserRecord> find_by_id(long long id);
  // The one place that reads a user's display name (for names shown beside cases, tasks, reports …);
  // nullopt for an unknown id.
  std::optional<std::string> display_name(long long user_id);
  // Users whose unit lies under `path_prefix`; `role` filters ("" any). By username.
  std::vector<UserRecord> list_under(const std::string& path_prefix, const std::string& role, long long limit,
                                     long long offset);
  long long count_under(const std::string& path_prefix, const std::string& role);

  // Writes display_name, unit_id, roles, disabled if the version matches; bumps version. False when stale.
  bool update_profile(const User& user, long long expected_version, TimeMs now);
  // The sign-in bookkeeping; these do not bump version (they are not edits a client raced on).
  void set_login_state(long long user_id, int failed_logins, TimeMs locked_until, TimeMs now);
  // Also remembers `hash` in the account's password history (insert does so for the first password).
  void set_password(long long user_id, const std::string& hash, bool must_change, TimeMs now);
  // The hashes of the account's last kPasswordHistory passwords, newest first (the current one included).
  std::vector<std::string> recent_password_hashes(long long user_id);
  long long count();

 private:
  void remember_password(long long user_id, const std::string& hash, TimeMs now);

  soci::session& sql_;
};

}  // namespace civic::store
