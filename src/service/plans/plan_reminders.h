// PlanReminders: the scheduled job `plans.reminders` (workplans.md §Reminders and escalation). On each run,
// for every task not done on today's date (the business day, domain/core/civil_time.h):
//   task_due_soon   to the owner unit, once, when 0 < due − today ≤ the plan's remind_days_before;
//   task_overdue    to the owner unit, once, when today > due;
//   task_escalated  to the owner's parent unit, once, when today − due > the plan's escalate_after_days.
// "Once" is per task, kind and due date (a task given a new due date is reminded again), recorded in
// task_notices in the same transaction as the notification, so runs are idempotent and several servers
// on one database send each notice once. Each notice is also a task event.
#pragma once

#include "service/notifications/notification_service.h"
#include "store/core/database.h"

namespace civic::service {

struct ReminderCounts {
  int due_soon = 0, overdue = 0, escalated = 0;
};

class PlanReminders {
 public:
  PlanReminders(store::Database& db, NotificationService& notifications, const Clock& clock)
      : db_(db), notifications_(notifications), clock_(clock) {}

  // One pass over every plan at the clock's time; returns the notices sent now.
  ReminderCounts run();

  static constexpr const char* kJobName = "plans.reminders";

 private:
  store::Database& db_;
  NotificationService& notifications_;
  const Clock& clock_;
};

}  // namespace civic::service
