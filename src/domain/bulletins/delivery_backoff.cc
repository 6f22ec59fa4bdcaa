#include "domain/bulletins/delivery_backoff.h"

namespace civic {

std::optional<TimeMs> delivery_retry_delay(int failed_attempts) {
  constexpr TimeMs kMinute = 60'000;
  switch (failed_attempts) {
    case 1:
      return kMinute;
    case 2:
      return 5 * kMinute;
    case 3:
      return 30 * kMinute;
    default:
      return std::nullopt;
  }
}

}  // namespace civic
