// One unit's score for one period as `civic score` prints it (bundle.md "Scoring a bundle"):
// JSON with the keys of the shared vectors' expected.json, in framework order, full precision;
// or a human table (Chinese headings with English; two decimals for points, one for percentages).
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "scoring/period_scores.h"

namespace civic::bundle {

boost::json::value score_report_json(const scoring::PeriodScores& scores, int unit, double weak_threshold);
std::string score_report_table(const scoring::PeriodScores& scores, int unit, double weak_threshold);

// The evidence behind one item's score for `unit` (scoring/item_explanation.h) as JSON, codes not
// indices: {"unit","period","item","name","name_en","method","max_score","assessed","score","rate","n",
// then per method
//   field:     "inspections":[{"id","site","site_type","date","score","failed":[{"check","failures","deduct",
//              "deduction"}]}]
//   survey:    "question","positive","k","response_rate","response_rate_unweighted","ci_low","ci_high",
//              "post_stratified","strata":[{"unit","n","k","rate","population","weight"}]
//   statistic: "metric","value","target","floor"/"ceiling","direction"
//   material:  "grade","fraction"}.
boost::json::value item_explanation_json(const scoring::PeriodScores& scores, int unit, int item);

}  // namespace civic::bundle
