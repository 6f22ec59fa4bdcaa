#include "domain/evaluation/computed_metric.h"

#include <gtest/gtest.h>

namespace civic {
namespace {

TEST(ComputedMetric, NamesRoundTripAndUnknownIsRefused) {
  for (const auto& name : computed_metric_names()) {
    auto m = parse_computed_metric(name);
    ASSERT_TRUE(m) << name;
    EXPECT_EQ(computed_metric_name(*m), name);
  }
  EXPECT_EQ(computed_metric_names().size(), 4u);
  EXPECT_FALSE(parse_computed_metric("volunteers"));
  EXPECT_FALSE(parse_computed_metric(""));
}

TEST(ComputedMetric, SharesArePercentagesAndRatesAreNot) {
  EXPECT_DOUBLE_EQ(*computed_value(ComputedMetric::volunteer_share, {130, 1000}), 13.0);
  EXPECT_DOUBLE_EQ(*computed_value(ComputedMetric::volunteer_hours_per_resident, {250, 1000}), 0.25);
  EXPECT_DOUBLE_EQ(*computed_value(ComputedMetric::activities_per_community, {9, 4}), 2.25);
  // Households: 2,620 residents are 1,000 households; 50 titles are 5 %.
  double households = computed_denominator(ComputedMetric::civilized_family_share, 2620, 7);
  EXPECT_DOUBLE_EQ(households, 1000.0);
  EXPECT_DOUBLE_EQ(*computed_value(ComputedMetric::civilized_family_share, {50, households}), 5.0);
  EXPECT_DOUBLE_EQ(computed_denominator(ComputedMetric::activities_per_community, 2620, 7), 7.0);
}

TEST(ComputedMetric, NothingToDivideByIsNoValue) {
  EXPECT_FALSE(computed_value(ComputedMetric::activities_per_community, {3, 0}));
  EXPECT_FALSE(computed_value(ComputedMetric::volunteer_share, {3, -1}));
  EXPECT_DOUBLE_EQ(*computed_value(ComputedMetric::volunteer_share, {0, 10}), 0.0);
}

TEST(ComputedMetric, ExplanationShowsTheFigures) {
  auto text = computed_explanation(ComputedMetric::volunteer_share, {3101, 1567033});
  EXPECT_NE(text.find("3,101"), std::string::npos) << text;
  EXPECT_NE(text.find("1,567,033"), std::string::npos) << text;
  auto hours = computed_explanation(ComputedMetric::volunteer_hours_per_resident, {12.5, 400});
  EXPECT_NE(hours.find("12.5 小时"), std::string::npos) << hours;
}

}  // namespace
}  // namespace civic
