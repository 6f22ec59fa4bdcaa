#include "service/permission.h"

#include <array>
#include <initializer_list>

namespace civic::service {

namespace {

using R = Role;
using P = Permission;

struct Grant {
  Permission permission;
  std::initializer_list<Role> roles;
};

// The permission matrix: each permission and the roles that have it. Nothing else grants anything.
const Grant kMatrix[] = {
    {P::read_units,
     {R::office, R::unit_officer, R::inspector, R::leader, R::system_admin, R::security_admin}},
    {P::manage_units, {R::system_admin}},
    {P::read_users, {R::office, R::system_admin, R::security_admin}},
    {P::manage_users, {R::system_admin}},
    {P::reset_passwords, {R::system_admin, R::security_admin}},
    {P::lock_users, {R::security_admin}},
    {P::read_audit, {R::audit_admin}},
    {P::verify_audit, {R::audit_admin, R::security_admin}},
    {P::manage_api_tokens, {R::system_admin}},
    {P::read_framework, {R::office, R::unit_officer, R::inspector, R::leader}},
    {P::read_scores, {R::office, R::unit_officer, R::leader}},
    {P::import_evidence, {R::office}},
    {P::read_sites, {R::office, R::unit_officer, R::inspector, R::leader}},
};

}  // namespace

const char* permission_name(Permission p) {
  switch (p) {
    case P::read_units:
      return "read_units";
    case P::manage_units:
      return "manage_units";
    case P::read_users:
      return "read_users";
    case P::manage_users:
      return "manage_users";
    case P::reset_passwords:
      return "reset_passwords";
    case P::lock_users:
      return "lock_users";
    case P::read_audit:
      return "read_audit";
    case P::verify_audit:
      return "verify_audit";
    case P::manage_api_tokens:
      return "manage_api_tokens";
    case P::read_framework:
      return "read_framework";
    case P::read_scores:
      return "read_scores";
    case P::import_evidence:
      return "import_evidence";
    case P::read_sites:
      return "read_sites";
  }
  return "unknown";
}

const std::vector<Permission>& all_permissions() {
  static const std::vector<Permission> all = [] {
    std::vector<Permission> v;
    for (const Grant& g : kMatrix) v.push_back(g.permission);
    return v;
  }();
  return all;
}

bool can(const Principal& who, Permission p) {
  if (who.is_cli) return true;
  for (const Grant& g : kMatrix) {
    if (g.permission != p) continue;
    for (Role r : g.roles) {
      if (who.has_role(r)) return true;
    }
  }
  return false;
}

}  // namespace civic::service
