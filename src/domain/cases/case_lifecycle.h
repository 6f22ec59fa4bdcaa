// The problem-case state machine of cases.md ("States and transitions") as pure data and functions.
// `allowed_actions` lists what an actor may do to a case now; `apply` performs one action and returns the new
// record, or throws Conflict ("... allowed: accept, send-back") when the action is not in that list, and
// InvalidInput{field} when a required input is missing or wrong. No I/O: the service stores the event, the
// audit record and notifies; it also decides `CaseActor` (e.g. that the unit officer's scope holds the unit).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/clock.h"

namespace civic {

enum class CaseState { reported, registered, rejected, dispatched, handling, handled, closed };

// Order is the order `allowed_actions` lists them in.
enum class CaseAction {
  register_case,  // 立案
  reject,         // 不予立案
  dispatch,       // 派遣
  accept,
  send_back,  // 退回
  ask_postponement,
  approve_postponement,
  refuse_postponement,
  report_handled,  // 处置反馈
  verify_ok,       // 核查通过
  verify_fail,     // 返工
  reopen,
  supervise,  // 督办
};

enum class CaseOutcome { fixed, closed_not_fixed };

// Text forms: states and outcomes in snake_case ("handling", "closed_not_fixed"); actions in kebab-case as in
// the API path /actions/{action} ("register", "send-back", "verify-ok"). Parsers return nullopt for unknown
// text.
const char* case_state_name(CaseState state);
std::optional<CaseState> parse_case_state(std::string_view text);
const char* case_action_name(CaseAction action);
std::optional<CaseAction> parse_case_action(std::string_view text);
const char* case_outcome_name(CaseOutcome outcome);
std::optional<CaseOutcome> parse_case_outcome(std::string_view text);

// Rejected and closed cases are finished; every other state is open.
bool is_open(CaseState state);

// The part of a case the lifecycle reads and writes.
struct CaseRecord {
  CaseState state = CaseState::reported;
  std::string category;  // set (confirmed) by dispatch
  std::string severity;  // e.g. 一般, 较重, 严重
  TimeMs reported_at = 0;
  std::optional<TimeMs> due_at;               // set by dispatch, moved by an approved postponement
  std::optional<TimeMs> first_dispatched_at;  // the first dispatch only; re-dispatch keeps it
  std::optional<TimeMs> closed_at;            // while closed; cleared by reopen
  std::optional<CaseOutcome> outcome;         // while closed; cleared by reopen
  int rework_count = 0;
  int reopen_count = 0;
  int send_back_count = 0;  // each send-back is a wrong dispatch
  int escalation_level = 0;
  bool postponement_pending = false;
  bool postponement_approved = false;  // at least one postponement was ever approved
  bool handled_at_least_once = false;
  std::optional<long long> reporter_user_id;  // the public reporter, if a user
};

// Who is acting, as far as the lifecycle cares. Several flags may be true at once.
struct CaseActor {
  bool office = false;
  bool inspector = false;
  bool unit_officer_in_scope = false;  // a unit officer whose scope holds the case's responsible unit
  bool is_reporter = false;            // the user who reported the case
};

// What an action may carry; which fields are required depends on the action (see `apply`).
struct CaseActionInput {
  std::string reason;  // reject, send-back, verify-fail, refuse-postponement, closed_not_fixed
  std::string note;    // report-handled
  std::vector<std::string> photo_ids;  // report-handled: at least one
  std::string category;                // dispatch
  std::string severity;                // dispatch
  std::optional<TimeMs> new_due_at;    // approve-postponement: after the current due_at
  std::optional<CaseOutcome> outcome;  // verify-ok; fixed when absent
};

// Time limits: due_at = now + hours(category) × factor(severity). A category missing from the map uses
// `default_time_limit_hours`; a severity missing from the map is invalid input.
struct CasePolicy {
  std::map<std::string, double> time_limit_hours_by_category;
  double default_time_limit_hours = 72;
  std::map<std::string, double> severity_factor = {{"一般", 1.0}, {"较重", 0.5}, {"严重", 0.25}};
  TimeMs reporter_reopen_window_ms = 30LL * 24 * 3600 * 1000;  // reporter may reopen until closed_at + this
};

// The actions `actor` may take on `record` at `now`, in CaseAction order. Roles: office registers, rejects,
// dispatches, decides postponements, verifies, reopens and supervises; the unit officer in scope accepts,
// sends back, asks postponement and reports handled; an inspector verifies; the reporter reopens within
// the window. Supervise needs an open case with now > due_at. Postponement decisions need one pending.
std::vector<CaseAction> allowed_actions(const CaseRecord& record, const CaseActor& actor, TimeMs now,
                                        const CasePolicy& policy = CasePolicy{});

// Performs `action`. Throws Conflict when it is not in allowed_actions (message lists the allowed ones), and
// InvalidInput naming the field: "reason", "note", "photo_ids", "category", "severity", "new_due_at".
// Register keeps a category/severity given in `input`; dispatch requires and records them. verify-ok with no
// outcome means fixed. Reopen clears closed_at and outcome. Leaving `handling` drops a pending postponement.
CaseRecord apply(const CaseRecord& record, CaseAction action, const CaseActor& actor,
                 const CaseActionInput& input, TimeMs now, const CasePolicy& policy = CasePolicy{});

}  // namespace civic
