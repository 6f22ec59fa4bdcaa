#include "domain/cases/case_lifecycle.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>

#include "domain/core/error.h"

namespace civic {
namespace {

constexpr TimeMs kHour = 3600LL * 1000;
constexpr TimeMs kDay = 24 * kHour;
constexpr TimeMs kNow = 1'780'000'000'000;  // 2026-05-28

const CaseState kAllStates[] = {CaseState::reported,   CaseState::registered, CaseState::rejected,
                                CaseState::dispatched, CaseState::handling,   CaseState::handled,
                                CaseState::closed};
const CaseAction kAllActions[] = {CaseAction::register_case,
                                  CaseAction::reject,
                                  CaseAction::dispatch,
                                  CaseAction::accept,
                                  CaseAction::send_back,
                                  CaseAction::ask_postponement,
                                  CaseAction::approve_postponement,
                                  CaseAction::refuse_postponement,
                                  CaseAction::report_handled,
                                  CaseAction::verify_ok,
                                  CaseAction::verify_fail,
                                  CaseAction::reopen,
                                  CaseAction::supervise};

CaseActor everyone() {
  return CaseActor{true, true, true, true};
}
CaseActor office() {
  return CaseActor{true, false, false, false};
}
CaseActor inspector() {
  return CaseActor{false, true, false, false};
}
CaseActor unit_officer() {
  return CaseActor{false, false, true, false};
}
CaseActor reporter() {
  return CaseActor{false, false, false, true};
}

// Every input an action may need, all valid.
CaseActionInput full_input() {
  CaseActionInput in;
  in.reason = "reason";
  in.note = "fixed the drain";
  in.photo_ids = {"p1"};
  in.category = "路面破损";
  in.severity = "一般";
  in.new_due_at = kNow + 10 * kDay;
  in.outcome = CaseOutcome::fixed;
  return in;
}

// A case in `state`, overdue (except when merely reported), closed a day ago when closed.
CaseRecord case_in(CaseState state, bool postponement_pending = false) {
  CaseRecord r;
  r.state = state;
  r.reported_at = kNow - 20 * kDay;
  if (state != CaseState::reported && state != CaseState::rejected) {
    r.first_dispatched_at = kNow - 10 * kDay;
    r.due_at = kNow - kDay;
  }
  if (state == CaseState::closed) {
    r.closed_at = kNow - kDay;
    r.outcome = CaseOutcome::fixed;
  }
  r.postponement_pending = postponement_pending;
  return r;
}

// cases.md "States and transitions": the allowed (from, action) pairs and where they lead.
const std::map<std::pair<CaseState, CaseAction>, CaseState> kTransitions = {
    {{CaseState::reported, CaseAction::register_case}, CaseState::registered},
    {{CaseState::reported, CaseAction::reject}, CaseState::rejected},
    {{CaseState::registered, CaseAction::dispatch}, CaseState::dispatched},
    {{CaseState::registered, CaseAction::supervise}, CaseState::registered},
    {{CaseState::dispatched, CaseAction::accept}, CaseState::handling},
    {{CaseState::dispatched, CaseAction::send_back}, CaseState::registered},
    {{CaseState::dispatched, CaseAction::supervise}, CaseState::dispatched},
    {{CaseState::handling, CaseAction::send_back}, CaseState::registered},
    {{CaseState::handling, CaseAction::ask_postponement}, CaseState::handling},
    {{CaseState::handling, CaseAction::approve_postponement}, CaseState::handling},
    {{CaseState::handling, CaseAction::refuse_postponement}, CaseState::handling},
    {{CaseState::handling, CaseAction::report_handled}, CaseState::handled},
    {{CaseState::handling, CaseAction::supervise}, CaseState::handling},
    {{CaseState::handled, CaseAction::verify_ok}, CaseState::closed},
    {{CaseState::handled, CaseAction::verify_fail}, CaseState::handling},
    {{CaseState::handled, CaseAction::supervise}, CaseState::handled},
    {{CaseState::closed, CaseAction::reopen}, CaseState::handling},
};

bool needs_pending(CaseAction a) {
  return a == CaseAction::approve_postponement || a == CaseAction::refuse_postponement;
}

TEST(CaseLifecycle, EveryStateActionPairFollowsTheTable) {
  int allowed = 0;
  for (CaseState s : kAllStates) {
    for (CaseAction a : kAllActions) {
      CaseRecord r = case_in(s, needs_pending(a));
      auto it = kTransitions.find({s, a});
      SCOPED_TRACE(std::string(case_state_name(s)) + " / " + case_action_name(a));
      if (it != kTransitions.end()) {
        ++allowed;
        CaseRecord next = apply(r, a, everyone(), full_input(), kNow);
        EXPECT_EQ(next.state, it->second);
      } else {
        EXPECT_THROW(apply(r, a, everyone(), full_input(), kNow), Conflict);
      }
    }
  }
  EXPECT_EQ(allowed, 17);
}

TEST(CaseLifecycle, AllowedActionsMatchTheTable) {
  for (CaseState s : kAllStates) {
    std::vector<CaseAction> expected;
    for (CaseAction a : kAllActions) {
      if (kTransitions.count({s, a}) && !needs_pending(a)) expected.push_back(a);
    }
    EXPECT_EQ(allowed_actions(case_in(s), everyone(), kNow), expected) << case_state_name(s);
  }
}

TEST(CaseLifecycle, ConflictMessageListsAllowedActions) {
  try {
    apply(case_in(CaseState::dispatched), CaseAction::verify_ok, unit_officer(), full_input(), kNow);
    FAIL() << "expected Conflict";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
    EXPECT_NE(std::string(e.what()).find("allowed: accept, send-back"), std::string::npos) << e.what();
  }
  try {
    apply(case_in(CaseState::rejected), CaseAction::reopen, office(), full_input(), kNow);
    FAIL() << "expected Conflict";
  } catch (const Conflict& e) {
    EXPECT_NE(std::string(e.what()).find("allowed: none"), std::string::npos) << e.what();
  }
}

TEST(CaseLifecycle, RolesAreEnforced) {
  const CaseActionInput in = full_input();
  EXPECT_THROW(apply(case_in(CaseState::reported), CaseAction::register_case, unit_officer(), in, kNow),
               Conflict);
  EXPECT_THROW(apply(case_in(CaseState::registered), CaseAction::dispatch, inspector(), in, kNow), Conflict);
  EXPECT_THROW(apply(case_in(CaseState::dispatched), CaseAction::accept, office(), in, kNow), Conflict);
  EXPECT_THROW(apply(case_in(CaseState::handling), CaseAction::report_handled, office(), in, kNow), Conflict);
  EXPECT_THROW(apply(case_in(CaseState::handled), CaseAction::verify_ok, unit_officer(), in, kNow), Conflict);
  EXPECT_THROW(
      apply(case_in(CaseState::handling, true), CaseAction::approve_postponement, unit_officer(), in, kNow),
      Conflict);
  EXPECT_THROW(apply(case_in(CaseState::handling), CaseAction::supervise, unit_officer(), in, kNow),
               Conflict);
  EXPECT_EQ(apply(case_in(CaseState::handled), CaseAction::verify_ok, inspector(), in, kNow).state,
            CaseState::closed);
  EXPECT_EQ(apply(case_in(CaseState::handled), CaseAction::verify_fail, office(), in, kNow).state,
            CaseState::handling);
  EXPECT_EQ(apply(case_in(CaseState::dispatched), CaseAction::accept, unit_officer(), in, kNow).state,
            CaseState::handling);
}

TEST(CaseLifecycle, ActionNamesRoundTrip) {
  for (CaseAction a : kAllActions) EXPECT_EQ(parse_case_action(case_action_name(a)), a);
  for (CaseState s : kAllStates) EXPECT_EQ(parse_case_state(case_state_name(s)), s);
  EXPECT_STREQ(case_action_name(CaseAction::register_case), "register");
  EXPECT_STREQ(case_action_name(CaseAction::send_back), "send-back");
  EXPECT_STREQ(case_action_name(CaseAction::ask_postponement), "ask-postponement");
  EXPECT_STREQ(case_action_name(CaseAction::verify_fail), "verify-fail");
  EXPECT_EQ(parse_case_action("send_back"), std::nullopt);
  EXPECT_EQ(parse_case_action(""), std::nullopt);
  EXPECT_EQ(parse_case_outcome("closed_not_fixed"), CaseOutcome::closed_not_fixed);
  EXPECT_STREQ(case_outcome_name(CaseOutcome::fixed), "fixed");
  EXPECT_EQ(parse_case_state("open"), std::nullopt);
}

// Expects apply to throw InvalidInput naming `field`.
void expect_invalid(const CaseRecord& r, CaseAction a, const CaseActionInput& in, const std::string& field) {
  try {
    apply(r, a, everyone(), in, kNow);
    ADD_FAILURE() << case_action_name(a) << ": expected InvalidInput{" << field << "}";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), field) << case_action_name(a);
  }
}

