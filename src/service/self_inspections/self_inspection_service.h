// SelfInspectionService: self-inspections (自查, evidence.md "Self-inspection"). A unit starts one per
// period (one per (period, unit): a second is a Conflict naming the first's id) and, for every item of the
// period's framework, records a self-assessment: a self rate in [0, 1], or for statistic items the value it
// expects and for material items the grade it expects, turned into a rate as scoring.md §3.3–3.4 score them;
// with a note and evidence files (stored files). Finishing makes it read-only (409 afterwards). The gap
// table compares each filled item's self rate with the measured rate (score / max_score for the unit, null
// when not assessed): gap = self − measured, over-optimistic when gap > 0.10 (beyond the 1e-9 tie margin of
// scoring.md §5); mean gap and the over-optimistic count over items with both rates.
// manage_self_inspections writes for units in scope (out of scope: NotFound), read_self_inspections reads;
// every write is audited and refuses a closed period (require_open_period).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/evaluation/evaluation_service.h"
#include "service/files/photo_service.h"
#include "store/core/database.h"

namespace civic::service {

// Over-optimistic: self rate above the measured rate by more than this (plus kComparisonMargin).
inline constexpr double kOverOptimisticGap = 0.10;
// Whether a gap (self − measured) is over-optimistic.
bool over_optimistic(double gap);

// One framework item of the period and the unit's self-assessment of it.
struct SelfInspectionItem {
  std::string code, name;
  std::optional<std::string> name_en;
  std::string method;  // field | survey | statistic | material
  double max_score = 0;
  std::string indicator, indicator_name, aspect, aspect_name;
  // statistic items: what the value is measured against (scoring.md §3.3)
  std::string metric, direction;
  double target = 0;
  std::optional<std::string> measure;
  // the self-assessment; filled false: none yet
  bool filled = false;
  double self_rate = 0;
  std::string expected;  // the expected value or grade it was computed from, "" when given as a rate
  std::string note;
  std::vector<std::string> files;
  std::vector<std::string> file_names;  // by files: the name given on upload ("" for photos)
  TimeMs updated_at = 0;
};

struct SelfInspection {
  long long id = 0;
  std::string period, unit, unit_name;
  std::string state;  // in_progress | finished
  std::string started_by;
  std::string started_by_name;  // display name (PeopleNames)
  TimeMs started_at = 0, finished_at = 0;
  int items_filled = 0, items_total = 0;
  std::optional<double> mean_gap;
  int over_optimistic_count = 0;
  // detail only
  std::vector<SelfInspectionItem> items;  // framework order
  std::vector<std::string> grades;        // the framework's grades, for material items
};

// One row of the gap table.
struct SelfInspectionGap {
  std::string item, name;
  std::optional<std::string> name_en;
  std::string method, aspect, aspect_name;
  double max_score = 0;
  double self_rate = 0;
  std::optional<double> measured_rate, gap;
  bool over_optimistic = false;
};

struct SelfInspectionGaps {
  long long id = 0;
  std::string period, unit, unit_name, state;
  std::vector<SelfInspectionGap> items;  // filled items, gap descending (no gap last), then code
  std::optional<double> mean_gap;        // over items with both rates; null when none
  int over_optimistic_count = 0;
  int compared = 0;  // items with both rates
};

struct SelfInspectionFilter {
  std::string period, unit, state;
  std::string q;  // part of the unit's code or name
};

// A self-assessment of one item: `self_rate`, or (statistic and material items) `expected`, which then
// decides the rate.
struct SelfAssessment {
  std::optional<double> self_rate;
  std::string expected;
  std::string note;
  std::vector<std::string> files;
};

class SelfInspectionService {
 public:
  SelfInspectionService(store::Database& db, AuditService& audit, EvaluationService& evaluation,
                        PhotoService& photos)
      : db_(db), audit_(audit), evaluation_(evaluation), photos_(photos) {}

  // read_self_inspections: within scope, by period then unit code, each with its summary (filled items,
  // mean gap, over-optimistic count).
  std::vector<SelfInspection> list_all(const Principal& who, const SelfInspectionFilter& filter);
  Page<SelfInspection> list(const Principal& who, const SelfInspectionFilter& filter,
                            const PageRequest& page);
  // With every framework item and its self-assessment.
  SelfInspection get(const Principal& who, long long id);
  SelfInspectionGaps gaps(const Principal& who, long long id);

  // manage_self_inspections.
  SelfInspection start(const Principal& who, const std::string& period, const std::string& unit);
  SelfInspection set_item(const Principal& who, long long id, const std::string& item,
                          const SelfAssessment& assessment);
  SelfInspection finish(const Principal& who, long long id);

 private:
  store::Database& db_;
  AuditService& audit_;
  EvaluationService& evaluation_;
  PhotoService& photos_;
};

}  // namespace civic::service
