#include "service/evaluation/scoring_cache_metrics.h"

namespace civic::service {

ScoringCacheMetrics& scoring_cache_metrics() {
  static ScoringCacheMetrics metrics;
  return metrics;
}

}  // namespace civic::service
