// TaskService: the tasks of work plans and what units do with them (workplans.md): the office creates
// top-level tasks; the owner unit splits a task into children owned by units in its scope; the owner
// reports progress (0..1, with files and photos); the assigning unit approves or rejects (reason kept) —
// or a report counts at once when the plan needs no approval — and reminds with a note.
// Scope: a task is visible to a principal whose scope holds its owner or the unit that assigned it; the
// owner side (split, report) needs the owner in scope, the assigning side (approve, reject, remind) the
// assigning unit; anything else is NotFound. Every change is one transaction with its task event, audit
// record and notifications; an action that names a `version` other than the task's is a Conflict.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "domain/plans/plan_progress.h"
#include "domain/units/unit.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/files/photo_service.h"
#include "service/notifications/notification_service.h"
#include "store/core/database.h"
#include "store/core/session.h"
#include "store/plans/plan_repository.h"

namespace civic::service {

// A task of a plan.
struct Task {
  std::string code, title;
  std::string plan;  // plan code
  std::string action;
  std::string owner, owner_name, owner_name_en;  // the owner unit's code and names
  std::string assigned_by;                       // the assigning unit's code
  std::vector<std::string> co_units, items;      // unit codes, framework item codes
  std::string start, due;                        // YYYY-MM-DD
  double weight = 1;
  std::string deliverable, evidence_required;
  std::string parent;  // parent code, "" when top-level
  long long version = 1;
};

// A progress report on a task.
struct TaskReport {
  long long id = 0;
  double progress = 0;
  std::string note;
  std::vector<std::string> files, photos;
  std::string state;  // pending, approved, rejected; noted: a note on a task with sub-tasks (no progress)
  std::string reason, reported_by;
  TimeMs reported_at = 0;
  std::string decided_by;  // "" while pending
  std::optional<TimeMs> decided_at;
  std::string reported_by_name, decided_by_name;  // display names (PeopleNames); "" while pending
};

// One entry of a task's history.
struct TaskEvent {
  long long seq = 0;
  std::string action, actor, actor_name;
  TimeMs at = 0;
  std::string note;
  std::string data = "{}";  // JSON object text
};

// A task as a caller sees it on a day.
struct TaskView {
  Task task;
  std::string action_name;
  int children_count = 0;
  TaskProgress progress;
};

struct TaskDetail {
  TaskView view;
  std::vector<TaskView> children;
  std::vector<TaskReport> reports;
  std::vector<TaskEvent> events;
  std::vector<std::string> allowed_actions;  // for the caller: split, report, approve, reject, remind
};

struct TaskQuery {
  std::string plan, owner, under, action, parent;
  bool top_level = false;
  std::string status;  // "", done, overdue, open
  std::string text;    // part of the code or title
  std::optional<int> day;
};

struct TaskDraft {
  std::string code;  // "" = generated
  std::string title, action, owner;
  std::vector<std::string> co_units, items;
  std::string start, due;
  double weight = 1;
  std::string deliverable, evidence_required;
};

// A task with sub-tasks takes notes and evidence but no percentage (its progress comes from the sub-tasks):
// `progress` is then nullopt, and required otherwise.
struct ProgressReport {
  std::optional<double> progress;
  std::string note;
  std::vector<std::string> files, photos;
};

class TaskService {
 public:
  TaskService(store::Database& db, AuditService& audit, NotificationService& notifications,
              PhotoService& photos)
      : db_(db), audit_(audit), notifications_(notifications), photos_(photos) {}

  Page<TaskView> list(const Principal& who, const TaskQuery& query, const PageRequest& page);
  TaskDetail get(const Principal& who, const std::string& code, std::optional<int> day = {});

  // manage_plans: a top-level task of `plan_code`, assigned by the caller's unit.
  TaskDetail create(const Principal& who, const std::string& plan_code, const TaskDraft& draft);
  TaskDetail split(const Principal& who, const std::string& code, const std::vector<TaskDraft>& children,
                   std::optional<long long> version);
  TaskDetail report(const Principal& who, const std::string& code, const ProgressReport& report,
                    std::optional<long long> version);
  TaskDetail approve(const Principal& who, const std::string& code, long long report_id,
                     std::optional<long long> version);
  TaskDetail reject(const Principal& who, const std::string& code, long long report_id,
                    const std::string& reason, std::optional<long long> version);
  TaskDetail remind(const Principal& who, const std::string& code, const std::string& note,
                    std::optional<long long> version);

 private:
  TaskDetail decide(const Principal& who, const std::string& code, long long report_id, bool approve,
                    const std::string& reason, std::optional<long long> version);

  store::Database& db_;
  AuditService& audit_;
  NotificationService& notifications_;
  PhotoService& photos_;
};

// Checks a draft against the plan and (for a child) its parent, resolving unit codes: InvalidInput naming
// `field` + ".title" etc. Used by TaskService and the breakdown table import.
struct ResolvedDraft {
  store::TaskRow row;  // plan_id, action, title, owner_unit_id, co_units, items, dates, weight, texts
};
// `item_codes` are the framework items of the plan's period (plan_item_codes). `units_by_code`, when given
// (an import that loaded the tree once), resolves unit codes instead of one query each.
ResolvedDraft resolve_task_draft(store::Session& sql, const Principal& who, const store::PlanRow& plan,
                                 const TaskDraft& draft, const store::TaskRow* parent,
                                 const std::set<std::string>& item_codes, const std::string& field,
                                 const std::unordered_map<std::string, Unit>* units_by_code = nullptr);

// Task codes: 1..64 of [A-Za-z0-9_.-]; InvalidInput naming `field` otherwise.
void validate_task_code(const std::string& code, const std::string& field);

// Every framework item code of the plan's period.
std::set<std::string> plan_item_codes(store::Session& sql, const store::PlanRow& plan);

}  // namespace civic::service
