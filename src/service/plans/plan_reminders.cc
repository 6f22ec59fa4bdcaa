#include "service/plans/plan_reminders.h"

#include <soci/soci.h>

#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "service/core/json_text.h"
#include "service/plans/plan_snapshot.h"
#include "service/units/unit_place.h"
#include "store/plans/plan_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

ReminderCounts PlanReminders::run() {
  ReminderCounts counts;
  TimeMs now = clock_.now_ms();
  int today = civil_day_number_of(now);
  std::vector<store::PlanRow> plans;
  {
    auto lease = db_.lease();
    plans = store::PlanRepository(*lease).plans();
  }
  for (const auto& plan : plans) {
    // One transaction per plan: its notices and their records commit together.
    db_.transact([&](soci::session& sql) {
      PlanSnapshot snap = PlanSnapshot::load(sql, plan, today);
      store::PlanRepository repo(sql);
      for (size_t i = 0; i < snap.tasks.size(); ++i) {
        const auto& t = snap.tasks[i];
        if (snap.progress[i].done) continue;
        auto due = parse_iso_date(t.due);
        if (!due) continue;
        int left = day_number(*due) - today;
        auto send = [&](const char* kind, long long unit_id, int* counter) {
          if (!repo.record_notice(t.id, kind, t.due, now)) return;
          JsonText params;
          params.add("task", t.code).add("title", t.title).add("plan", t.plan).add("due", t.due);
          params.add("owner", t.owner)
              .add("owner_name", t.owner_name)
              .add("where", unit_place(sql, t.owner_unit_id));
          notifications_.notify_unit(sql, unit_id, kind, params.str(), "task", t.code);
          repo.append_event(t.id, {0, kind, "system", "系统 System", now, "", params.str()});
          ++*counter;
        };
        if (left > 0 && left <= plan.remind_days_before)
          send("task_due_soon", t.owner_unit_id, &counts.due_soon);
        if (left < 0) send("task_overdue", t.owner_unit_id, &counts.overdue);
        if (-left > plan.escalate_after_days) {
          auto owner = store::UnitRepository(sql).find_by_id(t.owner_unit_id);
          if (owner && owner->parent_id) send("task_escalated", *owner->parent_id, &counts.escalated);
        }
      }
    });
  }
  return counts;
}

}  // namespace civic::service
