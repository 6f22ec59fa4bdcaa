#include "domain/inspections/sample_draw.h"

#include <gtest/gtest.h>

#include <deque>
#include <random>
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

// The first outputs of std::mt19937_64 with its default seed 5489. The standard fixes the engine's whole
// sequence ([rand.predef]: the 10000th output of a default-constructed mt19937_64 is 9981545732273789042), so
// these numbers, and every sample derived from them below, are the same on every conforming platform.
constexpr std::uint64_t kDefaultSeed = 5489;
const std::vector<std::uint64_t> kFirstOutputs = {
    14514284786278117030ull, 4620546740167642908ull, 13109570281517897720ull,
    17462938647148434322ull, 355488278567739596ull,  7469126240319926998ull,
    4635995468481642529ull,  418970542659199878ull,  9604170989252516556ull};

TEST(SampleDraw, TheEngineIsTheStandardMt19937_64) {
  std::mt19937_64 engine(kDefaultSeed);
  for (std::uint64_t x : kFirstOutputs) EXPECT_EQ(engine(), x);
  std::mt19937_64 standard(kDefaultSeed);
  standard.discard(9999);
  EXPECT_EQ(standard(), 9981545732273789042ull);
}

// Three strata given out of order; ordered by (unit, type) they are D1 主干道, D1 农贸市场, D2 主干道
// (ordered by (type, unit) D2 主干道 would come second). D2 主干道 lists R7 twice and shares R3 and R5 with
// D1 主干道.
std::vector<StratumPopulation> golden_city() {
  return {{"D2", "主干道", {"R9", "R3", "R7", "R8", "R7", "R5", "R4"}, 3},
          {"D1", "农贸市场", {"M1", "M2", "M3", "M4", "M5", "M6", "M7"}, 3},
          {"D1", "主干道", {"R6", "R5", "R4", "R3", "R2", "R1"}, 3}};
}

// Worked by hand from kFirstOutputs (x0 … x8), one engine for all strata, partial Fisher–Yates where position
// i swaps with i + (x mod (n − i)):
//   D1 主干道  [R1 R2 R3 R4 R5 R6]: x0%6=4 → R5 first; x1%5=3 → R1 second; x2%4=0 → R3 third: {R1 R3 R5}.
//   D1 农贸市场 [M1 … M7]: x3%7=1 → M2; x4%6=2 → M4; x5%5=3 → M6: {M2 M4 M6}.
//   D2 主干道  [R3 R4 R5 R7 R8 R9] without the drawn R3 R5 = [R4 R7 R8 R9], population 4:
//              x6%4=1 → R7; x7%3=0 → R4; x8%2=0 → R8: {R4 R7 R8}.
TEST(SampleDraw, GoldenSampleForTheDefaultSeed) {
  const auto sample = draw_sample(golden_city(), kDefaultSeed);
  ASSERT_EQ(sample.size(), 3u);
  EXPECT_EQ(sample[0].unit, "D1");
  EXPECT_EQ(sample[0].site_type, "主干道");
  EXPECT_EQ(sample[0].population, 6);
  EXPECT_EQ(sample[0].sites, (std::vector<std::string>{"R1", "R3", "R5"}));
  EXPECT_EQ(sample[1].unit, "D1");
  EXPECT_EQ(sample[1].site_type, "农贸市场");
  EXPECT_EQ(sample[1].population, 7);
  EXPECT_EQ(sample[1].sites, (std::vector<std::string>{"M2", "M4", "M6"}));
  EXPECT_EQ(sample[2].unit, "D2");
  EXPECT_EQ(sample[2].site_type, "主干道");
  EXPECT_EQ(sample[2].population, 4);  // R7 once; R3 and R5 already drawn
  EXPECT_EQ(sample[2].sample_size, 3);
  EXPECT_EQ(sample[2].sites, (std::vector<std::string>{"R4", "R7", "R8"}));
}

// An engine that returns the given outputs in order and counts the calls.
struct ScriptedEngine {
  std::deque<std::uint64_t> outputs;
  int calls = 0;
  std::uint64_t operator()() {
    ++calls;
    const std::uint64_t x = outputs.front();
    outputs.pop_front();
    return x;
  }
};

TEST(UniformBelow, TakesTheRemainderOfAnAcceptedOutput) {
  ScriptedEngine engine{{17, 0, 123456789}};
  EXPECT_EQ(uniform_below(engine, 10), 7u);
  EXPECT_EQ(uniform_below(engine, 10), 0u);
  EXPECT_EQ(uniform_below(engine, 1000), 789u);
  EXPECT_EQ(engine.calls, 3);
}

TEST(UniformBelow, RejectsTheIncompleteTopBlockAndDrawsAgain) {
  // 10: UINT64_MAX % 10 = 5, so outputs from UINT64_MAX − 5 up are refused and UINT64_MAX − 6 is the last
  // kept.
  ScriptedEngine engine{{UINT64_MAX, UINT64_MAX - 5, UINT64_MAX - 6, 4}};
  EXPECT_EQ(uniform_below(engine, 10), (UINT64_MAX - 6) % 10);
  EXPECT_EQ((UINT64_MAX - 6) % 10, 9u);
  EXPECT_EQ(engine.calls, 3);
  EXPECT_EQ(uniform_below(engine, 10), 4u);
  // 2^63 + 1: everything from 2^63 + 1 up is refused (half the range); 2^63 itself is kept.
  const std::uint64_t half = std::uint64_t{1} << 63;
  ScriptedEngine wide{{UINT64_MAX, half + 1, half}};
  EXPECT_EQ(uniform_below(wide, half + 1), half);
  EXPECT_EQ(wide.calls, 3);
  // A power of two: UINT64_MAX % 4 = 3, so the top 4 outputs are refused.
  ScriptedEngine four{{UINT64_MAX - 3, UINT64_MAX - 4}};
  EXPECT_EQ(uniform_below(four, 4), (UINT64_MAX - 4) % 4);
  EXPECT_EQ(four.calls, 2);
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
  EXPECT_EQ(sample[1].population, 0);  // counted after the sites drawn for A are taken out
}

TEST(SampleDraw, ZeroSizeDrawsNothing) {
  auto sample = draw_sample({{"U", "T", codes("S", 10), 0}}, 5);
  EXPECT_TRUE(sample[0].sites.empty());
  EXPECT_EQ(sample[0].population, 10);
}

}  // namespace
}  // namespace civic
