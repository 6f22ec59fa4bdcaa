#include "domain/plans/plan_progress.h"

#include <algorithm>
#include <stdexcept>

#include "domain/core/comparison.h"

namespace civic {

double expected_leaf_progress(int start_day, int due_day, int day) {
  double span = static_cast<double>(due_day - start_day + 1);
  if (span <= 0) return day >= start_day ? 1.0 : 0.0;
  return std::clamp((day - start_day + 1) / span, 0.0, 1.0);
}

std::vector<TaskProgress> roll_up(const std::vector<ProgressTask>& tasks, int day) {
  const size_t n = tasks.size();
  std::vector<std::vector<size_t>> children(n);
  for (size_t i = 0; i < n; ++i) {
    if (!tasks[i].parent) continue;
    if (*tasks[i].parent >= n) throw std::invalid_argument("task parent index out of range");
    children[*tasks[i].parent].push_back(i);
  }
  std::vector<TaskProgress> out(n);
  // 0 unvisited, 1 on the stack, 2 computed: iterative post-order so deep trees cannot overflow the stack.
  std::vector<int> state(n, 0);
  for (size_t root = 0; root < n; ++root) {
    if (state[root] == 2) continue;
    std::vector<size_t> stack{root};
    while (!stack.empty()) {
      size_t i = stack.back();
      if (state[i] == 0) {
        state[i] = 1;
        for (size_t c : children[i]) {
          if (state[c] == 1) throw std::invalid_argument("task parents form a cycle");
          if (state[c] == 0) stack.push_back(c);
        }
        continue;
      }
      stack.pop_back();
      if (state[i] == 2) continue;
      const ProgressTask& t = tasks[i];
      TaskProgress& r = out[i];
      if (children[i].empty()) {
        r.progress = std::clamp(t.reported, 0.0, 1.0);
        r.expected = expected_leaf_progress(t.start_day, t.due_day, day);
      } else {
        double w = 0, p = 0, e = 0;
        for (size_t c : children[i]) {
          w += tasks[c].weight;
          p += tasks[c].weight * out[c].progress;
          e += tasks[c].weight * out[c].expected;
        }
        r.progress = w > 0 ? p / w : 0;
        r.expected = w > 0 ? e / w : 0;
      }
      // Sums of products can miss 1 by an ulp; a task whose children are all done is done.
      if (!clearly_less(r.progress, 1)) r.progress = 1;
      r.done = r.progress >= 1;
      r.overdue = !r.done && day > t.due_day;
      state[i] = 2;
    }
  }
  return out;
}

UnitProgress unit_progress(const std::vector<ProgressTask>& tasks, const std::vector<TaskProgress>& rolled,
                           long long unit, double tolerance) {
  UnitProgress u;
  double w = 0, p = 0, e = 0;
  for (size_t i = 0; i < tasks.size(); ++i) {
    const ProgressTask& t = tasks[i];
    if (t.owner_unit != unit || t.assigned_by_unit == unit) continue;
    ++u.task_count;
    if (rolled[i].overdue) ++u.overdue_count;
    w += t.weight;
    p += t.weight * rolled[i].progress;
    e += t.weight * rolled[i].expected;
  }
  if (u.task_count == 0 || w <= 0) return u;
  u.progress = p / w;
  u.expected = e / w;
  u.status =
      clearly_less(*u.progress, *u.expected - tolerance) ? ProgressStatus::behind : ProgressStatus::on_track;
  return u;
}

const char* progress_status_name(ProgressStatus status) {
  return status == ProgressStatus::behind ? "behind" : "on_track";
}

}  // namespace civic