TEST(CaseLifecycle, ReasonIsRequired) {
  CaseActionInput in = full_input();
  in.reason = "  ";
  expect_invalid(case_in(CaseState::reported), CaseAction::reject, in, "reason");
  expect_invalid(case_in(CaseState::dispatched), CaseAction::send_back, in, "reason");
  expect_invalid(case_in(CaseState::handling), CaseAction::send_back, in, "reason");
  expect_invalid(case_in(CaseState::handled), CaseAction::verify_fail, in, "reason");
  expect_invalid(case_in(CaseState::handling, true), CaseAction::refuse_postponement, in, "reason");
  in.outcome = CaseOutcome::closed_not_fixed;
  expect_invalid(case_in(CaseState::handled), CaseAction::verify_ok, in, "reason");
  // A fixed outcome needs no reason; absent outcome means fixed.
  in.outcome.reset();
  CaseRecord closed = apply(case_in(CaseState::handled), CaseAction::verify_ok, everyone(), in, kNow);
  EXPECT_EQ(closed.outcome, CaseOutcome::fixed);
  EXPECT_EQ(closed.closed_at, kNow);
}

TEST(CaseLifecycle, ReportHandledNeedsNoteAndPhoto) {
  CaseActionInput in = full_input();
  in.note.clear();
  expect_invalid(case_in(CaseState::handling), CaseAction::report_handled, in, "note");
  in = full_input();
  in.photo_ids.clear();
  expect_invalid(case_in(CaseState::handling), CaseAction::report_handled, in, "photo_ids");
  CaseRecord handled =
      apply(case_in(CaseState::handling), CaseAction::report_handled, unit_officer(), full_input(), kNow);
  EXPECT_TRUE(handled.handled_at_least_once);
}

