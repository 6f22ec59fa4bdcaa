// Evidence the framework reads (scoring.md §2–3): periods, inspections with per-check results,
// survey responses, statistic values, material grades and negative-list events. Plain data that
// names units, sites, checks, items and periods by code; the bundle parser checks every reference.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/core/civil_date.h"

namespace civic {

// A 测评周期 with inclusive dates; inspections and responses belong to it by date.
struct Period {
  std::string code;
  CivilDate start;
  CivilDate end;
  bool contains(const CivilDate& date) const {
    int d = day_number(date);
    return d >= day_number(start) && d <= day_number(end);
  }
};

// One check of one inspection: `failures` (0 = passed) or nullopt for n/a (不适用).
struct CheckResult {
  std::string check;
  std::optional<int> failures;
};

// One visit to a site (实地考察记录). Checks absent from `results` were not observed (treated as n/a).
struct Inspection {
  std::string id;
  std::string site;
  CivilDate date;
  std::vector<CheckResult> results;
};

// One questionnaire: answers by question code; an empty answer does not count.
struct Response {
  std::string id;
  std::string unit;
  CivilDate date;
  std::vector<std::pair<std::string, std::string>> answers;
};

// The value a unit reports for a metric in a period (no roll-up).
struct StatisticValue {
  std::string metric;
  std::string unit;
  std::string period;
  double value = 0;
};

// A reviewer's grade (材料审核) of a material item for a unit and period.
struct MaterialGrade {
  std::string item;
  std::string unit;
  std::string period;
  std::string grade;
};

// A negative-list event (负面清单): costs `deduct` points in the scope of every ancestor of `unit`.
struct PenaltyEvent {
  std::string code;
  std::string unit;
  std::string period;
  double deduct = 0;
  bool disqualify = false;
  std::optional<std::string> description;
};

}  // namespace civic
