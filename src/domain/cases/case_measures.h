// cases.md "Measures" (综合评价) over a base set of cases, the composite score, and the red/black lists.
// The caller filters the base set (first dispatch in the period, responsible unit in scope) and passes `now`
// (the query time, or the period's end if earlier). A rate whose denominator is 0 is nullopt, never 0 or
// 100%. Rates are fractions in [0, 1]; the composite is on a 0–100 scale.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/cases/case_lifecycle.h"
#include "domain/core/clock.h"

namespace civic {

struct CaseMeasures {
  long long base_count = 0;                      // N
  std::optional<double> closure_rate;            // 结案率: closed / N
  std::optional<double> on_time_closure_rate;    // 按期结案率: closed with closed_at ≤ due_at / N
  std::optional<double> rework_rate;             // 返工率: rework_count ≥ 1 / handled at least once
  std::optional<double> postponement_rate;       // 延期率: an approved postponement / N
  std::optional<double> accurate_dispatch_rate;  // 准确派遣率: (N − sent back at least once) / N
  long long overdue_open = 0;                    // 超期未结: a count of open cases with due_at < now
  std::optional<double> mean_hours_to_close;  // 平均处置时长: mean(closed_at − first dispatch), closed cases
  std::optional<double> fixed_share;          // 实际解决率: outcome fixed / closed
};

CaseMeasures measure_cases(std::span<const CaseRecord> base, TimeMs now);

// Points per measure; the rework and postponement terms score (1 − rate).
struct CompositeWeights {
  double closure = 30;
  double on_time_closure = 30;
  double rework = 20;
  double postponement = 10;
  double accurate_dispatch = 10;
};

// Σ weight × term. nullopt when N = 0. When a term is nullopt while N > 0 (rework with nothing handled yet),
// the other terms are rescaled to the full total of the weights, so a missing term neither gives nor costs
// points.
std::optional<double> composite_score(const CaseMeasures& measures, const CompositeWeights& weights = {});

struct UnitScore {
  std::string unit_code;
  std::optional<double> composite;
  long long case_count = 0;  // N of the unit's base set
};

struct RedBlackRule {
  int list_size = 3;        // N of cases.md: the top N and the bottom N
  long long min_cases = 5;  // M: units with fewer cases (or no composite) are not ranked
};

struct RedBlackLists {
  std::vector<UnitScore> red;    // best first
  std::vector<UnitScore> black;  // worst first
};

// Ranks units of one level by composite, equal scores by unit code ascending; red is the head of that ranking
// and black its tail, each shown with ties by code ascending. A unit is never on both lists: with k eligible
// units each list holds min(list_size, k / 2).
RedBlackLists red_black_lists(std::span<const UnitScore> units, const RedBlackRule& rule = {});

}  // namespace civic
