// "Scores explain themselves": the evidence behind one item's score for one unit and period.
// field: every inspection in scope that assesses the item, with its failed checks and deductions;
// survey: n and k per stratum (child of the unit) with its population weight; statistic: the value
// and the target line; material: the grade. Recomputed from the dataset, so it is slower than
// PeriodScores and meant for one item at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scoring/period_scores.h"

namespace civic::scoring {

struct FailedCheck {
  int check = 0;
  int failures = 0;
  double deduction = 0;  // deduct × failures
};

struct InspectionEvidence {
  int inspection = 0;  // index into the dataset's inspection arrays
  int site = 0;
  int day = 0;
  double item_score = 0;  // s(i, r)
  std::vector<FailedCheck> failed;
};

struct SurveyStratum {
  int unit = 0;  // a child of the explained unit, or the unit itself for responses recorded there
  int n = 0;
  int k = 0;
  double population = 0;
  double weight = 0;  // share of the post-stratified rate; 0 when not post-stratified
};

struct ItemExplanation {
  int unit = 0;
  int item = 0;
  Method method = Method::field;
  ItemScore score;
  std::optional<SurveyScore> survey;
  std::vector<InspectionEvidence> inspections;
  std::vector<SurveyStratum> strata;
  std::optional<double> statistic_value;
  std::optional<std::string> grade;
  std::optional<double> grade_fraction;
};

ItemExplanation explain_item(const PeriodScores& scores, int unit, int item);

}  // namespace civic::scoring
