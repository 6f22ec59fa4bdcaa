#include "domain/cases/case_lifecycle.h"

#include <array>
#include <cmath>
#include <utility>

#include "domain/core/error.h"

namespace civic {

namespace {

constexpr std::array<std::pair<CaseState, const char*>, 7> kStateNames = {{
    {CaseState::reported, "reported"},
    {CaseState::registered, "registered"},
    {CaseState::rejected, "rejected"},
    {CaseState::dispatched, "dispatched"},
    {CaseState::handling, "handling"},
    {CaseState::handled, "handled"},
    {CaseState::closed, "closed"},
}};

constexpr std::array<std::pair<CaseAction, const char*>, 13> kActionNames = {{
    {CaseAction::register_case, "register"},
    {CaseAction::reject, "reject"},
    {CaseAction::dispatch, "dispatch"},
    {CaseAction::accept, "accept"},
    {CaseAction::send_back, "send-back"},
    {CaseAction::ask_postponement, "ask-postponement"},
    {CaseAction::approve_postponement, "approve-postponement"},
    {CaseAction::refuse_postponement, "refuse-postponement"},
    {CaseAction::report_handled, "report-handled"},
    {CaseAction::verify_ok, "verify-ok"},
    {CaseAction::verify_fail, "verify-fail"},
    {CaseAction::reopen, "reopen"},
    {CaseAction::supervise, "supervise"},
}};

constexpr std::array<std::pair<CaseOutcome, const char*>, 2> kOutcomeNames = {{
    {CaseOutcome::fixed, "fixed"},
    {CaseOutcome::closed_not_fixed, "closed_not_fixed"},
}};

template <typename E, std::size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "?";
}

template <typename E, std::size_t N>
std::optional<E> parse_name(const std::array<std::pair<E, const char*>, N>& names, std::string_view text) {
  for (const auto& [v, name] : names) {
    if (text == name) return v;
  }
  return std::nullopt;
}

// Whether `actor` may take `action` on `record` at `now`, ignoring inputs.
bool is_allowed(const CaseRecord& r, CaseAction action, const CaseActor& actor, TimeMs now,
                const CasePolicy& policy) {
  const bool verifier = actor.office || actor.inspector;
  const bool unit = actor.unit_officer_in_scope;
  switch (action) {
    case CaseAction::register_case:
    case CaseAction::reject:
      return r.state == CaseState::reported && actor.office;
    case CaseAction::dispatch:
      return r.state == CaseState::registered && actor.office;
    case CaseAction::accept:
      return r.state == CaseState::dispatched && unit;
    case CaseAction::send_back:
      return (r.state == CaseState::dispatched || r.state == CaseState::handling) && unit;
    case CaseAction::ask_postponement:
      return r.state == CaseState::handling && !r.postponement_pending && unit;
    case CaseAction::approve_postponement:
    case CaseAction::refuse_postponement:
      return r.state == CaseState::handling && r.postponement_pending && actor.office;
    case CaseAction::report_handled:
      return r.state == CaseState::handling && unit;
    case CaseAction::verify_ok:
    case CaseAction::verify_fail:
      return r.state == CaseState::handled && verifier;
    case CaseAction::reopen:
      if (r.state != CaseState::closed) return false;
      if (actor.office) return true;
      return actor.is_reporter && r.closed_at.has_value() &&
             now <= *r.closed_at + policy.reporter_reopen_window_ms;
    case CaseAction::supervise:
      return is_open(r.state) && r.due_at.has_value() && now > *r.due_at && actor.office;
  }
  return false;
}

void require_text(const std::string& value, const char* field, const char* message, MessageKey key) {
  if (value.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InvalidInput(field, message, std::move(key));
}

TimeMs due_after_dispatch(const CaseActionInput& input, TimeMs now, const CasePolicy& policy) {
  require_text(input.category, "category", "category is required to dispatch",
               message_key("case.category.required"));
  require_text(input.severity, "severity", "severity is required to dispatch",
               message_key("case.severity.required"));
  auto factor = policy.severity_factor.find(input.severity);
  if (factor == policy.severity_factor.end())
    throw InvalidInput("severity", "unknown severity: " + input.severity,
                       message_key("case.severity.unknown", {{"severity", input.severity}}));
  auto hours = policy.time_limit_hours_by_category.find(input.category);
  double limit_hours =
      hours == policy.time_limit_hours_by_category.end() ? policy.default_time_limit_hours : hours->second;
  return now + static_cast<TimeMs>(std::llround(limit_hours * factor->second * 3600.0 * 1000.0));
}

}  // namespace

const char* case_state_name(CaseState state) {
  return name_of(kStateNames, state);
}
std::optional<CaseState> parse_case_state(std::string_view text) {
  return parse_name(kStateNames, text);
}
const char* case_action_name(CaseAction action) {
  return name_of(kActionNames, action);
}
std::optional<CaseAction> parse_case_action(std::string_view text) {
  return parse_name(kActionNames, text);
}
const char* case_outcome_name(CaseOutcome outcome) {
  return name_of(kOutcomeNames, outcome);
}
std::optional<CaseOutcome> parse_case_outcome(std::string_view text) {
  return parse_name(kOutcomeNames, text);
}

bool is_open(CaseState state) {
  return state != CaseState::rejected && state != CaseState::closed;
}

std::vector<CaseAction> allowed_actions(const CaseRecord& record, const CaseActor& actor, TimeMs now,
                                        const CasePolicy& policy) {
  std::vector<CaseAction> allowed;
  for (const auto& [action, name] : kActionNames) {
    if (is_allowed(record, action, actor, now, policy)) allowed.push_back(action);
  }
  return allowed;
}

CaseRecord apply(const CaseRecord& record, CaseAction action, const CaseActor& actor,
                 const CaseActionInput& input, TimeMs now, const CasePolicy& policy) {
  if (!is_allowed(record, action, actor, now, policy)) {
    std::string list;
    for (CaseAction a : allowed_actions(record, actor, now, policy)) {
      if (!list.empty()) list += ", ";
      list += case_action_name(a);
    }
    throw Conflict(std::string("action ") + case_action_name(action) + " is not allowed in state " +
                       case_state_name(record.state) + "; allowed: " + (list.empty() ? "none" : list),
                   {},
                   message_key("case.action.not_allowed", {{"action", case_action_name(action)},
                                                           {"state", case_state_name(record.state)},
                                                           {"allowed", list.empty() ? "-" : list}}));
  }

  CaseRecord next = record;
  switch (action) {
    case CaseAction::register_case:
      if (!input.category.empty()) next.category = input.category;
      if (!input.severity.empty()) next.severity = input.severity;
      next.state = CaseState::registered;
      break;
    case CaseAction::reject:
      require_text(input.reason, "reason", "a reason is required to reject a case",
                   message_key("case.reason.required", {{"action", case_action_name(action)}}));
      next.state = CaseState::rejected;
      break;
    case CaseAction::dispatch:
      next.due_at = due_after_dispatch(input, now, policy);
      next.category = input.category;
      next.severity = input.severity;
      if (!next.first_dispatched_at) next.first_dispatched_at = now;
      next.state = CaseState::dispatched;
      break;
    case CaseAction::accept:
      next.state = CaseState::handling;
      break;
    case CaseAction::send_back:
      require_text(input.reason, "reason", "a reason is required to send a case back",
                   message_key("case.reason.required", {{"action", case_action_name(action)}}));
      next.send_back_count += 1;
      next.postponement_pending = false;
      next.state = CaseState::registered;
      break;
    case CaseAction::ask_postponement:
      next.postponement_pending = true;
      break;
    case CaseAction::approve_postponement:
      if (!input.new_due_at)
        throw InvalidInput("new_due_at", "a new due time is required",
                           message_key("case.new_due_at.required"));
      if (record.due_at && *input.new_due_at <= *record.due_at) {
        throw InvalidInput("new_due_at", "the new due time must be after the current one",
                           message_key("case.new_due_at.not_later"));
      }
      next.due_at = *input.new_due_at;
      next.postponement_pending = false;
      next.postponement_approved = true;
      break;
    case CaseAction::refuse_postponement:
      require_text(input.reason, "reason", "a reason is required to refuse a postponement",
                   message_key("case.reason.required", {{"action", case_action_name(action)}}));
      next.postponement_pending = false;
      break;
    case CaseAction::report_handled:
      require_text(input.note, "note", "a note is required to report a case handled",
                   message_key("case.note.required", {{"action", case_action_name(action)}}));
      if (input.photo_ids.empty())
        throw InvalidInput("photo_ids", "at least one photo is required",
                           message_key("case.photos.required"));
      next.handled_at_least_once = true;
      next.postponement_pending = false;
      next.state = CaseState::handled;
      break;
    case CaseAction::verify_ok: {
      CaseOutcome outcome = input.outcome.value_or(CaseOutcome::fixed);
      if (outcome == CaseOutcome::closed_not_fixed) {
        require_text(input.reason, "reason", "a reason is required to close a case not fixed",
                     message_key("case.reason.required", {{"action", case_action_name(action)}}));
      }
      next.outcome = outcome;
      next.closed_at = now;
      next.state = CaseState::closed;
      break;
    }
    case CaseAction::verify_fail:
      require_text(input.reason, "reason", "a reason is required to send a case back for rework",
                   message_key("case.reason.required", {{"action", case_action_name(action)}}));
      next.rework_count += 1;
      next.state = CaseState::handling;
      break;
    case CaseAction::reopen:
      next.reopen_count += 1;
      next.closed_at.reset();
      next.outcome.reset();
      next.state = CaseState::handling;
      break;
    case CaseAction::supervise:
      next.escalation_level += 1;
      break;
  }
  return next;
}

}  // namespace civic
