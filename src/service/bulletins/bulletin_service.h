// BulletinService: bulletins (通报, docs/bulletins.md, spec reports.md "Bulletin"). A bulletin is drafted for
// a unit and period — after an inspection round completes (kind "round", RoundService's completion hook) or
// on the unit's schedule (kind "weekly", job "bulletins.schedule", every 7 days unless the unit's schedule
// says otherwise; 0 = never) — from the existing services, never their SQL: the red and black lists
// (CaseService::rankings of the unit's children), its overdue cases (CaseService::list), recurring problems
// (the same check failing at the same site ≥ 3 times in the period, from the period's scored inspections),
// the child units behind on the plan (PlanService::progress) and the weakest items (scoring's weak items, for
// a round limited to its items). The data sections are frozen when drafted; the office writes prose (opening,
// closing, a remark per section) while it is a draft (an approved one edited goes back to draft).
// Lifecycle: draft → approved (approve_bulletins, by someone other than the drafter: four eyes) → published
// (write_bulletins; archived: nothing changes any more; every unit named in it is notified,
// bulletin_published, and so its push channels) ; draft|approved|published → withdrawn (with a reason).
// Visibility: writers see every bulletin of units in their scope; readers (unit officers, leaders) see the
// published ones of units in their scope or naming a unit in their scope. Anything else is NotFound.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "service/audit/audit_service.h"
#include "service/cases/case_service.h"
#include "service/core/principal.h"
#include "service/evaluation/evaluation_service.h"
#include "service/inspections/round_service.h"
#include "service/notifications/notification_service.h"
#include "service/plans/plan_service.h"
#include "store/core/database.h"

namespace civic::service {

struct BulletinProse {
  std::string opening, closing;
  std::map<std::string, std::string> remarks;  // section key → remark
};

inline const std::vector<std::string>& bulletin_section_keys() {
  static const std::vector<std::string> keys = {"red_list",           "black_list",   "overdue_cases",
                                                "recurring_problems", "units_behind", "weakest_items"};
  return keys;
}

struct Bulletin {
  long long id = 0;
  std::string kind;  // round | weekly
  std::string unit, unit_name, period, round, title;
  std::string state;  // draft | approved | published | withdrawn
  // {"generated_at", "sections": [{"key", "rows": [...], "unavailable"?: reason}], "units": [codes named]}
  std::string content_json;
  BulletinProse prose;
  long long version = 1;
  std::string drafted_by;
  TimeMs drafted_at = 0;
  std::optional<std::string> approved_by, published_by, withdrawn_by, withdrawn_reason;
  std::optional<TimeMs> approved_at, published_at, withdrawn_at;
  std::vector<std::string> allowed_actions;  // of the caller: edit, approve, publish, withdraw
};

struct NewBulletin {
  std::string kind, unit, period, round;
};

struct BulletinQuery {
  std::string state, kind;  // "" any
};

struct BulletinUpdate {
  std::optional<long long> version;
  std::optional<std::string> title;
  BulletinProse prose;
};

class BulletinService {
 public:
  static constexpr const char* kJobName = "bulletins.schedule";

  BulletinService(store::Database& db, AuditService& audit, NotificationService& notifications,
                  CaseService& cases, PlanService& plans, EvaluationService& evaluation, RoundService& rounds,
                  const Clock& clock)
      : db_(db),
        audit_(audit),
        notifications_(notifications),
        cases_(cases),
        plans_(plans),
        evaluation_(evaluation),
        rounds_(rounds),
        clock_(clock) {}

  // write_bulletins. kind round: `round` required (its unit and period are the bulletin's); weekly: unit and
  // period required. InvalidInput naming the field; NotFound for a unit or round outside scope.
  Bulletin draft(const Principal& who, const NewBulletin& input);
  Page<Bulletin> list(const Principal& who, const BulletinQuery& query, const PageRequest& page);
  Bulletin get(const Principal& who, long long id);
  Bulletin update(const Principal& who, long long id, const BulletinUpdate& update);
  // action: approve | publish | withdraw (reason required). Conflict when the state does not allow it or the
  // drafter approves; a stale version (when given) is Conflict.
  Bulletin act(const Principal& who, long long id, const std::string& action,
               std::optional<long long> version, const std::string& reason);
  // The bulletin as a standalone HTML document (escaped; the print stylesheet inline).
  std::string html(const Principal& who, long long id);

  // RoundService's completion hook: drafts the round's bulletin as `who` (not for the command line, whose
  // bulk completions — the demo — draft none); failures are logged, not thrown.
  void on_round_completed(const Principal& who, const std::string& round);
  // The schedule job: drafts a weekly bulletin for every district due one in the period today falls in.
  // Returns how many were drafted.
  int run_schedule();
  // manage: the unit's schedule in days (7 when none stored; 0 = never).
  int schedule_days(const Principal& who, const std::string& unit);
  void set_schedule_days(const Principal& who, const std::string& unit, int every_days);

 private:
  std::string build_content(const Principal& who, const std::string& unit, const std::string& period,
                            const std::optional<RoundView>& round, std::vector<std::string>& named);

  store::Database& db_;
  AuditService& audit_;
  NotificationService& notifications_;
  CaseService& cases_;
  PlanService& plans_;
  EvaluationService& evaluation_;
  RoundService& rounds_;
  const Clock& clock_;
};

}  // namespace civic::service
