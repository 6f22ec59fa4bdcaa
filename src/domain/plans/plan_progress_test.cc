#include "domain/plans/plan_progress.h"

#include <gtest/gtest.h>

#include "domain/core/civil_date.h"

namespace civic {
namespace {

int day(const char* iso) {
  return day_number(*parse_iso_date(iso));
}

ProgressTask leaf(long long owner, long long by, const char* start, const char* due, double weight, double p,
                  std::optional<size_t> parent = {}) {
  ProgressTask t;
  t.parent = parent;
  t.owner_unit = owner;
  t.assigned_by_unit = by;
  t.start_day = day(start);
  t.due_day = day(due);
  t.weight = weight;
  t.reported = p;
  return t;
}

TEST(ExpectedProgress, CountsCalendarDaysWithBothEnds) {
  // 10-day window 03-01..03-10: on 03-01 one day of ten has passed, on 03-05 five.
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-03-01"), day("2026-03-10"), day("2026-03-01")), 0.1);
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-03-01"), day("2026-03-10"), day("2026-03-05")), 0.5);
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-03-01"), day("2026-03-10"), day("2026-03-10")), 1.0);
  // Clamped before the start and after the due date.
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-03-01"), day("2026-03-10"), day("2026-02-20")), 0.0);
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-03-01"), day("2026-03-10"), day("2026-04-20")), 1.0);
  // A one-day task is fully expected on its day. Across a month end: 02-27..03-02 is 4 days (2026).
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-03-01"), day("2026-03-01"), day("2026-03-01")), 1.0);
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-02-27"), day("2026-03-02"), day("2026-02-28")), 0.5);
}

TEST(RollUp, ParentIsWeightedMeanOfChildren) {
  // Parent 0 with children of weight 1 (p 1.0) and 3 (p 0.2): p = (1·1 + 3·0.2) / 4 = 0.4.
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-01", "2026-03-31", 1, 0.9),
                                  leaf(3, 2, "2026-03-01", "2026-03-10", 1, 1.0, 0),
                                  leaf(4, 2, "2026-03-01", "2026-03-20", 3, 0.2, 0)};
  auto r = roll_up(tasks, day("2026-03-05"));
  EXPECT_DOUBLE_EQ(r[0].progress, 0.4);  // its own report 0.9 is history only
  // Unequal windows on 03-05: 5/10 = 0.5 and 5/20 = 0.25; weighted (0.5 + 3·0.25) / 4 = 0.3125.
  EXPECT_DOUBLE_EQ(r[1].expected, 0.5);
  EXPECT_DOUBLE_EQ(r[2].expected, 0.25);
  EXPECT_DOUBLE_EQ(r[0].expected, 0.3125);
  EXPECT_TRUE(r[1].done);
  EXPECT_FALSE(r[0].done);
}

TEST(RollUp, ThreeLevelsRollUpThroughTheMiddle) {
  // 0 ← 1 (w 2) ← {3 (p 0.5), 4 (p 1.0)}; 0 ← 2 (w 1, p 0). Node 1: 0.75; node 0: (2·0.75 + 0) / 3 = 0.5.
  std::vector<ProgressTask> tasks{
      leaf(2, 1, "2026-01-01", "2026-06-30", 1, 0), leaf(3, 2, "2026-01-01", "2026-06-30", 2, 0, 0),
      leaf(4, 2, "2026-01-01", "2026-06-30", 1, 0, 0), leaf(5, 3, "2026-01-01", "2026-06-30", 1, 0.5, 1),
      leaf(6, 3, "2026-01-01", "2026-06-30", 1, 1.0, 1)};
  auto r = roll_up(tasks, day("2026-03-01"));
  EXPECT_DOUBLE_EQ(r[1].progress, 0.75);
  EXPECT_DOUBLE_EQ(r[0].progress, 0.5);
}

TEST(RollUp, DoneAndOverdue) {
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-01", "2026-03-10", 1, 1.0),
                                  leaf(2, 1, "2026-03-01", "2026-03-10", 1, 0.99)};
  auto on_due = roll_up(tasks, day("2026-03-10"));
  EXPECT_TRUE(on_due[0].done);
  EXPECT_FALSE(on_due[1].overdue);  // due today is not overdue yet
  auto after = roll_up(tasks, day("2026-03-11"));
  EXPECT_FALSE(after[0].overdue);  // done is never overdue
  EXPECT_TRUE(after[1].overdue);
  EXPECT_FALSE(after[1].done);
}

