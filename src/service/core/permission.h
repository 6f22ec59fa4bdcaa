// Permission: which role may do what, in one table (permission.cc). A permission says what a role may do at
// all (else Forbidden); scope (Principal::in_scope) then limits which objects (else NotFound).
// 三员分立: system_admin manages units and business accounts but cannot read the audit log; security_admin
// manages the system and security administrators' accounts, locks, unlocks and resets passwords;
// audit_admin only reads the audit log and cannot change data or users. Which role grants which role is the
// second table here (may_grant_role; docs/security.md "Granting roles").
// Later features append values here and a row each in the matrix.
#pragma once

#include <string_view>
#include <vector>

#include "domain/core/error.h"
#include "service/core/principal.h"

namespace civic::service {

enum class Permission {
  read_units,                // see the unit tree within scope
  manage_units,              // create and edit units
  read_users,                // list and view user accounts within scope
  manage_users,              // create and edit accounts at all; which accounts and roles: may_grant_role
  reset_passwords,           // issue a one-time password for another user
  lock_users,                // lock and unlock accounts
  read_security_settings,    // see the security policy in force (sign-in, sessions, passwords)
  manage_security_settings,  // change that policy within its bounds (security admin only)
  read_audit,                // read the audit log
  verify_audit,              // run the hash-chain check
  manage_api_tokens,         // create API tokens for another user (everyone may create their own)
  read_framework,            // see frameworks and periods
  read_scores,               // see scores, rankings and weak items within scope
  import_evidence,           // import and export evaluation bundles
  read_sites,                // see the sites (点位) within scope
  read_cases,                // see problem cases within scope (cases.md)
  report_cases,              // open a case (office, hotline) by hand
  act_on_cases,              // take lifecycle actions on cases (the lifecycle then decides which)
  read_case_measures,        // see case measures and red/black lists within scope
  manage_sites,              // create, edit, delete, import sites (点位) within scope
  upload_photos,             // upload photos and evidence files
  read_photos,               // fetch photos and files by id (ids are unguessable hashes)
  read_rounds,               // see inspection rounds (测评轮次) and their sampled sites within scope
  manage_rounds,             // create, assign and complete rounds
  submit_inspections,        // submit and correct inspections (inspectors: only sites assigned to them)
  read_inspections,          // see submitted inspections within scope
  read_plans,                // see work plans, tasks and plan progress within scope
  manage_plans,              // create plans and top-level tasks, import task breakdown tables
  work_tasks,                // split, report on, approve, reject and remind tasks within scope
  manage_periods,            // create, close and reopen periods (测评周期)
  manage_framework,          // edit framework drafts and publish them as new versions (测评体系管理)
  read_statistics,           // see statistic values (数据指标) and the completeness board within scope
  report_statistics,         // save and submit the statistic values one's department reports (office: any)
  review_statistics,         // approve and return statistic values, set the deadline, remind departments
  manage_penalties,          // record and withdraw negative-list events (负面清单)
  read_materials,            // see material submissions (材料申报) within scope
  submit_materials,          // draft and submit material submissions for units within scope
  review_materials,          // grade material submissions and send them back (补充材料)
  read_self_inspections,     // see self-inspections (自查) and their gap tables within scope
  // start, fill in and finish self-inspections for units within scope
  manage_self_inspections,
  read_questionnaires,    // see questionnaires (问卷), their quotas and results within scope
  manage_questionnaires,  // build, publish, close and reopen questionnaires; assign interviewers
  review_responses,       // list and export raw responses; accept or reject flagged / over-quota ones
  submit_interviews,  // answer a questionnaire as an interviewer (街头拦截/入户), see one's assignments
  read_reports,       // see work summaries (工作总结) and their documents within scope, and the archive
  write_reports,      // create work summaries, edit their prose, refresh and submit them
  approve_reports,    // approve, return and publish work summaries (the office head; never one's own)
  read_bulletins,   // see bulletins (通报): drafts within scope (office), published ones naming one's units
  write_bulletins,  // draft bulletins and edit their prose, publish approved ones, withdraw
  approve_bulletins,  // approve a bulletin someone else drafted (four eyes)
  manage_channels,    // add and remove push channels (WeCom, DingTalk, e-mail) and list their deliveries
  view_big_screen,    // the leaders' big screen (数据大屏): its aggregated figures
  read_volunteers,    // see volunteers (志愿者, masked) and volunteer teams within scope
  manage_volunteers,  // confirm, reject and enter volunteers, create teams and change their members in scope
  // see a volunteer's full phone or ID number (?reveal=); every reveal is audited naming whose data
  reveal_personal_data,
  // see activities (志愿服务活动), their sign-ups and service records, practice stations and the activity
  // report within scope
  read_activities,
  // create activities and practice stations, sign volunteers up, check them in and out by hand, confirm,
  // approve, reject and correct service records — the organiser unit's officers and the office
  manage_activities,
  read_selections,  // see selections (评选) and their candidates within scope (the panel: every candidate)
  nominate_selections,  // nominate one's unit or a unit or family below it; review as the superior unit
  review_selections,    // score candidates as a panel reviewer (never of one's own unit or one below it)
  manage_selections,    // create selections, run the notice, resolve objections, approve, name, re-examine
  // form and re-form leadership groups (领导小组) and name responsible persons (第一责任人, 联络员) in scope
  manage_leadership,
};

// "read_units", … (for messages and audit records).
const char* permission_name(Permission p);

// Every permission, in declaration order (for listing what a caller may do).
const std::vector<Permission>& all_permissions();

// The message of a refusal for lack of `p`: key "auth.permission" with the permission's name and the roles
// that have it ("roles": role names joined by ','; the console shows them in the user's language).
MessageKey permission_denied_key(Permission p);

// Whether any of the principal's roles grants `p`. The CLI principal has every permission.
bool can(const Principal& who, Permission p);

// Whether `who` may grant or revoke `role` on an account; `own_account`: the account is the caller's own.
// Business roles (office, unit_officer, inspector, leader): the system admin. system_admin and
// security_admin: the security admin. audit_admin: nobody but the server console (`civic user …`). Nobody
// grants or revokes roles on their own account; the console, which has no account, may grant every role.
bool may_grant_role(const Principal& who, Role role, bool own_account);

// Whether `who` administers an account holding `roles` (edits it, locks it; which operation also needs its
// permission): whoever may grant every one of its roles, never on their own account. So the system admin
// administers business accounts, the security admin the system and security admins' accounts, and the audit
// admin's account only the server console.
bool may_administer_account(const Principal& who, const std::vector<Role>& roles, bool own_account);

}  // namespace civic::service
