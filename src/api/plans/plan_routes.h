// Work plans (workplans.md, contract "Work plans").
// add_plan_routes: GET /api/plans[?period], GET /api/plans/{code}, POST /api/plans (office), GET
// /api/plan-progress?unit=&date=&plan= (each unit named with unit_name and unit_name_en), GET
// /api/plans/{code}/lagging-items?unit=, POST /api/plans/{code}/tasks/import (CSV or XLSX body; all or
// nothing; a table error answers 400 with `errors:[{row, column, message}]`), GET
// /api/plans/{code}/tasks/export?format=csv|xlsx&owner=.
// add_task_routes: GET /api/tasks?plan=&owner=&under=&action=&parent=&top_level=true
// &status=done|overdue|open&q=&date=&page, GET /api/tasks/{code}[?date=], POST /api/tasks (office: a
// top-level task), POST /api/tasks/{code}/actions/{split|report|approve|reject|remind}. A task names its
// owner unit with owner_name and owner_name_en. Progress and expected progress are for `date` (default
// today) clamped into the plan's period.
#pragma once

#include "http/router.h"
#include "service/plans/plan_service.h"
#include "service/plans/task_breakdown.h"
#include "service/plans/task_service.h"

namespace civic::api {

void add_plan_routes(http::Router& router, service::PlanService& plans, service::TaskBreakdown& task_tables);
void add_task_routes(http::Router& router, service::TaskService& tasks);

}  // namespace civic::api
