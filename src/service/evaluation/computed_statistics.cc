#include "service/evaluation/computed_statistics.h"

#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bundle/framework_document.h"
#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "store/evaluation/computed_metric_repository.h"
#include "store/evaluation/statistic_report_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

// The computed statistic items of a framework document, parsed once per distinct document: refresh() runs
// in every participation write, and parsing a 111-item framework each time would cost more than the counts.
// A document without the word "computed" has none (no parse at all).
std::shared_ptr<const std::vector<Item>> computed_items_of(const std::string& document) {
  static const auto kNone = std::make_shared<const std::vector<Item>>();
  if (document.find("\"computed\"") == std::string::npos) return kNone;
  static std::mutex mutex;
  static std::map<size_t, std::pair<std::string, std::shared_ptr<const std::vector<Item>>>> cache;
  size_t key = std::hash<std::string>{}(document);
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key);
    if (it != cache.end() && it->second.first == document) return it->second.second;
  }
  auto items = std::make_shared<std::vector<Item>>();
  Framework f = bundle::read_framework_document(document);
  for (const Item* item : f.items())
    if (item->method == Method::statistic && item->computed) items->push_back(*item);
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= 64) cache.clear();  // frameworks are few; a bound all the same
  cache[key] = {document, items};
  return items;
}

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
  std::vector<std::pair<store::PeriodRow, std::shared_ptr<const std::vector<Item>>>> work;
  for (const auto& period : repo.list_periods()) {
    if (period.state != "open") continue;
    auto framework = repo.framework_by_id(period.framework_id);
    if (!framework) continue;
    auto items = computed_items_of(framework->document);
    if (!items->empty()) work.emplace_back(period, std::move(items));
  }
  if (work.empty()) return 0;
  // Bump first: it locks the counter row (evaluation_repository.h), so two writers do not compute from the
  // same stale counts; the revision also tells score caches to reload.
  repo.bump_revision();
  int changed = 0;
  for (const auto& [period, items] : work) {
    for (const Item& item : *items) {
      for (const auto& unit : reported) {
        ComputedStatistic c = compute(sql, period, unit, item);
        if (counted.counted(item.metric, unit.id, period.id) == c.value) continue;
        if (c.value)
          counted.set_counted(item.metric, unit.id, period.id, *c.value);
        else
          counted.remove_counted(item.metric, unit.id, period.id);
        ++changed;
      }
    }
  }
  // A counted value changed: scores reload the period (as approving a reported value does).
  if (changed > 0) repo.bump_structure_revision();
  return changed;
}

}  // namespace civic::service