TEST(RollUp, ParentWhoseChildrenAreAllDoneIsDone) {
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-01", "2026-03-10", 1, 0),
                                  leaf(3, 2, "2026-03-01", "2026-03-10", 0.1, 1.0, 0),
                                  leaf(4, 2, "2026-03-01", "2026-03-10", 0.7, 1.0, 0),
                                  leaf(4, 2, "2026-03-01", "2026-03-10", 0.2, 1.0, 0)};
  auto r = roll_up(tasks, day("2026-03-20"));
  EXPECT_TRUE(r[0].done);
  EXPECT_FALSE(r[0].overdue);
}

TEST(RollUp, RejectsCyclesAndBadParents) {
  std::vector<ProgressTask> cycle{leaf(2, 1, "2026-03-01", "2026-03-10", 1, 0, 1),
                                  leaf(2, 1, "2026-03-01", "2026-03-10", 1, 0, 0)};
  EXPECT_THROW(roll_up(cycle, day("2026-03-01")), std::invalid_argument);
  std::vector<ProgressTask> dangling{leaf(2, 1, "2026-03-01", "2026-03-10", 1, 0, 7)};
  EXPECT_THROW(roll_up(dangling, day("2026-03-01")), std::invalid_argument);
}

TEST(UnitProgress, OverTasksAssignedByAnotherUnitIncludingASplitTask) {
  // District 2 got task 0 from the city (1) and split it for streets 3 and 4; it also gave itself task 3
  // (assigned by itself: not counted for 2).
  std::vector<ProgressTask> tasks{
      leaf(2, 1, "2026-03-01", "2026-03-10", 2, 0), leaf(3, 2, "2026-03-01", "2026-03-10", 1, 0.8, 0),
      leaf(4, 2, "2026-03-01", "2026-03-20", 1, 0.1, 0), leaf(2, 2, "2026-03-01", "2026-03-10", 1, 0.0),
      leaf(2, 1, "2026-03-01", "2026-03-04", 1, 1.0)};
  auto r = roll_up(tasks, day("2026-03-05"));
  // Task 0: p = (0.8 + 0.1) / 2 = 0.45, e = (0.5 + 0.25) / 2 = 0.375. Task 4: p 1, e 1 (past due).
  // P(2) = (2·0.45 + 1·1) / 3 = 1.9/3; E(2) = (2·0.375 + 1) / 3 = 1.75/3 → on track.
  UnitProgress d = unit_progress(tasks, r, 2, 0.10);
  ASSERT_TRUE(d.progress && d.expected && d.status);
  EXPECT_NEAR(*d.progress, 1.9 / 3, 1e-12);
  EXPECT_NEAR(*d.expected, 1.75 / 3, 1e-12);
  EXPECT_EQ(*d.status, ProgressStatus::on_track);
  EXPECT_EQ(d.task_count, 2);
  // Street 4: p 0.1, e 0.25: 0.1 < 0.25 − 0.10 → behind. Street 3: 0.8 ≥ 0.5 − 0.1 → on track.
  UnitProgress s4 = unit_progress(tasks, r, 4, 0.10);
  EXPECT_EQ(*s4.status, ProgressStatus::behind);
  EXPECT_DOUBLE_EQ(*s4.progress, 0.1);
  EXPECT_DOUBLE_EQ(*s4.expected, 0.25);
  EXPECT_EQ(*unit_progress(tasks, r, 3, 0.10).status, ProgressStatus::on_track);
  // A wider tolerance puts street 4 on track: 0.1 ≥ 0.25 − 0.2.
  EXPECT_EQ(*unit_progress(tasks, r, 4, 0.20).status, ProgressStatus::on_track);
}

