// Scores of every unit of the tree for one period, computed in one pass (scoring.md §3–4):
// evidence is aggregated once per (unit it was recorded at, item) and then rolled up the tree
// from the leaves, so the cost is that of one scan of the period's evidence plus units × items.
// Results hold full precision; rounding is for display only.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "scoring/dataset.h"

namespace civic::scoring {

// Wilson z for a 95% interval.
inline constexpr double kWilsonZ = 1.959963984540054;

struct ItemScore {
  bool assessed = false;  // not assessed: no score, left out of every sum
  double score = 0;
  int32_t n = 0;
};

// Survey items only.
struct SurveyScore {
  int32_t k = 0;
  double rate = 0;                 // post-stratified where scoring.md §3.2 allows, else k / n
  double rate_unweighted = 0;      // k / n
  double ci_low = 0, ci_high = 0;  // Wilson 95% of k / n
  bool post_stratified = false;
};

// An indicator, aspect or the whole framework.
struct GroupScore {
  double score = 0;
  double assessed_max = 0;
  std::optional<double> rate() const {
    return assessed_max > 0 ? std::optional<double>(score / assessed_max) : std::nullopt;
  }
};

struct TotalScore : GroupScore {
  double max_total = 0;  // Σ max_score of every item
  double penalty = 0;
  bool disqualified = false;
  double coverage() const { return max_total > 0 ? assessed_max / max_total : 0; }
  double total() const { return score - penalty > 0 ? score - penalty : 0; }
  std::optional<double> total_rate() const {
    return assessed_max > 0 ? std::optional<double>(total() / assessed_max) : std::nullopt;
  }
};

class PeriodScores {
 public:
  PeriodScores(const ScoringDataset& data, int period);
  // A copy of `other` bound to `data`, which must be a copy of other's dataset (a copy-on-write successor
  // that evidence is then added to).
  PeriodScores(const PeriodScores& other, const ScoringDataset& data) : PeriodScores(other) { data_ = &data; }

  // Adds the evidence at row `r` of data(), just put there by ScoringDataset::insert_inspection or
  // insert_response: only the row's unit and its ancestors change (their aggregates, item scores and
  // roll-ups), and the result equals scoring the dataset from scratch (within float rounding). A row
  // dated outside the period changes nothing. Each row must be added exactly once.
  void add_inspection(size_t r);
  void add_response(size_t r);

  const ScoringDataset& data() const { return *data_; }
  int period() const { return period_; }
  const ItemScore& item(int unit, int item) const { return items_[index(unit, item)]; }
  // `item` must be a survey item.
  const SurveyScore& survey(int unit, int item) const {
    return survey_[static_cast<size_t>(unit) * data_->survey_items.size() + data_->item_ordinal[item]];
  }
  const GroupScore& indicator(int unit, int indicator) const {
    return indicators_[static_cast<size_t>(unit) * data_->indicator_code.size() + indicator];
  }
  const GroupScore& aspect(int unit, int aspect) const {
    return aspects_[static_cast<size_t>(unit) * data_->aspect_code.size() + aspect];
  }
  const TotalScore& total(int unit) const { return totals_[unit]; }

 private:
  size_t index(int unit, int item) const { return static_cast<size_t>(unit) * data_->items.size() + item; }
  void score_field();
  void score_survey();
  void score_statistic_and_material();
  void roll_up();
  // Item scores of one unit from the aggregates below, and its indicator/aspect/total sums.
  void score_field_item(int unit, size_t field);
  void score_survey_item(int unit, size_t survey);
  void roll_up_unit(int unit);

  const ScoringDataset* data_;
  int period_;
  // Aggregates over each unit's scope, [unit * field items + ordinal]: Σ s(i, r) and n.
  std::vector<double> field_sum_;
  std::vector<int32_t> field_count_;
  // [unit * survey items + ordinal]: n recorded at the unit itself, and n and k over its scope.
  std::vector<int32_t> survey_direct_n_, survey_n_, survey_k_;
  std::vector<ItemScore> items_;
  std::vector<SurveyScore> survey_;
  std::vector<GroupScore> indicators_, aspects_;
  std::vector<TotalScore> totals_;
};

// Scores every unit for `period` (an index into data.period_code).
inline PeriodScores score_period(const ScoringDataset& data, int period) {
  return PeriodScores(data, period);
}

// f for a survey rate through `curve` (scoring.md §3.2): piecewise linear, clamped to the end points;
// no curve: the rate itself.
double curve_fraction(const std::vector<CurvePoint>& curve, double rate);
// f for a statistic value v of `item` (scoring.md §3.3).
double statistic_fraction(const Item& item, double v);
// Wilson 95% interval of k successes in n.
std::pair<double, double> wilson_interval(int k, int n, double z = kWilsonZ);

}  // namespace civic::scoring
