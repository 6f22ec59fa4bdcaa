#include "domain/participation/activity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace civic {
namespace {

constexpr std::int64_t kStart = 1'780'000'000;  // an activity of 4 hours
constexpr std::int64_t kEnd = kStart + 4 * 3600;

TEST(ServiceHours, RoundsDownToHalfHours) {
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart + 1799, kStart, kEnd), 0.0);
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart + 1800, kStart, kEnd), 0.5);
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart + 3599, kStart, kEnd), 0.5);
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart + 3600, kStart, kEnd), 1.0);
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart + 2 * 3600 + 1799, kStart, kEnd), 2.0);
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart + 2 * 3600 + 1800, kStart, kEnd), 2.5);
}

TEST(ServiceHours, CappedAtTheActivitysLength) {
  EXPECT_DOUBLE_EQ(service_hours(kStart, kEnd, kStart, kEnd), 4.0);
  EXPECT_DOUBLE_EQ(service_hours(kStart - 3600, kEnd + 3600, kStart, kEnd), 4.0);
  // An activity of 1 h 40 min: capped at its length, then rounded down → 1.5.
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart + 3 * 3600, kStart, kStart + 6000), 1.5);
}

TEST(ServiceHours, ZeroWhenCheckOutIsNotAfterCheckIn) {
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart, kStart, kEnd), 0.0);
  EXPECT_DOUBLE_EQ(service_hours(kStart + 100, kStart, kStart, kEnd), 0.0);
  EXPECT_DOUBLE_EQ(service_hours(kStart, kStart + 3600, kEnd, kStart), 0.0);
}

TEST(CheckInDistance, HaversineAndTheFiveHundredMetreRule) {
  // One degree of latitude ≈ 111195 m on the mean sphere.
  EXPECT_NEAR(distance_metres(39.9, 116.4, 40.9, 116.4), 111195.1, 1.0);
  EXPECT_DOUBLE_EQ(distance_metres(39.9, 116.4, 39.9, 116.4), 0.0);
  const double per_metre = 1.0 / 111195.08;  // degrees of latitude per metre
  EXPECT_TRUE(within_check_in_radius(39.9, 116.4, 39.9 + 499.0 * per_metre, 116.4));
  EXPECT_FALSE(within_check_in_radius(39.9, 116.4, 39.9 + 501.0 * per_metre, 116.4));
  EXPECT_FALSE(within_check_in_radius(39.9, 116.4, 91.0, 116.4));
  EXPECT_FALSE(within_check_in_radius(39.9, 116.4, std::numeric_limits<double>::quiet_NaN(), 116.4));
}

TEST(ActivityVocabulary, TypesStatesLevels) {
  EXPECT_TRUE(valid_activity_type("文明实践"));
  EXPECT_TRUE(valid_activity_type("其他"));
  EXPECT_FALSE(valid_activity_type("other"));
  EXPECT_TRUE(valid_activity_state("planned"));
  EXPECT_FALSE(valid_activity_state("open"));
  EXPECT_TRUE(valid_service_record_state("approved"));
  EXPECT_FALSE(valid_service_record_state("needs_confirmation"));
  EXPECT_TRUE(valid_station_level("institute"));
  EXPECT_FALSE(valid_station_level("所"));
}

}  // namespace
}  // namespace civic