TEST(UnitProgress, NoTasksIsNullNotZero) {
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-01", "2026-03-10", 1, 0.5)};
  auto r = roll_up(tasks, day("2026-03-05"));
  UnitProgress none = unit_progress(tasks, r, 9, 0.10);
  EXPECT_FALSE(none.progress.has_value());
  EXPECT_FALSE(none.expected.has_value());
  EXPECT_FALSE(none.status.has_value());
  EXPECT_EQ(none.task_count, 0);
}

TEST(UnitProgress, CountsOverdueTasks) {
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-01", "2026-03-03", 1, 0.5),
                                  leaf(2, 1, "2026-03-01", "2026-03-03", 1, 1.0),
                                  leaf(2, 1, "2026-03-01", "2026-03-30", 1, 0.0)};
  auto r = roll_up(tasks, day("2026-03-05"));
  UnitProgress u = unit_progress(tasks, r, 2, 0.10);
  EXPECT_EQ(u.overdue_count, 1);
  EXPECT_EQ(u.task_count, 3);
}

TEST(UnitProgress, ExactlyAtTheToleranceIsOnTrack) {
  // Day 4 of a 10-day window: E = 0.4; P = 0.3 with tolerance 0.1 is exactly at E − tolerance, although in
  // doubles 0.4 − 0.1 = 0.30000000000000004 > 0.3 (scoring.md §5: within 1e-9 is not behind).
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-01", "2026-03-10", 1, 0.3)};
  auto r = roll_up(tasks, day("2026-03-04"));
  UnitProgress u = unit_progress(tasks, r, 2, 0.1);
  ASSERT_TRUE(u.progress && u.expected);
  ASSERT_LT(*u.progress, *u.expected - 0.1);
  EXPECT_EQ(*u.status, ProgressStatus::on_track);
  // A thousandth below the tolerance is behind.
  tasks[0].reported = 0.299;
  EXPECT_EQ(*unit_progress(tasks, roll_up(tasks, day("2026-03-04")), 2, 0.1).status, ProgressStatus::behind);
}

TEST(ExpectedProgress, AWindowEndingBeforeItStartsIsDueFromItsStart) {
  // due < start: no days to spread the work over; nothing is expected before the start, everything from it.
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-03-10"), day("2026-03-09"), day("2026-03-09")), 0.0);
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-03-10"), day("2026-03-09"), day("2026-03-10")), 1.0);
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-03-10"), day("2026-03-09"), day("2026-03-20")), 1.0);
  // A one-day window: nothing the day before, all on the day.
  EXPECT_DOUBLE_EQ(expected_leaf_progress(day("2026-03-10"), day("2026-03-10"), day("2026-03-09")), 0.0);
}

TEST(RollUp, ProgressWithinRoundingOfOneIsDone) {
  // A report an ulp-scale amount below 1 (e.g. 0.1 + 0.2 + 0.7 summed by a client) is 1: done, never overdue.
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-01", "2026-03-10", 1, 0.1 + 0.2 + 0.7 - 1e-12)};
  auto r = roll_up(tasks, day("2026-03-20"));
  EXPECT_EQ(r[0].progress, 1.0);
  EXPECT_TRUE(r[0].done);
  EXPECT_FALSE(r[0].overdue);
}

TEST(RollUp, ReportsAreClampedToZeroAndOne) {
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-01", "2026-03-10", 1, 1.5),
                                  leaf(2, 1, "2026-03-01", "2026-03-10", 1, -0.5)};
  auto r = roll_up(tasks, day("2026-03-05"));
  EXPECT_DOUBLE_EQ(r[0].progress, 1.0);
  EXPECT_TRUE(r[0].done);
  EXPECT_DOUBLE_EQ(r[1].progress, 0.0);
}