TEST(CaseLifecycle, DispatchNeedsCategoryAndKnownSeverity) {
  CaseActionInput in = full_input();
  in.category.clear();
  expect_invalid(case_in(CaseState::registered), CaseAction::dispatch, in, "category");
  in = full_input();
  in.severity.clear();
  expect_invalid(case_in(CaseState::registered), CaseAction::dispatch, in, "severity");
  in.severity = "catastrophic";
  expect_invalid(case_in(CaseState::registered), CaseAction::dispatch, in, "severity");
}

TEST(CaseLifecycle, ApprovePostponementNeedsLaterDue) {
  CaseRecord r = case_in(CaseState::handling, true);
  CaseActionInput in = full_input();
  in.new_due_at.reset();
  expect_invalid(r, CaseAction::approve_postponement, in, "new_due_at");
  in.new_due_at = *r.due_at;
  expect_invalid(r, CaseAction::approve_postponement, in, "new_due_at");
  in.new_due_at = *r.due_at + kDay;
  CaseRecord next = apply(r, CaseAction::approve_postponement, office(), in, kNow);
  EXPECT_EQ(next.due_at, *r.due_at + kDay);
  EXPECT_FALSE(next.postponement_pending);
  EXPECT_TRUE(next.postponement_approved);
}

TEST(CaseLifecycle, PostponementOnlyWhileHandlingAndNonePending) {
  CaseRecord r = case_in(CaseState::handling);
  CaseRecord asked = apply(r, CaseAction::ask_postponement, unit_officer(), {}, kNow);
  EXPECT_TRUE(asked.postponement_pending);
  EXPECT_EQ(asked.state, CaseState::handling);
  EXPECT_THROW(apply(asked, CaseAction::ask_postponement, unit_officer(), {}, kNow), Conflict);
  EXPECT_THROW(apply(r, CaseAction::approve_postponement, office(), full_input(), kNow), Conflict);
  CaseRecord refused = apply(asked, CaseAction::refuse_postponement, office(), full_input(), kNow);
  EXPECT_FALSE(refused.postponement_pending);
  EXPECT_FALSE(refused.postponement_approved);
  EXPECT_EQ(refused.due_at, r.due_at);
  EXPECT_THROW(apply(case_in(CaseState::dispatched), CaseAction::ask_postponement, unit_officer(), {}, kNow),
               Conflict);
  // Leaving handling drops the request.
  CaseRecord handled = apply(asked, CaseAction::report_handled, unit_officer(), full_input(), kNow);
  EXPECT_FALSE(handled.postponement_pending);
}

