#include "domain/inspections/sample_draw.h"

#include <gtest/gtest.h>

#include <set>

namespace civic {
namespace {

std::vector<std::string> codes(const std::string& prefix, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(1000 + i));
  return out;
}

std::vector<StratumPopulation> city() {
  return {{"D1", "农贸市场", codes("M", 40), 5},
          {"D1", "主干道", codes("R", 30), 4},
          {"D2", "农贸市场", codes("N", 3), 5}};  // asks for more than there are
}

std::vector<std::string> all_sites(const std::vector<StratumSample>& sample) {
  std::vector<std::string> out;
  for (const auto& s : sample) out.insert(out.end(), s.sites.begin(), s.sites.end());
  return out;
}

TEST(SampleDraw, SameSeedSameSample) {
  EXPECT_EQ(all_sites(draw_sample(city(), 42)), all_sites(draw_sample(city(), 42)));
}

TEST(SampleDraw, InputOrderDoesNotMatter) {
  auto strata = city();
  std::reverse(strata.begin(), strata.end());
  for (auto& s : strata) std::reverse(s.sites.begin(), s.sites.end());
  EXPECT_EQ(all_sites(draw_sample(strata, 7)), all_sites(draw_sample(city(), 7)));
}

TEST(SampleDraw, DifferentSeedDifferentSample) {
  auto a = all_sites(draw_sample(city(), 1));
  int differing = 0;
  for (std::uint64_t seed = 2; seed < 6; ++seed) differing += all_sites(draw_sample(city(), seed)) != a;
  EXPECT_GE(differing, 3);  // a coincidence for one seed is possible, not for most
}

TEST(SampleDraw, EachStratumGetsItsSizeCappedAtThePopulation) {
  auto sample = draw_sample(city(), 99);
  ASSERT_EQ(sample.size(), 3u);
  // ordered by (unit, type): D1 主干道, D1 农贸市场, D2 农贸市场
  EXPECT_EQ(sample[0].site_type, "主干道");
  EXPECT_EQ(sample[0].sites.size(), 4u);
  EXPECT_EQ(sample[0].population, 30);
  EXPECT_EQ(sample[1].sites.size(), 5u);
  EXPECT_EQ(sample[2].sites.size(), 3u);
  EXPECT_EQ(sample[2].sample_size, 3);
  EXPECT_EQ(sample[2].population, 3);
  for (const auto& s : sample) {
    EXPECT_TRUE(std::is_sorted(s.sites.begin(), s.sites.end()));
    std::set<std::string> unique(s.sites.begin(), s.sites.end());
    EXPECT_EQ(unique.size(), s.sites.size());
    for (const auto& site : s.sites)
      EXPECT_EQ(site[0], s.site_type == "主干道" ? 'R' : (s.unit == "D1" ? 'M' : 'N'));
  }
}

TEST(SampleDraw, EverySiteCanBeDrawn) {
  std::set<std::string> seen;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    auto sample = draw_sample({{"U", "T", codes("S", 10), 2}}, seed);
    seen.insert(sample[0].sites.begin(), sample[0].sites.end());
  }
  EXPECT_EQ(seen.size(), 10u);
}

TEST(SampleDraw, OverlappingStrataDoNotDrawASiteTwice) {
  auto sample = draw_sample({{"A", "T", codes("S", 5), 5}, {"B", "T", codes("S", 5), 5}}, 3);
  EXPECT_EQ(sample[0].sites.size(), 5u);
  EXPECT_TRUE(sample[1].sites.empty());
}

TEST(SampleDraw, ZeroSizeDrawsNothing) {
  auto sample = draw_sample({{"U", "T", codes("S", 10), 0}}, 5);
  EXPECT_TRUE(sample[0].sites.empty());
  EXPECT_EQ(sample[0].population, 10);
}

}  // namespace
}  // namespace civic
