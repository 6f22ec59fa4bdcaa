#include "service/evaluation/computed_statistics.h"

#include <cmath>

#include "bundle/framework_document.h"
#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "store/evaluation/computed_metric_repository.h"
#include "store/evaluation/statistic_report_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

TimeWindow period_window(const store::PeriodRow& period) {
  auto first = parse_iso_date(period.start);
  auto last = parse_iso_date(period.end);
  if (!first || !last) return {};
  return days_window(*first, *last);
}

}  // namespace

ComputedStatistic ComputedStatistics::compute(store::Session& sql, const store::PeriodRow& period,
                                              const Unit& unit, const Item& item) {
  ComputedStatistic out;
  auto metric = item.computed ? parse_computed_metric(*item.computed) : std::nullopt;
  if (!metric) return out;
  out.metric = *metric;
  const TimeWindow w = period_window(period);
  store::ComputedMetricRepository counts(sql);
  long long communities = 0;
  switch (*metric) {
    case ComputedMetric::volunteer_share:
      out.inputs.numerator = static_cast<double>(counts.confirmed_volunteers(unit.path, w.end));
      break;
    case ComputedMetric::volunteer_hours_per_resident:
      out.inputs.numerator = counts.approved_hours(unit.path, w.start, w.end);
      break;
    case ComputedMetric::activities_per_community:
      out.inputs.numerator = static_cast<double>(counts.activities(unit.path, w.start, w.end));
      communities = counts.communities(unit.path);
      break;
    case ComputedMetric::civilized_family_share:
      out.inputs.numerator = static_cast<double>(counts.civilized_families(unit.path, w.end));
      break;
  }
  out.inputs.denominator = computed_denominator(*metric, unit.population, communities);
  out.value = computed_value(*metric, out.inputs);
  out.explanation = computed_explanation(*metric, out.inputs);
  return out;
}

int ComputedStatistics::refresh(store::Session& sql) {
  store::EvaluationRepository repo(sql);
  store::UnitRepository units(sql);
  store::StatisticReportRepository counted(sql);
  auto root = units.root();
  if (!root) return 0;
  std::vector<Unit> reported{*root};
  for (const auto& c : units.children(root->id))
    if (c.type != UnitType::department) reported.push_back(c);
  // What to compute: the computed items of each open period.
  std::vector<std::pair<store::PeriodRow, Framework>> work;
  for (const auto& period : repo.list_periods()) {
    if (period.state != "open") continue;
    auto framework = repo.framework_by_id(period.framework_id);
    if (!framework) continue;
    Framework f = bundle::read_framework_document(framework->document);
    bool any = false;
    for (const Item* item : f.items()) any = any || (item->method == Method::statistic && item->computed);
    if (any) work.emplace_back(period, std::move(f));
  }
  if (work.empty()) return 0;
  // Bump first: it locks the counter row (evaluation_repository.h), so two writers do not compute from the
  // same stale counts; the revision also tells score caches to reload.
  repo.bump_revision();
  int changed = 0;
  for (const auto& [period, framework] : work) {
    for (const Item* item : framework.items()) {
      if (item->method != Method::statistic || !item->computed) continue;
      for (const auto& unit : reported) {
        ComputedStatistic c = compute(sql, period, unit, *item);
        if (counted.counted(item->metric, unit.id, period.id) == c.value) continue;
        if (c.value)
          counted.set_counted(item->metric, unit.id, period.id, *c.value);
        else
          counted.remove_counted(item->metric, unit.id, period.id);
        ++changed;
      }
    }
  }
  // A counted value changed: scores reload the period (as approving a reported value does).
  if (changed > 0) repo.bump_structure_revision();
  return changed;
}

}  // namespace civic::service
