// Scoring cache figures of the process, for GET /metrics (platform/metrics.h): reads answered from the cached
// scored period as it was (hits), reads that applied new inspections and responses to it in place
// (incremental), and full loads (reloads: cold, after a structure change, or when the change was not
// incremental) with the time they took. Updated by EvaluationService::scored_period; read without locks.
#pragma once

#include <atomic>

namespace civic::service {

struct ScoringCacheMetrics {
  std::atomic<long long> hits{0};
  std::atomic<long long> incremental{0};
  std::atomic<long long> reloads{0};
  std::atomic<long long> reload_microseconds{0};
};

ScoringCacheMetrics& scoring_cache_metrics();

}  // namespace civic::service
