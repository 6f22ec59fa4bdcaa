#include "service/core/permission.h"

#include <array>
#include <initializer_list>
#include <string>

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
    {P::manage_users, {R::system_admin, R::security_admin}},
    {P::reset_passwords, {R::system_admin, R::security_admin}},
    {P::lock_users, {R::security_admin}},
    {P::read_security_settings, {R::security_admin}},
    {P::manage_security_settings, {R::security_admin}},
    {P::read_audit, {R::audit_admin}},
    {P::verify_audit, {R::audit_admin, R::security_admin}},
    {P::manage_api_tokens, {R::system_admin}},
    {P::read_framework, {R::office, R::unit_officer, R::inspector, R::leader}},
    {P::read_scores, {R::office, R::unit_officer, R::leader}},
    {P::import_evidence, {R::office}},
    {P::read_sites, {R::office, R::unit_officer, R::inspector, R::leader}},
    {P::read_cases, {R::office, R::unit_officer, R::inspector, R::leader}},
    {P::report_cases, {R::office, R::unit_officer, R::inspector}},
    {P::act_on_cases, {R::office, R::unit_officer, R::inspector}},
    {P::read_case_measures, {R::office, R::unit_officer, R::leader}},
    {P::manage_sites, {R::office}},
    {P::upload_photos, {R::office, R::unit_officer, R::inspector}},
    {P::read_photos, {R::office, R::unit_officer, R::inspector, R::leader}},
    {P::read_rounds, {R::office, R::inspector, R::leader}},
    {P::manage_rounds, {R::office}},
    {P::submit_inspections, {R::office, R::inspector}},
    {P::read_inspections, {R::office, R::unit_officer, R::inspector, R::leader}},
    {P::read_plans, {R::office, R::unit_officer, R::leader}},
    {P::manage_plans, {R::office}},
    {P::work_tasks, {R::office, R::unit_officer}},
    {P::manage_periods, {R::office}},
    {P::manage_framework, {R::office}},
    {P::read_statistics, {R::office, R::unit_officer, R::leader}},
    {P::report_statistics, {R::office, R::unit_officer}},
    {P::review_statistics, {R::office}},
    {P::manage_penalties, {R::office}},
    {P::read_materials, {R::office, R::unit_officer, R::leader}},
    {P::submit_materials, {R::office, R::unit_officer}},
    {P::review_materials, {R::office}},
    {P::read_self_inspections, {R::office, R::unit_officer, R::leader}},
    {P::manage_self_inspections, {R::office, R::unit_officer}},
    {P::read_questionnaires, {R::office, R::leader, R::unit_officer, R::inspector}},
    {P::manage_questionnaires, {R::office}},
    {P::review_responses, {R::office}},
    {P::submit_interviews, {R::office, R::inspector}},
    {P::read_reports, {R::office, R::unit_officer, R::leader}},
    {P::write_reports, {R::office}},
    {P::approve_reports, {R::office}},
    {P::read_bulletins, {R::office, R::unit_officer, R::leader}},
    {P::write_bulletins, {R::office}},
    {P::approve_bulletins, {R::office}},
    {P::manage_channels, {R::office}},
    {P::view_big_screen, {R::office, R::leader}},
    {P::read_volunteers, {R::office, R::unit_officer}},
    {P::manage_volunteers, {R::office, R::unit_officer}},
    {P::reveal_personal_data, {R::office}},
    {P::read_activities, {R::office, R::unit_officer, R::leader}},
    {P::manage_activities, {R::office, R::unit_officer}},
    {P::read_selections, {R::office, R::unit_officer, R::inspector, R::leader}},
    {P::nominate_selections, {R::office, R::unit_officer}},
    {P::review_selections, {R::office, R::inspector}},
    {P::manage_selections, {R::office}},
    {P::manage_leadership, {R::office, R::unit_officer}},
};

// Who grants and revokes each role on another account (三员分立). An empty list: only the server console.
struct RoleGrant {
  Role role;
  std::initializer_list<Role> granted_by;
};

