#include "scoring/period_scores.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace civic::scoring {

double curve_fraction(const std::vector<CurvePoint>& curve, double rate) {
  if (curve.empty()) return rate;
  if (rate <= curve.front().rate) return curve.front().fraction;
  if (rate >= curve.back().rate) return curve.back().fraction;
  for (size_t i = 1; i < curve.size(); ++i) {
    if (rate <= curve[i].rate) {
      const CurvePoint& a = curve[i - 1];
      const CurvePoint& b = curve[i];
      return a.fraction + (b.fraction - a.fraction) * (rate - a.rate) / (b.rate - a.rate);
    }
  }
  return curve.back().fraction;
}

double statistic_fraction(const Item& item, double v) {
  if (item.direction == Direction::higher) {
    if (v >= item.target) return 1.0;
    const double floor = item.effective_floor();
    return std::clamp((v - floor) / (item.target - floor), 0.0, 1.0);
  }
  if (v <= item.target) return 1.0;
  const double ceiling = item.effective_ceiling();
  return std::clamp((ceiling - v) / (ceiling - item.target), 0.0, 1.0);
}

std::pair<double, double> wilson_interval(int k, int n, double z) {
  if (n <= 0) return {0, 0};
  const double p = static_cast<double>(k) / n;
  const double z2 = z * z;
  const double denom = 1 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

PeriodScores::PeriodScores(const ScoringDataset& data, int period) : data_(&data), period_(period) {
  const size_t units = data.unit_code.size();
  items_.assign(units * data.items.size(), ItemScore{});
  survey_.assign(units * data.survey_items.size(), SurveyScore{});
  indicators_.assign(units * data.indicator_code.size(), GroupScore{});
  aspects_.assign(units * data.aspect_code.size(), GroupScore{});
  totals_.assign(units, TotalScore{});
  if (period < 0 || period >= data.period_count()) return;
  score_field();
  score_survey();
  score_statistic_and_material();
  roll_up();
}

void PeriodScores::score_field() {
  const ScoringDataset& d = *data_;
  const size_t units = d.unit_code.size();
  const size_t nf = d.field_items.size();
  if (nf == 0) return;
  field_sum_.assign(units * nf, 0.0);
  field_count_.assign(units * nf, 0);
  const size_t begin = d.first_inspection_on_or_after(d.period_start[period_]);
  const size_t end = d.first_inspection_on_or_after(d.period_end[period_] + 1);
  for (size_t r = begin; r < end; ++r) {
    double* unit_sum = field_sum_.data() + static_cast<size_t>(d.inspection_unit[r]) * nf;
    int32_t* unit_count = field_count_.data() + static_cast<size_t>(d.inspection_unit[r]) * nf;
    for (uint32_t a = d.assess_begin[r]; a < d.assess_begin[r + 1]; ++a) {
      unit_sum[d.assess_field[a]] += d.assess_score[a];
      ++unit_count[d.assess_field[a]];
    }
  }
  // Children after parents in `order`: walking it backwards adds each finished scope to its parent.
  for (size_t o = units; o-- > 0;) {
    const int u = d.order[o];
    const int p = d.unit_parent[u];
    const size_t ub = static_cast<size_t>(u) * nf;
    if (p >= 0) {
      const size_t pb = static_cast<size_t>(p) * nf;
      for (size_t f = 0; f < nf; ++f) {
        field_sum_[pb + f] += field_sum_[ub + f];
        field_count_[pb + f] += field_count_[ub + f];
      }
    }
    for (size_t f = 0; f < nf; ++f) score_field_item(u, f);
  }
}

void PeriodScores::score_field_item(int unit, size_t field) {
  const ScoringDataset& d = *data_;
  const size_t at = static_cast<size_t>(unit) * d.field_items.size() + field;
  ItemScore& s = items_[index(unit, d.field_items[field])];
  s = ItemScore{};
  if (field_count_[at] == 0) return;
  s.assessed = true;
  s.n = field_count_[at];
  s.score = field_sum_[at] / field_count_[at];
}

void PeriodScores::score_survey() {
  const ScoringDataset& d = *data_;
  const size_t units = d.unit_code.size();
  const size_t ns = d.survey_items.size();
  if (ns == 0) return;
  // n and k per (unit, survey item): first as recorded at the unit, then over its scope.
  survey_n_.assign(units * ns, 0);
  survey_k_.assign(units * ns, 0);
  const size_t begin = d.first_response_on_or_after(d.period_start[period_]);
  const size_t end = d.first_response_on_or_after(d.period_end[period_] + 1);
  for (size_t r = begin; r < end; ++r) {
    const size_t ub = static_cast<size_t>(d.response_unit[r]) * ns;
    for (uint32_t c = d.count_begin[r]; c < d.count_begin[r + 1]; ++c) {
      ++survey_n_[ub + d.count_survey[c]];
      survey_k_[ub + d.count_survey[c]] += d.count_positive[c];
    }
  }
  survey_direct_n_ = survey_n_;
  for (size_t o = units; o-- > 0;) {
    const int u = d.order[o];
    const int p = d.unit_parent[u];
    if (p < 0) continue;
    const size_t ub = static_cast<size_t>(u) * ns, pb = static_cast<size_t>(p) * ns;
    for (size_t s = 0; s < ns; ++s) {
      survey_n_[pb + s] += survey_n_[ub + s];
      survey_k_[pb + s] += survey_k_[ub + s];
    }
  }
  for (size_t u = 0; u < units; ++u)
    for (size_t s = 0; s < ns; ++s) score_survey_item(static_cast<int>(u), s);
}

void PeriodScores::score_survey_item(int unit, size_t survey) {
  const ScoringDataset& d = *data_;
  const size_t ns = d.survey_items.size();
  const size_t at = static_cast<size_t>(unit) * ns + survey;
  SurveyScore& sv = survey_[at];
  ItemScore& is = items_[index(unit, d.survey_items[survey])];
  sv = SurveyScore{};
  is = ItemScore{};
  const int32_t n = survey_n_[at], k = survey_k_[at];
  if (n == 0) return;
  const Item& item = d.items[d.survey_items[survey]];
  const int32_t cb = d.child_begin[unit], ce = d.child_begin[unit + 1];
  sv.k = k;
  sv.rate_unweighted = static_cast<double>(k) / n;
  sv.rate = sv.rate_unweighted;
  bool stratify = cb < ce && survey_direct_n_[at] == 0;
  double weighted = 0, weight = 0;
  for (int32_t c = cb; stratify && c < ce; ++c) {
    const size_t h = static_cast<size_t>(d.children[c]) * ns + survey;
    if (survey_n_[h] == 0) continue;
    const double pop = d.unit_population[d.children[c]];
    if (!(pop > 0)) {
      stratify = false;
      break;
    }
    weighted += pop * static_cast<double>(survey_k_[h]) / survey_n_[h];
    weight += pop;
  }
  if (stratify && weight > 0) {
    sv.rate = weighted / weight;
    sv.post_stratified = true;
  }
  auto [lo, hi] = wilson_interval(sv.k, n);
  sv.ci_low = lo;
  sv.ci_high = hi;
  is.assessed = true;
  is.n = n;
  is.score = item.max_score * curve_fraction(item.curve, sv.rate);
}

void PeriodScores::add_inspection(size_t r) {
  const ScoringDataset& d = *data_;
  if (period_ < 0 || period_ >= d.period_count()) return;
  if (d.inspection_day[r] < d.period_start[period_] || d.inspection_day[r] > d.period_end[period_]) return;
  const size_t nf = d.field_items.size();
  for (int u = d.inspection_unit[r]; u >= 0; u = d.unit_parent[u]) {
    for (uint32_t a = d.assess_begin[r]; a < d.assess_begin[r + 1]; ++a) {
      const size_t at = static_cast<size_t>(u) * nf + d.assess_field[a];
      field_sum_[at] += d.assess_score[a];
      ++field_count_[at];
      score_field_item(u, static_cast<size_t>(d.assess_field[a]));
    }
    roll_up_unit(u);
  }
}

void PeriodScores::add_response(size_t r) {
  const ScoringDataset& d = *data_;
  if (period_ < 0 || period_ >= d.period_count()) return;
  if (d.response_day[r] < d.period_start[period_] || d.response_day[r] > d.period_end[period_]) return;
  const size_t ns = d.survey_items.size();
  const int unit = d.response_unit[r];
  // Every count first: an ancestor's post-stratified rate reads its children's counts.
  for (uint32_t c = d.count_begin[r]; c < d.count_begin[r + 1]; ++c) {
    ++survey_direct_n_[static_cast<size_t>(unit) * ns + d.count_survey[c]];
    for (int u = unit; u >= 0; u = d.unit_parent[u]) {
      const size_t at = static_cast<size_t>(u) * ns + d.count_survey[c];
      ++survey_n_[at];
      survey_k_[at] += d.count_positive[c];
    }
  }
  for (int u = unit; u >= 0; u = d.unit_parent[u]) {
    for (uint32_t c = d.count_begin[r]; c < d.count_begin[r + 1]; ++c)
      score_survey_item(u, static_cast<size_t>(d.count_survey[c]));
    roll_up_unit(u);
  }
}

void PeriodScores::score_statistic_and_material() {
  const ScoringDataset& d = *data_;
  if (!d.statistic_items.empty()) {
    const size_t nm = d.metrics.size();
    std::vector<double> value(d.unit_code.size() * nm, std::numeric_limits<double>::quiet_NaN());
    for (const auto& st : d.statistics)
      if (st.period == period_) value[static_cast<size_t>(st.unit) * nm + st.metric] = st.value;
    for (size_t u = 0; u < d.unit_code.size(); ++u) {
      for (size_t s = 0; s < d.statistic_items.size(); ++s) {
        const double v = value[u * nm + d.statistic_metric[s]];
        if (std::isnan(v)) continue;
        const Item& item = d.items[d.statistic_items[s]];
        ItemScore& is = items_[index(static_cast<int>(u), d.statistic_items[s])];
        is.assessed = true;
        is.n = 1;
        is.score = item.max_score * statistic_fraction(item, v);
      }
    }
  }
  for (const auto& g : d.grades) {
    if (g.period != period_) continue;
    ItemScore& is = items_[index(g.unit, g.item)];
    is.assessed = true;
    is.n = 1;
    is.score = d.items[g.item].max_score * g.fraction;
  }
}

void PeriodScores::roll_up() {
  const ScoringDataset& d = *data_;
  for (int u = 0; u < d.unit_count(); ++u) roll_up_unit(u);
  // Penalties count in the scope of the event's unit and every ancestor.
  for (const auto& p : d.penalties) {
    if (p.period != period_) continue;
    for (int u = p.unit; u >= 0; u = d.unit_parent[u]) {
      totals_[u].penalty += p.deduct;
      totals_[u].disqualified = totals_[u].disqualified || p.disqualify;
    }
  }
}

void PeriodScores::roll_up_unit(int unit) {
  const ScoringDataset& d = *data_;
  const size_t u = static_cast<size_t>(unit);
  const size_t ni = d.items.size(), nind = d.indicator_code.size(), na = d.aspect_code.size();
  TotalScore& t = totals_[u];
  t.max_total = d.max_total;
  t.score = 0;
  t.assessed_max = 0;  // penalty and disqualified stay: they do not depend on evidence rows
  GroupScore* ind = indicators_.data() + u * nind;
  GroupScore* asp = aspects_.data() + u * na;
  std::fill(ind, ind + nind, GroupScore{});
  std::fill(asp, asp + na, GroupScore{});
  const ItemScore* is = items_.data() + u * ni;
  for (size_t i = 0; i < ni; ++i) {
    if (!is[i].assessed) continue;
    const double max = d.items[i].max_score;
    const int32_t in = d.item_indicator[i];
    ind[in].score += is[i].score;
    ind[in].assessed_max += max;
    asp[d.indicator_aspect[in]].score += is[i].score;
    asp[d.indicator_aspect[in]].assessed_max += max;
    t.score += is[i].score;
    t.assessed_max += max;
  }
}

}  // namespace civic::scoring
