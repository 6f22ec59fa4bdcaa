// PlanService: work plans (workplans.md): creating and reading plans with their phases and actions, the
// progress board of a unit (时间过半、任务过半) and the items whose tasks are done but whose scores lag.
// Plans are made by the office (manage_plans) for a period that exists; phases lie inside the period and do
// not overlap; every phase an action names exists. A plan is visible to units at, under or above the unit
// that made it. Progress is read on a date: the one asked for, else today, clamped into the plan's period.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/plans/plan_progress.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/evaluation/evaluation_service.h"
#include "store/core/database.h"

namespace civic::service {

struct PlanPhase {
  std::string code, name, start, end;  // dates YYYY-MM-DD
};

struct PlanAction {
  std::string code, name, description;
  std::vector<std::string> phases;  // phase codes
};

// A plan as callers see it.
struct Plan {
  std::string code, name, period, start, end;  // start and end: the period's dates
  bool reports_need_approval = true;
  bool approval_by_other_unit = false;  // four eyes across units: nobody of the reporting unit decides
  double tolerance = 0.10;
  long long remind_days_before = 3;
  long long escalate_after_days = 7;
  std::vector<PlanPhase> phases;
  std::vector<PlanAction> actions;
  long long version = 1;
};

// What a new plan is made of.
struct PlanDraft {
  std::string code, name, period;
  bool reports_need_approval = true;
  bool approval_by_other_unit = false;  // four eyes across units: nobody of the reporting unit decides
  double tolerance = 0.10;
  long long remind_days_before = 3;
  long long escalate_after_days = 7;
  std::vector<PlanPhase> phases;
  std::vector<PlanAction> actions;
};

struct UnitBoardRow {
  std::string unit, unit_name, unit_name_en;
  UnitProgress progress;
};

struct ProgressBoard {
  std::string plan;
  std::string date;  // YYYY-MM-DD the progress is for
  double tolerance = 0.10;
  UnitBoardRow unit;
  std::vector<UnitBoardRow> children;  // each child unit of `unit`, in the tree's order
};

struct LaggingItem {
  std::string item, item_name;
  double score_rate = 0;
  std::vector<std::string> tasks;  // the done tasks linked to the item in the unit's scope
};

inline constexpr double kLaggingThreshold = 0.85;

class PlanService {
 public:
  PlanService(store::Database& db, AuditService& audit, EvaluationService& evaluation)
      : db_(db), audit_(audit), evaluation_(evaluation) {}

  // manage_plans. InvalidInput naming the field (e.g. "phases[1].start"); Conflict when the code exists.
  Plan create(const Principal& who, const PlanDraft& draft);
  // read_plans: the plans visible to `who` ("" period: every period).
  std::vector<Plan> list(const Principal& who, const std::string& period);
  // read_plans; NotFound when unknown or not visible.
  Plan get(const Principal& who, const std::string& code);

  // read_plans. `unit_code` "" = the caller's unit; `plan_code` "" = the visible plan whose period holds the
  // date (else the newest); `day` empty = today. NotFound for a unit outside scope or no plan.
  ProgressBoard progress(const Principal& who, const std::string& unit_code, std::optional<int> day,
                         const std::string& plan_code);

  // read_plans + read_scores: framework items whose linked tasks in `unit_code`'s scope are all done while
  // the unit's score rate for the item in the plan's period is below kLaggingThreshold.
  std::vector<LaggingItem> lagging_items(const Principal& who, const std::string& plan_code,
                                         const std::string& unit_code);

 private:
  store::Database& db_;
  AuditService& audit_;
  EvaluationService& evaluation_;
};

// Plan codes: 1..64 of [A-Za-z0-9_.-]; InvalidInput naming `field` otherwise.
void validate_plan_code(const std::string& code, const std::string& field);

// Parses an optional YYYY-MM-DD query value into a day number; InvalidInput naming `field` when malformed.
std::optional<int> parse_day(const std::string& text, const std::string& field);

}  // namespace civic::service
