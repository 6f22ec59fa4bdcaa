// Plan progress (workplans.md §Progress, §Units), pure: the roll-up of task progress p, expected progress
// e on a date, done and overdue, and a unit's P, E and behind / on-track status.
//   leaf p: the latest counted report (0 before any); parent p = Σ wᵢ pᵢ / Σ wᵢ over its children.
//   leaf e on day d = clamp((d − start + 1) / (due − start + 1), 0, 1), calendar days, both ends counted;
//   parent e = Σ wᵢ eᵢ / Σ wᵢ. done: p = 1; overdue: p < 1 and d > due.
//   P(U), E(U): weighted means over the tasks U owns that another unit assigned to U; null when none.
//   behind: P < E − tolerance − 1e-9 (scoring.md §5: exactly at the tolerance is on track).
// Days are CivilDate day numbers. Tasks reference their parent by index into the same vector.
#pragma once

#include <optional>
#include <vector>

namespace civic {

struct ProgressTask {
  std::optional<size_t> parent;  // index of the parent task, if any
  long long owner_unit = 0;
  long long assigned_by_unit = 0;
  int start_day = 0;
  int due_day = 0;
  double weight = 1;
  double reported = 0;  // a leaf's latest counted report (0 when none); ignored for parents
};

struct TaskProgress {
  double progress = 0;  // p
  double expected = 0;  // e
  bool done = false;
  bool overdue = false;
};

// e of a leaf with window [start_day, due_day] on `day`.
double expected_leaf_progress(int start_day, int due_day, int day);

// p, e, done and overdue of every task on `day`, by index. Throws std::invalid_argument when a parent
// index is out of range or the parents form a cycle.
std::vector<TaskProgress> roll_up(const std::vector<ProgressTask>& tasks, int day);

enum class ProgressStatus { on_track, behind };

struct UnitProgress {
  std::optional<double> progress;  // P(U); null when U owns no assigned task
  std::optional<double> expected;  // E(U)
  std::optional<ProgressStatus> status;
  int task_count = 0;     // the tasks P and E are over
  int overdue_count = 0;  // of those, the overdue ones
};

// P, E and status of `unit` from the rolled-up tasks.
UnitProgress unit_progress(const std::vector<ProgressTask>& tasks, const std::vector<TaskProgress>& rolled,
                           long long unit, double tolerance);

// "on_track" / "behind".
const char* progress_status_name(ProgressStatus status);

}  // namespace civic
