#include "scoring/item_explanation.h"

#include <map>

namespace civic::scoring {
namespace {

// The child of `scope` whose scope holds `unit`, or `scope` itself when `unit` is `scope`.
int stratum_of(const ScoringDataset& d, int scope, int unit) {
  int u = unit;
  while (u != scope && d.unit_parent[u] != scope) u = d.unit_parent[u];
  return u;
}

}  // namespace

ItemExplanation explain_item(const PeriodScores& scores, int unit, int item) {
  const ScoringDataset& d = scores.data();
  const int period = scores.period();
  const Item& it = d.items[item];
  ItemExplanation e;
  e.unit = unit;
  e.item = item;
  e.method = it.method;
  e.score = scores.item(unit, item);
  if (period < 0) return e;
  const int start = d.period_start[period], end = d.period_end[period];
  const size_t types = d.site_types.size();
  switch (it.method) {
    case Method::field: {
      const int32_t f = d.item_ordinal[item];
      for (size_t r = d.first_inspection_on_or_after(start); r < d.first_inspection_on_or_after(end + 1);
           ++r) {
        if (!d.in_scope(d.inspection_unit[r], unit)) continue;
        for (uint32_t a = d.assess_begin[r]; a < d.assess_begin[r + 1]; ++a) {
          if (d.assess_field[a] != f) continue;
          InspectionEvidence ev{
              static_cast<int>(r), d.inspection_site[r], d.inspection_day[r], d.assess_score[a], {}};
          const size_t type = static_cast<size_t>(d.site_type[d.inspection_site[r]]);
          for (uint32_t k = d.result_begin[r]; k < d.result_begin[r + 1]; ++k) {
            const int32_t c = d.result_check[k];
            if (d.check_item[c] != item || d.result_failures[k] <= 0 || !d.check_applies[c * types + type])
              continue;
            ev.failed.push_back({c, d.result_failures[k], d.check_deduct[c] * d.result_failures[k]});
          }
          e.inspections.push_back(std::move(ev));
        }
      }
      break;
    }
    case Method::survey: {
      const int32_t s = d.item_ordinal[item];
      e.survey = scores.survey(unit, item);
      std::map<int, SurveyStratum> strata;
      for (size_t r = d.first_response_on_or_after(start); r < d.first_response_on_or_after(end + 1); ++r) {
        if (!d.in_scope(d.response_unit[r], unit)) continue;
        for (uint32_t c = d.count_begin[r]; c < d.count_begin[r + 1]; ++c) {
          if (d.count_survey[c] != s) continue;
          const int h = stratum_of(d, unit, d.response_unit[r]);
          SurveyStratum& st = strata[h];
          st.unit = h;
          st.population = d.unit_population[h];
          ++st.n;
          st.k += d.count_positive[c];
        }
      }
      double total_population = 0;
      for (auto& [h, st] : strata) total_population += st.population;
      for (auto& [h, st] : strata) {
        if (e.survey->post_stratified && total_population > 0) st.weight = st.population / total_population;
        e.strata.push_back(st);
      }
      break;
    }
    case Method::statistic: {
      const int32_t m = d.statistic_metric[d.item_ordinal[item]];
      for (const auto& st : d.statistics)
        if (st.period == period && st.unit == unit && st.metric == m) e.statistic_value = st.value;
      break;
    }
    case Method::material:
      for (const auto& g : d.grades) {
        if (g.period == period && g.unit == unit && g.item == item) {
          e.grade = g.grade;
          e.grade_fraction = g.fraction;
        }
      }
      break;
  }
  return e;
}

}  // namespace civic::scoring
