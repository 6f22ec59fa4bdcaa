// ResultsService: questionnaire results (surveys.md "Results", scoring.md §3.2), read_questionnaires within
// scope. For a unit U and a question: one row for U, then one per child of U, each with n (counted
// responses in the row unit's scope with a non-empty answer), k (answers in the positive set), the
// unweighted rate k / n, the post-stratified rate of scoring.md §3.2 (computed by the scoring engine itself:
// the responses are scored as one survey item over the unit tree with its populations) and the Wilson 95%
// interval of k / n; ranked = n >= min_n (below: 样本不足, left out of the ranking). The positive set: the
// `answer` given; else the framework item's `positive` (`item`, or the first item the question feeds);
// else 4–5 of a scale question, yes of a yes/no question. `period` keeps responses submitted within it.
// crosstab: n, k and the rate per option of one choice attribute, within U's scope.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/questionnaires/questionnaire.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"

namespace civic::service {

struct ResultsQuery {
  std::string unit, question, item, answer, period;
};

struct ResultRow {
  std::string unit, unit_name;
  long long n = 0, k = 0;
  std::optional<double> rate, weighted_rate;
  std::optional<std::pair<double, double>> wilson;
  bool ranked = false;
};

struct SurveyResults {
  std::string questionnaire, question, item;
  std::vector<std::string> positive;
  long long min_n = 30;
  std::vector<ResultRow> rows;  // the unit first, then its children
};

struct CrosstabRow {
  std::string option;
  LocalText text;
  long long n = 0, k = 0;
  std::optional<double> rate;
};

struct SurveyCrosstab {
  std::string questionnaire, question, by, unit;
  std::vector<std::string> positive;
  std::vector<CrosstabRow> rows;
};

class ResultsService {
 public:
  ResultsService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {}

  SurveyResults results(const Principal& who, const std::string& code, const ResultsQuery& query);
  SurveyCrosstab crosstab(const Principal& who, const std::string& code, const ResultsQuery& query,
                          const std::string& by);

 private:
  store::Database& db_;
  AuditService& audit_;
};

}  // namespace civic::service
