// Push delivery figures of the process, for GET /metrics (platform/metrics.h): attempts by outcome — sent,
// failed with a retry scheduled (retried), failed for good (failed: out of retries or the channel removed).
// Updated by ChannelService::deliver_due; read without locks.
#pragma once

#include <atomic>

namespace civic::service {

struct DeliveryMetrics {
  std::atomic<long long> sent{0};
  std::atomic<long long> retried{0};
  std::atomic<long long> failed{0};
};

DeliveryMetrics& delivery_metrics();

}  // namespace civic::service
