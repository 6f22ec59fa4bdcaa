#include "domain/core/civil_time.h"

#include <gtest/gtest.h>

#include "domain/core/error.h"

namespace civic {
namespace {

// 2026-06-30T23:00:00Z = 2026-07-01 07:00 in Beijing.
constexpr TimeMs kJune30At23Utc = 1'782'860'400'000;
constexpr TimeMs kHourMs = 3'600'000;

CivilDate date(const char* iso) {
  return *parse_iso_date(iso);
}

// Restores the default zone after tests that change it.
class BusinessZone : public ::testing::Test {
 protected:
  void TearDown() override { set_business_time_zone(time_zone_named("Asia/Shanghai")); }
};

TEST(CivilTime, DefaultZoneIsShanghaiUtcPlus8) {
  EXPECT_EQ(business_time_zone().name, "Asia/Shanghai");
  EXPECT_EQ(business_time_zone().offset_minutes, 480);
}

TEST(CivilTime, BeijingMorningOfJulyFirstIsJulyFirstThoughUtcSaysJuneThirtieth) {
  ASSERT_EQ(format_rfc3339(kJune30At23Utc), "2026-06-30T23:00:00.000Z");
  EXPECT_EQ(civil_date_of(kJune30At23Utc), date("2026-07-01"));
  EXPECT_EQ(civil_date_of(kJune30At23Utc, time_zone_named("UTC")), date("2026-06-30"));
}

TEST(CivilTime, DayChangesAtBeijingMidnight) {
  TimeMs midnight = start_of_day(date("2026-07-01"));
  EXPECT_EQ(format_rfc3339(midnight), "2026-06-30T16:00:00.000Z");
  EXPECT_EQ(civil_date_of(midnight), date("2026-07-01"));
  EXPECT_EQ(civil_date_of(midnight - 1), date("2026-06-30"));
  EXPECT_EQ(civil_day_number_of(midnight) - civil_day_number_of(midnight - 1), 1);
}

TEST(CivilTime, YearBoundaryAndTimesBeforeTheEpoch) {
  EXPECT_EQ(civil_date_of(start_of_day(date("2027-01-01")) - 1), date("2026-12-31"));
  EXPECT_EQ(civil_date_of(-1, time_zone_named("UTC")), date("1969-12-31"));
  EXPECT_EQ(civil_date_of(-1), date("1970-01-01"));  // 07:59:59.999 in Beijing
  EXPECT_EQ(civil_date_of(-8 * kHourMs - 1), date("1969-12-31"));
}

TEST(CivilTime, DaysWindowCoversWholeBusinessDays) {
  TimeWindow h2 = days_window(date("2026-07-01"), date("2026-12-31"));
  EXPECT_EQ(format_rfc3339(h2.start), "2026-06-30T16:00:00.000Z");
  EXPECT_EQ(format_rfc3339(h2.end), "2026-12-31T16:00:00.000Z");
  EXPECT_TRUE(h2.contains(kJune30At23Utc));
  EXPECT_FALSE(h2.contains(h2.end));
  EXPECT_TRUE(h2.contains(h2.end - 1));
}

TEST(CivilTime, NamedAndFixedOffsetZones) {
  EXPECT_EQ(time_zone_named("Asia/Urumqi").offset_minutes, 360);
  EXPECT_EQ(time_zone_named("Asia/Kolkata").offset_minutes, 330);
  EXPECT_EQ(time_zone_named("UTC").offset_minutes, 0);
  EXPECT_EQ(time_zone_named("+08:00").offset_minutes, 480);
  EXPECT_EQ(time_zone_named("UTC+8").offset_minutes, 480);
  EXPECT_EQ(time_zone_named("UTC-05:30").offset_minutes, -330);
  EXPECT_EQ(time_zone_named("+0545").offset_minutes, 345);
  EXPECT_FALSE(find_time_zone("Europe/Nowhere"));
  EXPECT_FALSE(find_time_zone("+15:00"));
  EXPECT_FALSE(find_time_zone("+08:60"));
  EXPECT_FALSE(find_time_zone("08:00"));
  EXPECT_FALSE(find_time_zone(""));
}

TEST(CivilTime, UnknownZoneIsRefusedWithItsName) {
  try {
    time_zone_named("Mars/Olympus");
    FAIL() << "no error";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "time_zone");
    EXPECT_EQ(e.key().key, "time_zone.unknown");
    EXPECT_NE(std::string(e.what()).find("Mars/Olympus"), std::string::npos);
  }
}

TEST_F(BusinessZone, SettingTheZoneMovesTheDayBoundary) {
  set_business_time_zone(time_zone_named("UTC"));
  EXPECT_EQ(civil_date_of(kJune30At23Utc), date("2026-06-30"));
  EXPECT_EQ(start_of_day(date("2026-07-01")), kJune30At23Utc + kHourMs);
  set_business_time_zone(time_zone_named("Asia/Tokyo"));
  EXPECT_EQ(civil_date_of(start_of_day(date("2026-07-01")) - 1), date("2026-06-30"));
  EXPECT_EQ(format_rfc3339(start_of_day(date("2026-07-01"))), "2026-06-30T15:00:00.000Z");
}

TEST(CivilTime, BareDateIsTheStartOfThatBusinessDay) {
  EXPECT_EQ(parse_time("2026-07-01"), start_of_day(date("2026-07-01")));
  EXPECT_EQ(parse_time("2026-07-01"), kJune30At23Utc - 7 * kHourMs);
  EXPECT_EQ(parse_time("2026-06-30T23:00:00Z"), kJune30At23Utc);  // explicit UTC stays UTC
}

}  // namespace
}  // namespace civic
