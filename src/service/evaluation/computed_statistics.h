// ComputedStatistics (participation.md "Computed metrics"): the values of statistic items that name a
// computed metric, made from Civic's own data — volunteers, service records, activities, selections — for
// the units statistics are reported for (the city root and its districts) and counted like approved values.
// refresh() writes them into statistic_values, the table scores read, and bumps the evaluation revision when
// one changed, so scores change at once; the participation services call it in their writing transaction.
// Closed periods keep the values they were closed with.
#pragma once

#include <optional>
#include <string>

#include "domain/evaluation/computed_metric.h"
#include "domain/evaluation/framework.h"
#include "domain/units/unit.h"
#include "store/core/session.h"
#include "store/evaluation/evaluation_repository.h"

namespace civic::service {

struct ComputedStatistic {
  ComputedMetric metric = ComputedMetric::volunteer_share;
  ComputedInputs inputs;
  std::optional<double> value;  // empty: nothing to divide by
  std::string explanation;      // Chinese, with the figures (computed_explanation)
};

class ComputedStatistics {
 public:
  // The value of `item` (a statistic item naming a computed metric) for `unit` in `period`.
  static ComputedStatistic compute(store::Session& sql, const store::PeriodRow& period, const Unit& unit,
                                   const Item& item);
  // Recomputes every computed item of every open period; returns how many counted values changed.
  static int refresh(store::Session& sql);
};

}  // namespace civic::service
