// Connection pool figures of every store::Database the process opened, for GET /metrics
// (platform/metrics.h): connections, those leased now, leases, the time spent waiting for one, and leases
// that timed out. Updated by database.cc; read without locks.
#pragma once

#include <atomic>

namespace civic::store {

struct PoolMetrics {
  std::atomic<long long> connections{0};
  std::atomic<long long> in_use{0};
  std::atomic<long long> leases{0};
  std::atomic<long long> lease_timeouts{0};
  std::atomic<long long> wait_microseconds{0};
};

PoolMetrics& pool_metrics();

}  // namespace civic::store
