#include "scoring/unit_report.h"

#include <algorithm>

#include "domain/core/comparison.h"

namespace civic::scoring {

std::vector<RankingEntry> rank_children(const PeriodScores& scores, int unit) {
  const ScoringDataset& d = scores.data();
  std::vector<RankingEntry> out;
  for (int32_t c = d.child_begin[unit]; c < d.child_begin[unit + 1]; ++c) {
    const int child = d.children[c];
    const TotalScore& t = scores.total(child);
    out.push_back({0, child, t.total(), t.total_rate(), t.coverage(), t.disqualified});
  }
  // Ties within the margin are not transitive, so this comparator is no strict weak order in general;
  // a merge sort (stable_sort) stays within bounds whatever the comparator answers.
  std::stable_sort(out.begin(), out.end(), [&](const RankingEntry& a, const RankingEntry& b) {
    if (a.disqualified != b.disqualified) return !a.disqualified;
    if (a.total_rate.has_value() != b.total_rate.has_value()) return a.total_rate.has_value();
    if (a.total_rate && !nearly_equal(*a.total_rate, *b.total_rate)) return *a.total_rate > *b.total_rate;
    if (!nearly_equal(a.coverage, b.coverage)) return a.coverage > b.coverage;
    return d.unit_code[a.unit] < d.unit_code[b.unit];
  });
  for (size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i + 1);
  return out;
}

std::vector<WeakItem> weak_items(const PeriodScores& scores, int unit, double threshold) {
  const ScoringDataset& d = scores.data();
  std::vector<WeakItem> out;
  for (int i = 0; i < d.item_count(); ++i) {
    const ItemScore& s = scores.item(unit, i);
    if (!s.assessed) continue;
    const double max = d.items[i].max_score;
    const double rate = s.score / max;
    if (clearly_less(rate, threshold)) out.push_back({i, s.score, max, rate, max - s.score});
  }
  std::stable_sort(out.begin(), out.end(), [&](const WeakItem& a, const WeakItem& b) {
    if (!nearly_equal(a.lost, b.lost)) return a.lost > b.lost;
    return d.items[a.item].code < d.items[b.item].code;
  });
  return out;
}

}  // namespace civic::scoring
