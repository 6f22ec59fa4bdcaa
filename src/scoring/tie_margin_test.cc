// scoring.md §5: thresholds and ties within 1e-9. Each case uses values that are equal in exact arithmetic
// but not in floating point, and first checks that the doubles really differ, so the case would fail if the
// engine compared exactly.
#include <gtest/gtest.h>

#include "scoring/period_scores.h"
#include "scoring/unit_report.h"

namespace civic::scoring {
namespace {

using Results = std::vector<std::pair<int32_t, int32_t>>;

Item field_item(std::string code, double max_score, std::vector<std::pair<std::string, double>> checks) {
  Item it;
  it.code = std::move(code);
  it.method = Method::field;
  it.max_score = max_score;
  for (auto& [check, deduct] : checks) {
    Check c;
    c.code = check;
    c.deduct = deduct;
    it.checks.push_back(std::move(c));
  }
  return it;
}

Item statistic_item(std::string code) {
  Item it;
  it.code = std::move(code);
  it.method = Method::statistic;
  it.max_score = 1;
  it.metric = "m";
  it.target = 100;
  return it;
}

Framework framework(std::vector<Item> items) {
  Indicator ind;
  ind.code = "A.1";
  ind.items = std::move(items);
  Aspect a;
  a.code = "A";
  a.indicators = {std::move(ind)};
  Framework f;
  f.code = "ties";
  f.aspects = {std::move(a)};
  return f;
}

TEST(TieMargin, RateEqualToTheThresholdInExactArithmeticIsNotWeak) {
  // 3 points, three failures of 0.2: 3 − 0.6 = 2.4, rate 0.8 exactly; in doubles 0.7999999999999999.
  DatasetBuilder b(framework({field_item("X1", 3, {{"k", 0.2}})}));
  const int c = b.add_unit("C", -1, 0);
  const int s = b.add_site("S", c, "广场");
  b.add_period("P", 0, 10);
  b.add_inspection("I", s, 1, Results{{b.check_index("k"), 3}});
  const ScoringDataset d = b.finish();
  const PeriodScores scores(d, 0);
  const ItemScore& x = scores.item(c, 0);
  ASSERT_TRUE(x.assessed);
  ASSERT_LT(x.score / 3, 0.8);  // the double is below; exact comparison would call the item weak
  EXPECT_TRUE(weak_items(scores, c, 0.8).empty());
  // Clearly below a slightly higher threshold it is weak, with its rate kept at full precision.
  const auto weak = weak_items(scores, c, 0.8 + 1e-6);
  ASSERT_EQ(weak.size(), 1u);
  EXPECT_EQ(weak[0].rate, x.score / 3);
}

TEST(TieMargin, EqualLostPointsTieAndTheCodeDecides) {
  // X1 loses 0.05 + 0.35, X2 loses 0.4: equal, yet X1's double is smaller (0.3999999999999999).
  DatasetBuilder b(framework({field_item("X1", 1, {{"a", 0.05}, {"b", 0.35}}),
                              field_item("X2", 1, {{"c", 0.4}}), field_item("X3", 1, {{"e", 0.5}})}));
  const int c = b.add_unit("C", -1, 0);
  const int s = b.add_site("S", c, "广场");
  b.add_period("P", 0, 10);
  b.add_inspection("I", s, 1,
                   Results{{b.check_index("a"), 1},
                           {b.check_index("b"), 1},
                           {b.check_index("c"), 1},
                           {b.check_index("e"), 1}});
  const ScoringDataset d = b.finish();
  const PeriodScores scores(d, 0);
  const auto weak = weak_items(scores, c, 0.85);
  ASSERT_EQ(weak.size(), 3u);
  ASSERT_LT(1 - scores.item(c, 0).score, 1 - scores.item(c, 1).score);  // X1's double is the smaller
  EXPECT_EQ(d.items[weak[0].item].code, "X3");                          // lost 0.5, clearly more
  EXPECT_EQ(d.items[weak[1].item].code, "X1");
  EXPECT_EQ(d.items[weak[2].item].code, "X2");
}

TEST(TieMargin, EqualTotalRatesTieInTheRankingAndTheCodeDecides) {
  // Both districts score 1 of 1; D1's penalties 0.2 + 0.4 leave 0.3999999999999999, D2's 0.6 leaves 0.4.
  DatasetBuilder b(framework({statistic_item("X1")}));
  const int c = b.add_unit("C", -1, 0);
  const int d1 = b.add_unit("D1", c, 0);
  const int d2 = b.add_unit("D2", c, 0);
  const int p = b.add_period("P", 0, 10);
  b.add_statistic("m", d1, p, 100);
  b.add_statistic("m", d2, p, 100);
  b.add_penalty("N1", d1, p, 0.2, false);
  b.add_penalty("N2", d1, p, 0.4, false);
  b.add_penalty("N3", d2, p, 0.6, false);
  const ScoringDataset d = b.finish();
  const PeriodScores scores(d, 0);
  ASSERT_LT(*scores.total(d1).total_rate(), *scores.total(d2).total_rate());
  const auto ranking = rank_children(scores, c);
  ASSERT_EQ(ranking.size(), 2u);
  EXPECT_EQ(d.unit_code[ranking[0].unit], "D1");
  EXPECT_EQ(ranking[0].rank, 1);
  EXPECT_EQ(d.unit_code[ranking[1].unit], "D2");
  // The answer keeps the full-precision rate: no rounding of stored values.
  EXPECT_EQ(*ranking[0].total_rate, *scores.total(d1).total_rate());
}

TEST(TieMargin, ARateClearlyHigherStillRanksFirst) {
  DatasetBuilder b(framework({statistic_item("X1")}));
  const int c = b.add_unit("C", -1, 0);
  const int d1 = b.add_unit("D1", c, 0);
  const int d2 = b.add_unit("D2", c, 0);
  const int p = b.add_period("P", 0, 10);
  b.add_statistic("m", d1, p, 100);
  b.add_statistic("m", d2, p, 100);
  b.add_penalty("N1", d1, p, 1e-6, false);  // a millionth is more than the margin
  const ScoringDataset d = b.finish();
  const auto ranking = rank_children(PeriodScores(d, 0), c);
  ASSERT_EQ(ranking.size(), 2u);
  EXPECT_EQ(d.unit_code[ranking[0].unit], "D2");
}

}  // namespace
}  // namespace civic::scoring
