// BigScreenService: the figures of the leaders' big screen (数据大屏, docs/bulletins.md "The big screen") in
// one call, built from the existing services as the caller (view_big_screen, plus what each service needs):
// the caller's top unit's score and its children's ranking for the period (EvaluationService + scoring's
// ranking), the score and children's ranks in every period (the trend), every site in scope with its last
// inspection's result in the period (from the scored inspections: fail when any check failed), the case flow
// today and in the period (CaseService::list over the period's cases: reported, dispatched, fixed, overdue),
// and plan progress of the children (PlanService::progress). A part whose service refuses or has no data is
// empty.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "service/audit/audit_service.h"
#include "service/cases/case_service.h"
#include "service/evaluation/evaluation_service.h"
#include "service/plans/plan_service.h"
#include "service/sites/site_service.h"
#include "store/core/database.h"

namespace civic::service {

struct ScreenUnitScore {
  std::string unit, unit_name;
  std::optional<double> total_rate;
  double coverage = 0;
  int rank = 0;  // among its siblings; 0 for the top unit
};

struct ScreenPeriod {
  std::string period, name;
  std::optional<double> total_rate;
  std::vector<ScreenUnitScore> children;
};

struct ScreenSite {
  std::string code, name, type, unit;
  std::optional<double> lat, lon;
  std::string last_result;     // pass | fail | none
  std::string last_inspected;  // YYYY-MM-DD, "" when none
};

struct CaseFlow {
  long long reported = 0, dispatched = 0, fixed = 0, overdue = 0;
};

struct ScreenProgress {
  std::string unit, unit_name;
  std::optional<double> progress, expected;
  std::string status;  // on_track | behind | ""
};

struct BigScreen {
  std::string period, period_name, unit, unit_name;
  TimeMs generated_at = 0;
  std::optional<double> total_rate;
  std::vector<ScreenUnitScore> ranking;
  std::vector<ScreenPeriod> trend;
  std::vector<ScreenSite> sites;
  CaseFlow today, in_period;
  std::vector<ScreenProgress> progress;
  std::string plan;
};

class BigScreenService {
 public:
  BigScreenService(store::Database& db, AuditService& audit, EvaluationService& evaluation,
                   CaseService& cases, PlanService& plans, SiteService& sites, const Clock& clock)
      : db_(db),
        audit_(audit),
        evaluation_(evaluation),
        cases_(cases),
        plans_(plans),
        sites_(sites),
        clock_(clock) {}

  // `period` "" = the period today falls in (else the latest begun). NotFound for an unknown period.
  BigScreen get(const Principal& who, const std::string& period);

 private:
  store::Database& db_;
  AuditService& audit_;
  EvaluationService& evaluation_;
  CaseService& cases_;
  PlanService& plans_;
  SiteService& sites_;
  const Clock& clock_;
};

}  // namespace civic::service
