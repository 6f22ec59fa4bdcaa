// PlanSnapshot: one plan with every task, rolled up on one day (domain/plan_progress.h), as PlanService,
// TaskService and PlanReminders read it. The day is chosen by plan_day: the requested date, or today,
// clamped into the plan's period (so that a finished or future plan still shows a meaningful board).
// Also the small rules every plan reader shares: which plans and tasks a principal may see.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/plans/plan_progress.h"
#include "service/core/principal.h"
#include "store/core/session.h"
#include "store/plans/plan_repository.h"

namespace civic::service {

struct PlanSnapshot {
  store::PlanRow plan;
  int day = 0;  // CivilDate day number the progress is for
  std::vector<store::TaskRow> tasks;
  std::vector<TaskProgress> progress;         // by task index
  std::map<std::string, size_t> by_code;      // task code → index
  std::vector<std::vector<size_t>> children;  // by task index

  static PlanSnapshot load(store::Session& sql, store::PlanRow plan, int day);
  const store::TaskRow* find(const std::string& code) const;
  // The name of the plan action `code` ("" when unknown).
  std::string action_name(const std::string& code) const;
};

// `requested` (a day number) or today (the business day of `now`, domain/core/civil_time.h), clamped into
// [plan.start, plan.end].
int plan_day(const store::PlanRow& plan, std::optional<int> requested, TimeMs now);

// A task is visible to `who` when its owner or the unit that assigned it is in `who`'s scope.
bool task_visible(const Principal& who, const store::TaskRow& task);
// A plan is visible when its unit is in `who`'s scope or is one of `who`'s unit's ancestors.
bool plan_visible(const Principal& who, const std::string& plan_unit_path);

// The principal's own unit (the root for the CLI); NotFound when it is gone.
Unit principal_unit(store::Session& sql, const Principal& who);

}  // namespace civic::service
