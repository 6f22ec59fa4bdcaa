#include "domain/cases/case_measures.h"

#include <gtest/gtest.h>

#include <vector>

namespace civic {
namespace {

constexpr TimeMs kHour = 3600LL * 1000;
constexpr TimeMs kT0 = 1'780'000'000'000;

CaseRecord dispatched_case(CaseState state, TimeMs due_after_hours) {
  CaseRecord c;
  c.state = state;
  c.reported_at = kT0 - kHour;
  c.first_dispatched_at = kT0;
  c.due_at = kT0 + due_after_hours * kHour;
  return c;
}

// Five cases, measured at kT0 + 100 h. Expected values are worked out by hand in the tests below. No two
// rates that enter the composite as r and as 1 − r coincide (rework 0.75, postponement 0.2), so swapping a
// term and its complement changes the score.
std::vector<CaseRecord> five_cases() {
  CaseRecord c1 = dispatched_case(CaseState::closed, 48);  // closed on time after 24 h, fixed, reworked once
  c1.closed_at = kT0 + 24 * kHour;
  c1.outcome = CaseOutcome::fixed;
  c1.handled_at_least_once = true;
  c1.rework_count = 1;

  CaseRecord c2 =
      dispatched_case(CaseState::closed, 48);  // closed late after 72 h, not fixed, reworked, postponed
  c2.closed_at = kT0 + 72 * kHour;
  c2.outcome = CaseOutcome::closed_not_fixed;
  c2.handled_at_least_once = true;
  c2.rework_count = 1;
  c2.postponement_approved = true;

  CaseRecord c3 = dispatched_case(CaseState::handling, 48);  // overdue, reworked, sent back once
  c3.handled_at_least_once = true;
  c3.rework_count = 2;
  c3.send_back_count = 1;

  CaseRecord c4 = dispatched_case(CaseState::dispatched, 200);  // not yet due

  CaseRecord c5 = dispatched_case(CaseState::handled, 48);  // overdue, handled once, awaiting verification
  c5.handled_at_least_once = true;
  return {c1, c2, c3, c4, c5};
}

constexpr TimeMs kNow = kT0 + 100 * kHour;

TEST(CaseMeasures, HandComputedRates) {
  std::vector<CaseRecord> cases = five_cases();
  CaseMeasures m = measure_cases(cases, kNow);
  EXPECT_EQ(m.base_count, 5);
  EXPECT_DOUBLE_EQ(*m.closure_rate, 2.0 / 5);            // c1, c2
  EXPECT_DOUBLE_EQ(*m.on_time_closure_rate, 1.0 / 5);    // c1
  EXPECT_DOUBLE_EQ(*m.rework_rate, 3.0 / 4);             // c1, c2, c3 of c1, c2, c3, c5 (not of all 5)
  EXPECT_DOUBLE_EQ(*m.postponement_rate, 1.0 / 5);       // c2
  EXPECT_DOUBLE_EQ(*m.accurate_dispatch_rate, 4.0 / 5);  // c3 sent back
  EXPECT_EQ(m.overdue_open, 2);                          // c3, c5
  EXPECT_DOUBLE_EQ(*m.mean_hours_to_close, (24.0 + 72.0) / 2);
  EXPECT_DOUBLE_EQ(*m.fixed_share, 1.0 / 2);
}

TEST(CaseMeasures, EmptyBaseSetIsNullNotZero) {
  CaseMeasures m = measure_cases({}, kNow);
  EXPECT_EQ(m.base_count, 0);
  EXPECT_EQ(m.closure_rate, std::nullopt);
  EXPECT_EQ(m.on_time_closure_rate, std::nullopt);
  EXPECT_EQ(m.rework_rate, std::nullopt);
  EXPECT_EQ(m.postponement_rate, std::nullopt);
  EXPECT_EQ(m.accurate_dispatch_rate, std::nullopt);
  EXPECT_EQ(m.mean_hours_to_close, std::nullopt);
  EXPECT_EQ(m.fixed_share, std::nullopt);
  EXPECT_EQ(m.overdue_open, 0);
  EXPECT_EQ(composite_score(m), std::nullopt);
}

TEST(CaseMeasures, NothingHandledOrClosedYet) {
  std::vector<CaseRecord> cases = {dispatched_case(CaseState::dispatched, 48),
                                   dispatched_case(CaseState::handling, 48)};
  CaseMeasures m = measure_cases(cases, kT0 + 48 * kHour);  // at due: not overdue
  EXPECT_DOUBLE_EQ(*m.closure_rate, 0.0);
  EXPECT_EQ(m.rework_rate, std::nullopt);
  EXPECT_EQ(m.fixed_share, std::nullopt);
  EXPECT_EQ(m.mean_hours_to_close, std::nullopt);
  EXPECT_EQ(m.overdue_open, 0);
  EXPECT_EQ(measure_cases(cases, kT0 + 48 * kHour + 1).overdue_open, 2);
  // Terms present: 30×0 + 30×0 + 10×(1−0) + 10×1 = 20 of 80 points, rescaled to 100 → 25.
  EXPECT_DOUBLE_EQ(*composite_score(m), 25.0);
}

TEST(CaseMeasures, ClosedExactlyAtDueIsOnTime) {
  CaseRecord c = dispatched_case(CaseState::closed, 48);
  c.closed_at = *c.due_at;
  c.outcome = CaseOutcome::fixed;
  std::vector<CaseRecord> cases = {c};
  EXPECT_DOUBLE_EQ(*measure_cases(cases, kNow).on_time_closure_rate, 1.0);
}

// A case closed without ever being dispatched (closed at registration, e.g. a duplicate) has no time from
// dispatch to closure: it counts in the closure rate but not in the mean time to close.
TEST(CaseMeasures, MeanTimeToCloseOverDispatchedClosedCasesOnly) {
  std::vector<CaseRecord> cases = five_cases();
  CaseRecord undispatched;
  undispatched.state = CaseState::closed;
  undispatched.reported_at = kT0;
  undispatched.closed_at = kT0 + kHour;
  undispatched.outcome = CaseOutcome::closed_not_fixed;
  cases.push_back(undispatched);
  CaseMeasures m = measure_cases(cases, kNow);
  EXPECT_DOUBLE_EQ(*m.closure_rate, 3.0 / 6);
  EXPECT_DOUBLE_EQ(*m.mean_hours_to_close, (24.0 + 72.0) / 2);  // not (24 + 72) / 3
}

TEST(CaseMeasures, RejectedAndClosedAreNotOverdue) {
  CaseRecord rejected = dispatched_case(CaseState::rejected, 1);
  CaseRecord closed = dispatched_case(CaseState::closed, 1);
  closed.closed_at = kT0 + 2 * kHour;
  std::vector<CaseRecord> cases = {rejected, closed};
  EXPECT_EQ(measure_cases(cases, kNow).overdue_open, 0);
}

TEST(CaseMeasures, CompositeDefaultWeights) {
  std::vector<CaseRecord> cases = five_cases();
  CaseMeasures m = measure_cases(cases, kNow);
  // 30×0.4 + 30×0.2 + 20×(1−0.75) + 10×(1−0.2) + 10×0.8 = 12 + 6 + 5 + 8 + 8
  EXPECT_DOUBLE_EQ(*composite_score(m), 39.0);
  // Each term alone, to name the one that is wrong: rework scores 1 − r, postponement 1 − r.
  EXPECT_DOUBLE_EQ(*composite_score(m, {0, 0, 20, 0, 0}), 20 * 0.25);
  EXPECT_DOUBLE_EQ(*composite_score(m, {0, 0, 0, 10, 0}), 10 * 0.8);
  EXPECT_DOUBLE_EQ(*composite_score(m, {0, 0, 0, 0, 10}), 10 * 0.8);
}

TEST(CaseMeasures, CompositeCustomWeights) {
  std::vector<CaseRecord> cases = five_cases();
  CaseMeasures m = measure_cases(cases, kNow);
  CompositeWeights w{50, 50, 0, 0, 0};
  EXPECT_DOUBLE_EQ(*composite_score(m, w), 50 * 0.4 + 50 * 0.2);
}

UnitScore unit(const char* code, std::optional<double> score, long long n) {
  return UnitScore{code, score, n};
}

std::vector<std::string> codes(const std::vector<UnitScore>& list) {
  std::vector<std::string> out;
  for (const UnitScore& u : list) out.push_back(u.unit_code);
  return out;
}

TEST(RedBlackLists, TopAndBottomAmongUnitsWithEnoughCases) {
  std::vector<UnitScore> units = {
      unit("U08", 50, 8), unit("U01", 90, 10), unit("U02", 80, 10),
      unit("U03", 80, 5), unit("U04", 70, 4),  unit("U05", std::nullopt, 20),
      unit("U06", 60, 6), unit("U07", 50, 7),  unit("U09", 95, 3),
  };
  RedBlackLists lists = red_black_lists(units);
  EXPECT_EQ(codes(lists.red), (std::vector<std::string>{"U01", "U02", "U03"}));
  EXPECT_EQ(codes(lists.black), (std::vector<std::string>{"U07", "U08", "U06"}));
}

TEST(RedBlackLists, FewUnitsNeverOnBothLists) {
  std::vector<UnitScore> three = {unit("A", 90, 5), unit("B", 80, 5), unit("C", 70, 5)};
  RedBlackLists lists = red_black_lists(three);
  EXPECT_EQ(codes(lists.red), (std::vector<std::string>{"A"}));
  EXPECT_EQ(codes(lists.black), (std::vector<std::string>{"C"}));

  std::vector<UnitScore> tied = {unit("D", 50, 5), unit("B", 50, 5), unit("A", 50, 5), unit("C", 50, 5)};
  lists = red_black_lists(tied);
  EXPECT_EQ(codes(lists.red), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(codes(lists.black), (std::vector<std::string>{"C", "D"}));

  std::vector<UnitScore> one = {unit("A", 90, 5)};
  lists = red_black_lists(one);
  EXPECT_TRUE(lists.red.empty());
  EXPECT_TRUE(lists.black.empty());
}

TEST(RedBlackLists, CustomRule) {
  std::vector<UnitScore> units = {unit("U01", 90, 10), unit("U02", 80, 10), unit("U03", 99, 9),
                                  unit("U04", 10, 12)};
  RedBlackLists lists = red_black_lists(units, RedBlackRule{1, 10});
  EXPECT_EQ(codes(lists.red), (std::vector<std::string>{"U01"}));
  EXPECT_EQ(codes(lists.black), (std::vector<std::string>{"U04"}));
}

}  // namespace
}  // namespace civic
