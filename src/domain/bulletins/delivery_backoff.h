// Delivery backoff (docs/bulletins.md "Retries"), pure: after the n-th failed attempt (n from 1) the next
// attempt waits 1 min, 5 min, 30 min; after the 4th failure there is none and the delivery is failed.
#pragma once

#include <optional>

#include "domain/core/clock.h"

namespace civic {

inline constexpr int kMaxDeliveryAttempts = 4;

// The wait before the next attempt after `failed_attempts` failures; nullopt: give up.
std::optional<TimeMs> delivery_retry_delay(int failed_attempts);

}  // namespace civic
