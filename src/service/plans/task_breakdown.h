// TaskBreakdown: the task breakdown table (任务分解表) of a plan in and out (workplans.md), CSV or XLSX.
// Import (manage_plans) upserts by task code, all or nothing: the table is parsed (domain/task_table.h),
// then every row is checked against the plan and the database (action, units, items, dates, parent);
// any error throws InvalidTable (domain/table_errors.h) with every row and column at fault and nothing is
// written. A row with 上级任务 (parent) becomes a child of that task (earlier in the file or already in the
// plan), assigned by the parent's owner; other new rows are top-level tasks assigned by the importer's unit.
// The checks ask the database once per table, not once per row (the unit tree, the codes taken); new tasks
// and their first events are written in bulk (COPY on PostgreSQL), a parent's generation before its children.
// Export (read_plans) writes the visible tasks of the plan in the same columns, parents before children.
#pragma once

#include <string>
#include <string_view>

#include "platform/spreadsheet.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/notifications/notification_service.h"
#include "store/core/database.h"

namespace civic::service {

struct ImportCounts {
  int created = 0, updated = 0;
};

class TaskBreakdown {
 public:
  TaskBreakdown(store::Database& db, AuditService& audit, NotificationService& notifications)
      : db_(db), audit_(audit), notifications_(notifications) {}

  ImportCounts import_table(const Principal& who, const std::string& plan_code, const platform::Cells& cells);
  // CSV text (UTF-8, BOM ok) or XLSX bytes, told apart by content.
  ImportCounts import_file(const Principal& who, const std::string& plan_code, std::string_view bytes);

  // Header + one row per task; `owner` "" = every visible task, else only tasks owned by that unit code.
  platform::Cells export_table(const Principal& who, const std::string& plan_code, const std::string& owner);

 private:
  store::Database& db_;
  AuditService& audit_;
  NotificationService& notifications_;
};

}  // namespace civic::service
