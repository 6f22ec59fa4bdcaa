#include "domain/bulletins/delivery_backoff.h"

#include <gtest/gtest.h>

namespace civic {
namespace {

TEST(DeliveryBackoff, OneFiveThirtyMinutesThenGivesUp) {
  EXPECT_EQ(delivery_retry_delay(1), 60'000);
  EXPECT_EQ(delivery_retry_delay(2), 300'000);
  EXPECT_EQ(delivery_retry_delay(3), 1'800'000);
  EXPECT_FALSE(delivery_retry_delay(4).has_value());
  EXPECT_FALSE(delivery_retry_delay(0).has_value());
}

}  // namespace
}  // namespace civic
