// The synthetic city is deterministic, valid by bundle.md's rules, shaped as promised, and its
// weak district is weak where it should be.
#include "bundle/synthetic_city.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "bundle/bundle_dataset.h"
#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "scoring/period_scores.h"
#include "scoring/unit_report.h"

namespace civic::bundle {
namespace {

TEST(SyntheticFramework, ShapedLikeTheNationalOne) {
  const Framework f = synthetic_framework();
  EXPECT_EQ(f.aspects.size(), 7u);
  size_t indicators = 0;
  for (const auto& a : f.aspects) indicators += a.indicators.size();
  EXPECT_EQ(indicators, 33u);
  EXPECT_EQ(f.items().size(), 111u);
  EXPECT_NEAR(f.max_total(), 100.0, 1e-9);
  std::set<Method> methods;
  for (const Item* it : f.items()) methods.insert(it->method);
  EXPECT_EQ(methods.size(), 4u);
}

TEST(SyntheticCity, SameSeedSameBundleAndItReadsBack) {
  const Framework f = synthetic_framework();
  const std::string a = write_bundle(synthetic_city(f, small_scale()));
  // EXPECT_TRUE, not EXPECT_EQ: a diff of two megabyte strings takes minutes to print.
  EXPECT_TRUE(a == write_bundle(synthetic_city(f, small_scale())));
  EXPECT_TRUE(a != write_bundle(synthetic_city(f, small_scale(), 7)));
  const Bundle b = read_bundle(a);  // every rule of bundle.md holds
  const std::string again = write_bundle(b);
  const auto diverge = std::mismatch(a.begin(), a.end(), again.begin(), again.end()).first - a.begin();
  EXPECT_TRUE(again == a) << "first difference at " << diverge << ": "
                          << a.substr(static_cast<size_t>(std::max<long>(0, diverge - 200)), 400);
}

TEST(SyntheticCity, SmallScaleCountsAndEverySiteType) {
  const SyntheticScale scale = small_scale();
  const Bundle b = synthetic_city(synthetic_framework(), scale);
  const size_t units =
      1 + scale.districts * (1 + scale.streets_per_district * (1 + scale.communities_per_street)) +
      scale.departments;
  EXPECT_EQ(b.units.size(), units);
  EXPECT_EQ(b.sites.size(), static_cast<size_t>(scale.sites));
  EXPECT_EQ(b.inspections.size(), static_cast<size_t>(scale.inspections + scale.inspections / 10));
  EXPECT_EQ(b.responses.size(), static_cast<size_t>(scale.responses + scale.responses / 10));
  std::set<std::string> types;
  for (const auto& s : b.sites) types.insert(s.type);
  EXPECT_EQ(types.size(), 12u);
  for (const auto& r : b.inspections)
    EXPECT_LE(r.results.size(), static_cast<size_t>(scale.results_per_inspection));
}

TEST(SyntheticCity, WeakDistrictIsWeakestInItsWeakAspect) {
  const Bundle b = synthetic_city(synthetic_framework(), small_scale());
  const scoring::ScoringDataset d = build_dataset(b);
  const scoring::PeriodScores s(d, d.period_index("2026H1"));
  const int city = d.unit_index("C");
  const int weak = d.unit_index(b.units[1 + kWeakDistrict * (1 + 2 * (1 + 2))].code);  // small scale: 2 × 2
  ASSERT_GE(weak, 0);
  EXPECT_EQ(d.unit_parent[weak], city);
  EXPECT_EQ(b.units[weak].name, "互贸区");
  for (int c = d.child_begin[city]; c < d.child_begin[city + 1]; ++c) {
    const int other = d.children[c];
    if (other == weak || !s.aspect(other, kWeakAspect).rate()) continue;
    EXPECT_LT(*s.aspect(weak, kWeakAspect).rate(), *s.aspect(other, kWeakAspect).rate())
        << d.unit_code[other];
  }
  const auto ranking = scoring::rank_children(s, city);
  ASSERT_FALSE(ranking.empty());
  EXPECT_NE(ranking.front().unit, weak);
  EXPECT_TRUE(s.total(city).total_rate().has_value());
  EXPECT_GT(s.total(city).coverage(), 0.9);
}

TEST(SyntheticCity, WithTheShippedFrameworkTheBundleIsValid) {
  std::ifstream in(std::string(CIVIC_SOURCE_DIR) + "/data/framework/default.json");
  if (!in) GTEST_SKIP() << "data/framework/default.json not written yet";
  std::ostringstream text;
  text << in.rdbuf();
  const Framework f = read_bundle(R"({"format": "civic-bundle/1", "units": [{"code": "C", "parent": null}],
                                      "framework": )" +
                                  text.str() + "}")
                          .framework;
  const Bundle b = read_bundle(write_bundle(synthetic_city(f, small_scale())));
  std::set<std::string> types;
  for (const auto& s : b.sites) types.insert(s.type);
  EXPECT_EQ(types.size(), f.site_types.empty() ? 12u : f.site_types.size());
  const scoring::ScoringDataset d = build_dataset(b);
  const scoring::PeriodScores s(d, d.period_index("2026H1"));
  EXPECT_GT(s.total(d.unit_index("C")).coverage(), 0.9);
}

}  // namespace
}  // namespace civic::bundle
