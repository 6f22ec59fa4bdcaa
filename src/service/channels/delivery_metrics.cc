#include "service/channels/delivery_metrics.h"

namespace civic::service {

DeliveryMetrics& delivery_metrics() {
  static DeliveryMetrics metrics;
  return metrics;
}

}  // namespace civic::service