TEST(CaseLifecycle, DueDateArithmetic) {
  CasePolicy policy;
  policy.time_limit_hours_by_category = {{"路面破损", 48}, {"占道经营", 2}};
  policy.default_time_limit_hours = 72;
  CaseRecord r = case_in(CaseState::registered);
  r.due_at.reset();
  r.first_dispatched_at.reset();
  CaseActionInput in = full_input();

  in.category = "路面破损";
  in.severity = "一般";
  EXPECT_EQ(apply(r, CaseAction::dispatch, office(), in, kNow, policy).due_at, kNow + 48 * kHour);
  in.severity = "较重";
  EXPECT_EQ(apply(r, CaseAction::dispatch, office(), in, kNow, policy).due_at, kNow + 24 * kHour);
  in.severity = "严重";
  EXPECT_EQ(apply(r, CaseAction::dispatch, office(), in, kNow, policy).due_at, kNow + 12 * kHour);
  in.category = "占道经营";  // 2 h × 0.25 = 30 min
  EXPECT_EQ(apply(r, CaseAction::dispatch, office(), in, kNow, policy).due_at, kNow + 30 * 60 * 1000);
  in.category = "其他";  // not in the map: default 72 h × 0.25
  CaseRecord d = apply(r, CaseAction::dispatch, office(), in, kNow, policy);
  EXPECT_EQ(d.due_at, kNow + 18 * kHour);
  EXPECT_EQ(d.first_dispatched_at, kNow);
  EXPECT_EQ(d.category, "其他");
  EXPECT_EQ(d.severity, "严重");
}

TEST(CaseLifecycle, SendBackThenRedispatchKeepsFirstDispatch) {
  CaseRecord r = case_in(CaseState::registered);
  r.due_at.reset();
  r.first_dispatched_at.reset();
  CaseRecord d1 = apply(r, CaseAction::dispatch, office(), full_input(), kNow);
  CaseRecord back = apply(d1, CaseAction::send_back, unit_officer(), full_input(), kNow + kHour);
  EXPECT_EQ(back.state, CaseState::registered);
  EXPECT_EQ(back.send_back_count, 1);
  CaseRecord d2 = apply(back, CaseAction::dispatch, office(), full_input(), kNow + 2 * kHour);
  EXPECT_EQ(d2.first_dispatched_at, kNow);
  EXPECT_EQ(d2.due_at, kNow + 2 * kHour + 72 * kHour);
}

