#include "domain/accounts/user.h"

#include <algorithm>

#include "domain/core/error.h"

namespace civic {

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = {Role::office,     Role::unit_officer, Role::inspector,
                                          Role::leader,     Role::system_admin, Role::security_admin,
                                          Role::audit_admin};
  return roles;
}

const char* role_title(Role role) {
  switch (role) {
    case Role::office:
      return "创文办";
    case Role::unit_officer:
      return "责任单位联络员";
    case Role::inspector:
      return "测评员";
    case Role::leader:
      return "领导";
    case Role::system_admin:
      return "系统管理员";
    case Role::security_admin:
      return "安全管理员";
    case Role::audit_admin:
      return "审计管理员";
  }
  return "";
}

const char* role_name(Role role) {
  switch (role) {
    case Role::office:
      return "office";
    case Role::unit_officer:
      return "unit_officer";
    case Role::inspector:
      return "inspector";
    case Role::leader:
      return "leader";
    case Role::system_admin:
      return "system_admin";
    case Role::security_admin:
      return "security_admin";
    case Role::audit_admin:
      return "audit_admin";
  }
  return "inspector";
}

Role parse_role(std::string_view name, std::string_view field) {
  for (Role r : all_roles()) {
    if (name == role_name(r)) return r;
  }
  throw InvalidInput(std::string(field),
                     "unknown role '" + std::string(name) +
                         "' (expected office, unit_officer, inspector, leader, "
                         "system_admin, security_admin or audit_admin)",
                     message_key("account.role.unknown", {{"role", std::string(name)}}));
}

std::string join_roles(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) {
    if (!out.empty()) out += ',';
    out += role_name(r);
  }
  return out;
}

std::vector<Role> split_roles(std::string_view joined) {
  std::vector<Role> out;
  while (!joined.empty()) {
    size_t comma = joined.find(',');
    std::string_view part = joined.substr(0, comma);
    if (!part.empty()) {
      Role r = parse_role(part);
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    }
    if (comma == std::string_view::npos) break;
    joined.remove_prefix(comma + 1);
  }
  return out;
}

bool is_admin_role(Role role) {
  return role == Role::system_admin || role == Role::security_admin || role == Role::audit_admin;
}

bool is_admin_account(const std::vector<Role>& roles) {
  return std::any_of(roles.begin(), roles.end(), is_admin_role);
}

void check_role_combination(const std::vector<Role>& roles) {
  if (roles.empty()) {
    throw InvalidInput("roles", "a user needs at least one role", message_key("account.role.none"));
  }
  if (is_admin_account(roles) && roles.size() > 1) {
    throw InvalidInput("roles",
                       "an administrator role (system_admin, security_admin, audit_admin) is held alone: not "
                       "together with another administrator role nor with a business role",
                       message_key("account.role.combination", {{"roles", join_roles(roles)}}));
  }
}

bool User::has_role(Role r) const {
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}

void validate_username(std::string_view username) {
  bool ok = username.size() >= 2 && username.size() <= 64 && username[0] >= 'a' && username[0] <= 'z';
  for (char c : username) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-');
  }
  if (!ok) {
    throw InvalidInput("username",
                       "username must be 2-64 characters of a-z, 0-9, '_', '.', '-' and start with a letter",
                       message_key("account.username.invalid"));
  }
}

void check_password_rules(std::string_view password, std::string_view field, int min_length) {
  // Length counts code points, so that a Chinese passphrase is not penalised for UTF-8.
  size_t code_points = 0;
  bool lower = false, upper = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if ((c & 0xC0) != 0x80) ++code_points;
    if (c >= 'a' && c <= 'z')
      lower = true;
    else if (c >= 'A' && c <= 'Z')
      upper = true;
    else if (c >= '0' && c <= '9')
      digit = true;
    else
      symbol = true;
  }
  if (code_points < static_cast<size_t>(min_length))
    throw InvalidInput(std::string(field),
                       "password must be at least " + std::to_string(min_length) + " characters long",
                       message_key("account.password.too_short", {{"min", std::to_string(min_length)}}));
  if (password.size() > 1024)
    throw InvalidInput(std::string(field), "password must be at most 1024 bytes",
                       message_key("account.password.too_long"));
  int classes = int(lower) + int(upper) + int(digit) + int(symbol);
  if (classes < kPasswordMinClasses) {
    throw InvalidInput(std::string(field),
                       "password must contain at least three of: lower-case letters, upper-case letters, "
                       "digits, symbols",
                       message_key("account.password.classes"));
  }
}

}  // namespace civic