TEST(UnitProgress, WeightedMeanOverUnequalWeightsAtExactlyTheTolerance) {
  // Unit 2 holds two tasks from the city, weights 3 and 1 (Σw = 4, not the task count 2), on 03-05:
  //   task 0: 03-01..03-10, e 0.5, p 0.2;  task 1: 03-01..03-20, e 0.25, p 0.45.
  //   P = (3·0.2 + 0.45) / 4 = 0.2625;  E = (3·0.5 + 0.25) / 4 = 0.4375;  E − 0.175 = 0.2625 = P → on track.
  // (An unweighted mean would give P 0.325, E 0.375; dividing by the count, P 0.525.)
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-01", "2026-03-10", 3, 0.2),
                                  leaf(2, 1, "2026-03-01", "2026-03-20", 1, 0.45)};
  auto r = roll_up(tasks, day("2026-03-05"));
  UnitProgress u = unit_progress(tasks, r, 2, 0.175);
  ASSERT_TRUE(u.progress && u.expected && u.status);
  EXPECT_NEAR(*u.progress, 0.2625, 1e-12);
  EXPECT_NEAR(*u.expected, 0.4375, 1e-12);
  EXPECT_EQ(*u.status, ProgressStatus::on_track);
  // A hundredth less tolerance: 0.2625 < 0.4375 − 0.165 → behind.
  EXPECT_EQ(*unit_progress(tasks, r, 2, 0.165).status, ProgressStatus::behind);
}

TEST(UnitProgress, OnTheDueDayEverythingIsExpected) {
  // On 03-10, the due day of a 03-01..03-10 task, E = 1: P 0.9 is on track with tolerance 0.1 (exactly at
  // it), P 0.85 behind; the task is not yet overdue. The next day it is.
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-01", "2026-03-10", 2, 0.9)};
  auto r = roll_up(tasks, day("2026-03-10"));
  EXPECT_DOUBLE_EQ(r[0].expected, 1.0);
  EXPECT_FALSE(r[0].overdue);
  UnitProgress u = unit_progress(tasks, r, 2, 0.1);
  EXPECT_EQ(*u.status, ProgressStatus::on_track);
  EXPECT_EQ(u.overdue_count, 0);
  tasks[0].reported = 0.85;
  EXPECT_EQ(*unit_progress(tasks, roll_up(tasks, day("2026-03-10")), 2, 0.1).status, ProgressStatus::behind);
  EXPECT_EQ(unit_progress(tasks, roll_up(tasks, day("2026-03-11")), 2, 0.1).overdue_count, 1);
}

TEST(UnitProgress, AZeroLengthWindowIsFullyExpectedFromItsStart) {
  // A task due the day before it starts (a zero-length window) held by unit 2 with weight 2, beside a normal
  // one of weight 1 (03-01..03-10, p 0.5) on 03-05: E = (2·1 + 0.5) / 3, P = (2·0.25 + 0.5) / 3.
  std::vector<ProgressTask> tasks{leaf(2, 1, "2026-03-05", "2026-03-04", 2, 0.25),
                                  leaf(2, 1, "2026-03-01", "2026-03-10", 1, 0.5)};
  auto r = roll_up(tasks, day("2026-03-05"));
  EXPECT_DOUBLE_EQ(r[0].expected, 1.0);
  EXPECT_TRUE(r[0].overdue);  // past its due day, not done
  UnitProgress u = unit_progress(tasks, r, 2, 0.1);
  EXPECT_NEAR(*u.expected, 2.5 / 3, 1e-12);
  EXPECT_NEAR(*u.progress, 1.0 / 3, 1e-12);
  EXPECT_EQ(*u.status, ProgressStatus::behind);
  // The day before its start nothing of it is expected.
  auto before = roll_up(tasks, day("2026-03-04"));
  EXPECT_DOUBLE_EQ(before[0].expected, 0.0);
}

}  // namespace
}  // namespace civic
