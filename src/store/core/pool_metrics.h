// Connection pool figures of every store::Database the process opened, for GET /metrics
// (platform/metrics.h): connections, those leased now, leases, the time spent waiting for one, leases that
// timed out, and transactions by outcome (committed, rolled back). Updated by database.cc; read without
// locks. Civic does not re-run a failed transaction by itself: a rolled-back write is answered as an error
// and the client retries (idempotent writes carry a client id), so rollbacks are the figure to watch.
#pragma once

#include <atomic>

namespace civic::store {

struct PoolMetrics {
  std::atomic<long long> connections{0};
  std::atomic<long long> in_use{0};
  std::atomic<long long> leases{0};
  std::atomic<long long> lease_timeouts{0};
  std::atomic<long long> wait_microseconds{0};
  std::atomic<long long> commits{0};
  std::atomic<long long> rollbacks{0};
};

PoolMetrics& pool_metrics();

}  // namespace civic::store
