// Principal: who is calling. Built by AuthService from a session or an API token (or Principal::cli() for the
// command line), carried into every service call. Scope: the principal's unit and everything under it
// (design.md §1); objects outside it are answered with NotFound, as if they did not exist.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/user.h"
#include "domain/units/unit.h"

namespace civic::service {

struct Principal {
  long long user_id = 0;  // 0 for the CLI
  std::string username;   // "cli" for the CLI
  long long unit_id = 0;
  std::string unit_code;
  std::string unit_path;  // materialized path of the unit, e.g. "/1/7/"
  std::vector<Role> roles;
  std::string ip;            // source address, recorded in audit records; "" for the CLI
  long long session_id = 0;  // the session this call came with; 0 for API tokens and the CLI
  // Signed in with a one-time password: the HTTP layer should allow only changing it (and signing out).
  bool must_change_password = false;
  bool is_cli = false;  // the local operator: every permission, whole tree in scope

  // The operator at the command line (audited with actor "cli").
  static Principal cli();

  bool has_role(Role r) const;
  // Whether a unit with materialized path `path` is within this principal's scope.
  bool in_scope(std::string_view path) const { return is_cli || path_in_scope(unit_path, path); }
  bool in_scope(const Unit& unit) const { return in_scope(unit.path); }
  // Roles joined by ',' for audit records.
  std::string role_text() const;
};

}  // namespace civic::service