const RoleGrant kRoleGrants[] = {
    {R::office, {R::system_admin}},
    {R::unit_officer, {R::system_admin}},
    {R::inspector, {R::system_admin}},
    {R::leader, {R::system_admin}},
    {R::system_admin, {R::security_admin}},
    {R::security_admin, {R::security_admin}},
    {R::audit_admin, {}},
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
    case P::read_security_settings:
      return "read_security_settings";
    case P::manage_security_settings:
      return "manage_security_settings";
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
    case P::read_cases:
      return "read_cases";
    case P::report_cases:
      return "report_cases";
    case P::act_on_cases:
      return "act_on_cases";
    case P::read_case_measures:
      return "read_case_measures";
    case P::manage_sites:
      return "manage_sites";
    case P::upload_photos:
      return "upload_photos";
    case P::read_photos:
      return "read_photos";
    case P::read_rounds:
      return "read_rounds";
    case P::manage_rounds:
      return "manage_rounds";
    case P::submit_inspections:
      return "submit_inspections";
    case P::read_inspections:
      return "read_inspections";
    case P::read_plans:
      return "read_plans";
    case P::manage_plans:
      return "manage_plans";
    case P::work_tasks:
      return "work_tasks";
    case P::manage_periods:
      return "manage_periods";
    case P::manage_framework:
      return "manage_framework";
    case P::read_statistics:
      return "read_statistics";
    case P::report_statistics:
      return "report_statistics";
    case P::review_statistics:
      return "review_statistics";
    case P::manage_penalties:
      return "manage_penalties";
    case P::read_materials:
      return "read_materials";
    case P::submit_materials:
      return "submit_materials";
    case P::review_materials:
      return "review_materials";
    case P::read_self_inspections:
      return "read_self_inspections";
    case P::manage_self_inspections:
      return "manage_self_inspections";
    case P::read_questionnaires:
      return "read_questionnaires";
    case P::manage_questionnaires:
      return "manage_questionnaires";
    case P::review_responses:
      return "review_responses";
    case P::submit_interviews:
      return "submit_interviews";
    case P::read_reports:
      return "read_reports";
    case P::write_reports:
      return "write_reports";
    case P::approve_reports:
      return "approve_reports";
    case P::read_bulletins:
      return "read_bulletins";
    case P::write_bulletins:
      return "write_bulletins";
    case P::approve_bulletins:
      return "approve_bulletins";
    case P::manage_channels:
      return "manage_channels";
    case P::view_big_screen:
      return "view_big_screen";
    case P::read_volunteers:
      return "read_volunteers";
    case P::manage_volunteers:
      return "manage_volunteers";
    case P::reveal_personal_data:
      return "reveal_personal_data";
    case P::read_activities:
      return "read_activities";
    case P::manage_activities:
      return "manage_activities";
    case P::read_selections:
      return "read_selections";
    case P::nominate_selections:
      return "nominate_selections";
    case P::review_selections:
      return "review_selections";
    case P::manage_selections:
      return "manage_selections";
    case P::manage_leadership:
      return "manage_leadership";
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

MessageKey permission_denied_key(Permission p) {
  std::string roles;
  for (const Grant& g : kMatrix) {
    if (g.permission != p) continue;
    for (Role r : g.roles) roles += (roles.empty() ? "" : ",") + std::string(role_name(r));
  }
  return message_key("auth.permission", {{"permission", permission_name(p)}, {"roles", roles}});
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

bool may_grant_role(const Principal& who, Role role, bool own_account) {
  if (who.is_cli) return true;
  if (own_account) return false;
  for (const RoleGrant& g : kRoleGrants) {
    if (g.role != role) continue;
    for (Role r : g.granted_by) {
      if (who.has_role(r)) return true;
    }
  }
  return false;
}

bool may_administer_account(const Principal& who, const std::vector<Role>& roles, bool own_account) {
  if (who.is_cli) return true;
  if (own_account) return false;
  for (Role r : roles) {
    if (!may_grant_role(who, r, false)) return false;
  }
  return true;
}

}  // namespace civic::service
