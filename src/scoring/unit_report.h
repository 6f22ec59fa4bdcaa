// What a unit's score page shows besides its own numbers (scoring.md §5): the ranking of its
// children, each scored over its own scope, and its weak items (薄弱环节).
#pragma once

#include <optional>
#include <vector>

#include "scoring/period_scores.h"

namespace civic::scoring {

struct RankingEntry {
  int rank = 0;  // from 1
  int unit = 0;
  double total = 0;
  std::optional<double> total_rate;
  double coverage = 0;
  bool disqualified = false;
};

// The children of `unit`: qualified before disqualified, then total_rate descending (null last),
// coverage descending, code ascending; rates and coverages within 1e-9 tie (domain/comparison.h).
std::vector<RankingEntry> rank_children(const PeriodScores& scores, int unit);

struct WeakItem {
  int item = 0;
  double score = 0;
  double max_score = 0;
  double rate = 0;  // score / max_score
  double lost = 0;  // max_score − score
};

// Assessed items of `unit` with rate below `threshold` by more than 1e-9, by lost points descending
// (within 1e-9 a tie), then code.
std::vector<WeakItem> weak_items(const PeriodScores& scores, int unit, double threshold = 0.85);

}  // namespace civic::scoring
