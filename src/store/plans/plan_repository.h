// PlanRepository: rows of the work-plan tables (migration 7) over one session (the caller's transaction).
// No business rules: PlanService and TaskService check permissions, scope and the plan's rules.
// Lists (co-units, items, phases of an action, files, photos) are stored as comma-joined codes.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct PlanPhaseRow {
  std::string code, name, start, end;  // dates YYYY-MM-DD
};

struct PlanActionRow {
  std::string code, name, description;
  std::vector<std::string> phases;  // phase codes
};

struct PlanRow {
  long long id = 0;
  std::string code, name, period, start, end;  // the period's dates
  bool reports_need_approval = true;
  bool approval_by_other_unit = false;  // four eyes across units: the reporter's unit may not decide
  double tolerance = 0.10;
  long long remind_days_before = 3;
  long long escalate_after_days = 7;
  long long unit_id = 0;  // the unit that made the plan
  long long version = 1;
  TimeMs created_at = 0;
  std::vector<PlanPhaseRow> phases;
  std::vector<PlanActionRow> actions;
};

struct TaskRow {
  long long id = 0;
  std::string code;
  long long plan_id = 0;
  std::string plan;  // plan code
  std::string action, title;
  long long owner_unit_id = 0;
  std::string owner, owner_name, owner_name_en, owner_path;  // joined from units
  long long assigned_by_unit_id = 0;
  std::string assigned_by, assigned_by_path;
  std::vector<std::string> co_units, items;
  std::string start, due;
  double weight = 1;
  std::string deliverable, evidence_required;
  std::optional<long long> parent_id;
  std::string parent;            // parent code, "" when top-level
  double reported_progress = 0;  // the latest counted report
  long long version = 1;
};

struct TaskReportRow {
  long long id = 0;
  long long task_id = 0;
  double progress = 0;
  std::string note;
  std::vector<std::string> files, photos;
  std::string state;  // pending, approved, rejected; noted: a note on a task with sub-tasks (no progress)
  std::string reason, reported_by;
  TimeMs reported_at = 0;
  std::string decided_by;
  std::optional<TimeMs> decided_at;
};

struct TaskEventRow {
  long long seq = 0;
  std::string action, actor, actor_name;
  TimeMs at = 0;
  std::string note;
  std::string data = "{}";  // JSON object text
};

class PlanRepository {
 public:
  explicit PlanRepository(soci::session& sql) : sql_(sql) {}

  // Inserts the plan with its phases and actions; returns it with id set.
  PlanRow insert_plan(PlanRow plan, TimeMs now);
  std::optional<PlanRow> find_plan(const std::string& code);
  std::optional<PlanRow> find_plan_by_id(long long id);
  // Every plan ("" period: all), by period then code.
  std::vector<PlanRow> plans(const std::string& period = {});

  // Inserts the task (id assigned, version 1); the joined fields are not filled.
  long long insert_task(const TaskRow& task, TimeMs now);
  // Inserts many tasks in bulk (store::BulkInserter; each one's parent_id set or none) and returns their ids
  // by code. For imports, inside the caller's transaction.
  std::unordered_map<std::string, long long> insert_tasks(const std::vector<TaskRow>& tasks, TimeMs now);
  // Of `codes`, those that are tasks already (of any plan), asked a thousand codes a query.
  std::unordered_set<std::string> existing_task_codes(const std::vector<std::string>& codes);
  // Writes the editable fields when the stored version is `expected_version`; bumps version.
  bool update_task(const TaskRow& task, long long expected_version, TimeMs now);
  // Bumps the version when it is `expected_version` (every action on a task does).
  bool touch_task(long long id, long long expected_version, TimeMs now);
  void set_reported_progress(long long task_id, double progress);
  std::optional<TaskRow> find_task(const std::string& code);
  // Every task of a plan (0: every plan), by code.
  std::vector<TaskRow> tasks(long long plan_id = 0);
  std::vector<TaskRow> children(long long task_id);

  long long insert_report(const TaskReportRow& report);
  std::vector<TaskReportRow> reports(long long task_id);
  std::optional<TaskReportRow> find_report(long long id);
  void decide_report(long long id, const std::string& state, const std::string& reason,
                     const std::string& decided_by, TimeMs at);
  // The progress of the newest approved report of the task, if any.
  std::optional<double> latest_approved_progress(long long task_id);

  // The display name of user `user_id` as stored (possibly ""); nullopt when there is no such user.
  std::optional<std::string> user_display_name(long long user_id);

  // Appends an event with the next seq of the task; returns the seq.
  long long append_event(long long task_id, const TaskEventRow& event);
  // The first event (seq 1) of each of many new tasks, in bulk: (task id, event).
  void insert_first_events(const std::vector<std::pair<long long, TaskEventRow>>& events);
  std::vector<TaskEventRow> events(long long task_id);

  // Records an automatic notice; false when the same (task, kind, due date) was already recorded.
  bool record_notice(long long task_id, const std::string& kind, const std::string& due_date, TimeMs now);

 private:
  void load_parts(PlanRow& plan);
  soci::session& sql_;
};

// "a,b" ↔ {"a","b"}.
std::string join_codes(const std::vector<std::string>& codes);
std::vector<std::string> split_codes(const std::string& text);

}  // namespace civic::store
