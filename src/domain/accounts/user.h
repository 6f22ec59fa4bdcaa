// User (用户) and Role. A user belongs to one unit and sees that unit's subtree; roles say what they may do
// (service/permission.h holds the matrix). The three admin roles are separate duties (三员分立).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/core/clock.h"

namespace civic {

enum class Role { office, unit_officer, inspector, leader, system_admin, security_admin, audit_admin };

// Every role, in declaration order.
const std::vector<Role>& all_roles();
// "office", "unit_officer", "inspector", "leader", "system_admin", "security_admin", "audit_admin".
const char* role_name(Role role);
// The role's Chinese title as the console shows it (创文办, 测评员, …), for documents such as exports.
const char* role_title(Role role);
// The inverse of role_name; throws InvalidInput{field} for anything else.
Role parse_role(std::string_view name, std::string_view field = "roles");
// "office,leader" ⇄ roles; the stored form. Parsing throws InvalidInput on an unknown name.
std::string join_roles(const std::vector<Role>& roles);
std::vector<Role> split_roles(std::string_view joined);

// The three administrator roles (三员分立); the others (office, unit_officer, inspector, leader) are business
// roles.
bool is_admin_role(Role role);
// Whether an account with `roles` is an administrator's account (holds an admin role).
bool is_admin_account(const std::vector<Role>& roles);
// The roles one account may hold together: one or more business roles, or exactly one admin role (the three
// admin roles exclude each other and every business role). Throws InvalidInput{"roles"} (keys
// account.role.none, account.role.combination) otherwise.
void check_role_combination(const std::vector<Role>& roles);

// A user as shown to callers; never carries the password hash (store/user_repository.h has that).
struct User {
  long long id = 0;
  std::string username;
  std::string display_name;
  long long unit_id = 0;
  std::string unit_code;
  std::string unit_name, unit_name_en;  // of the unit, for display
  std::vector<Role> roles;
  int failed_logins = 0;
  TimeMs locked_until = 0;  // 0: not locked; a lock by an admin runs to kLockedIndefinitely
  bool must_change_password = false;
  bool disabled = false;
  TimeMs created_at = 0;
  long long version = 1;

  bool has_role(Role r) const;
  bool locked_at(TimeMs now) const { return locked_until > now; }
};

inline constexpr TimeMs kLockedIndefinitely = 253402300799000;  // 9999-12-31T23:59:59Z

// Usernames are 2..64 of [a-z0-9_.-] starting with a letter; throws InvalidInput{"username"}.
void validate_username(std::string_view username);

// Password rules: at least kPasswordMinLength characters and at least kPasswordMinClasses of the classes
// lower, upper, digit, symbol. Throws InvalidInput{field} saying which rule failed.
inline constexpr int kPasswordMinLength = 10;
inline constexpr int kPasswordMinClasses = 3;
// `min_length` is the security admin's setting where one applies (AuthService), else kPasswordMinLength.
void check_password_rules(std::string_view password, std::string_view field = "password",
                          int min_length = kPasswordMinLength);

}  // namespace civic