TEST(CaseLifecycle, VerifyFailCountsReworkAndKeepsDue) {
  CaseRecord r = case_in(CaseState::handled);
  CaseRecord next = apply(r, CaseAction::verify_fail, inspector(), full_input(), kNow);
  EXPECT_EQ(next.state, CaseState::handling);
  EXPECT_EQ(next.rework_count, 1);
  EXPECT_EQ(next.due_at, r.due_at);
}

TEST(CaseLifecycle, ReopenWindowForReporter) {
  CaseRecord r = case_in(CaseState::closed);
  r.closed_at = kNow - 29 * kDay;
  CaseRecord reopened = apply(r, CaseAction::reopen, reporter(), {}, kNow);
  EXPECT_EQ(reopened.state, CaseState::handling);
  EXPECT_EQ(reopened.reopen_count, 1);
  EXPECT_EQ(reopened.closed_at, std::nullopt);
  EXPECT_EQ(reopened.outcome, std::nullopt);

  r.closed_at = kNow - 30 * kDay;  // the 30th day is still inside
  EXPECT_NO_THROW(apply(r, CaseAction::reopen, reporter(), {}, kNow));
  r.closed_at = kNow - 31 * kDay;
  EXPECT_THROW(apply(r, CaseAction::reopen, reporter(), {}, kNow), Conflict);
  EXPECT_TRUE(allowed_actions(r, reporter(), kNow).empty());
  // Office may reopen any time; a stranger never.
  EXPECT_EQ(apply(r, CaseAction::reopen, office(), {}, kNow).reopen_count, 1);
  EXPECT_THROW(apply(r, CaseAction::reopen, CaseActor{}, {}, kNow), Conflict);
  // The window is policy.
  CasePolicy longer;
  longer.reporter_reopen_window_ms = 60 * kDay;
  EXPECT_NO_THROW(apply(r, CaseAction::reopen, reporter(), {}, kNow, longer));
}

TEST(CaseLifecycle, SuperviseOnlyPastDue) {
  CaseRecord r = case_in(CaseState::handling);
  r.due_at = kNow;
  EXPECT_THROW(apply(r, CaseAction::supervise, office(), {}, kNow), Conflict);  // at due: not past it
  EXPECT_THROW(apply(r, CaseAction::supervise, office(), {}, kNow - kHour), Conflict);
  CaseRecord once = apply(r, CaseAction::supervise, office(), {}, kNow + 1);
  EXPECT_EQ(once.escalation_level, 1);
  EXPECT_EQ(once.state, CaseState::handling);
  EXPECT_EQ(apply(once, CaseAction::supervise, office(), {}, kNow + kDay).escalation_level, 2);
  // No due date yet, or finished: never.
  EXPECT_THROW(apply(case_in(CaseState::reported), CaseAction::supervise, office(), {}, kNow), Conflict);
  EXPECT_THROW(apply(case_in(CaseState::closed), CaseAction::supervise, office(), {}, kNow), Conflict);
}

TEST(CaseLifecycle, FullLifecycle) {
  CaseRecord r;
  r.reported_at = kNow;
  r = apply(r, CaseAction::register_case, office(), {}, kNow);
  r = apply(r, CaseAction::dispatch, office(), full_input(), kNow + kHour);
  r = apply(r, CaseAction::accept, unit_officer(), {}, kNow + 2 * kHour);
  r = apply(r, CaseAction::report_handled, unit_officer(), full_input(), kNow + 3 * kHour);
  r = apply(r, CaseAction::verify_fail, inspector(), full_input(), kNow + 4 * kHour);
  r = apply(r, CaseAction::report_handled, unit_officer(), full_input(), kNow + 5 * kHour);
  r = apply(r, CaseAction::verify_ok, inspector(), {}, kNow + 6 * kHour);
  EXPECT_EQ(r.state, CaseState::closed);
  EXPECT_EQ(r.first_dispatched_at, kNow + kHour);
  EXPECT_EQ(r.closed_at, kNow + 6 * kHour);
  EXPECT_EQ(r.rework_count, 1);
  EXPECT_TRUE(r.handled_at_least_once);
  EXPECT_FALSE(is_open(r.state));
}

}  // namespace
}  // namespace civic
