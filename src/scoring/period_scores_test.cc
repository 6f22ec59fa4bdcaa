// The engine against scoring.md: the §7 worked example number by number, and the edge cases.
#include "scoring/period_scores.h"

#include <gtest/gtest.h>

#include "domain/core/civil_date.h"
#include "scoring/item_explanation.h"
#include "scoring/unit_report.h"

namespace civic::scoring {
namespace {

constexpr double kTol = 1e-9;
constexpr int kNA = kNotApplicable;

int day(int y, int m, int d) {
  return day_number(CivilDate{y, m, d});
}

Item make_item(std::string code, Method method, double max_score) {
  Item it;
  it.code = std::move(code);
  it.method = method;
  it.max_score = max_score;
  return it;
}

Check make_check(std::string code, double deduct, std::vector<std::string> site_types = {}) {
  Check c;
  c.code = std::move(code);
  c.deduct = deduct;
  c.site_types = std::move(site_types);
  return c;
}

// One aspect "A" with one indicator "A.1" holding `items`.
Framework one_indicator(std::vector<Item> items) {
  Indicator ind;
  ind.code = "A.1";
  ind.items = std::move(items);
  Aspect a;
  a.code = "A";
  a.indicators = {std::move(ind)};
  Framework f;
  f.code = "test";
  f.aspects = {std::move(a)};
  return f;
}

// scoring.md §7, built directly through DatasetBuilder (no JSON in this module).
Framework worked_framework() {
  Item field = make_item("A1.1.1", Method::field, 4);
  field.checks = {make_check("c1", 0.5), make_check("c2", 2, {"农贸市场"})};
  Item survey = make_item("A1.1.2", Method::survey, 2);
  survey.question = "Q1";
  survey.positive = {"know"};
  survey.curve = {{0.5, 0}, {1.0, 1}};
  Item stat = make_item("A1.1.3", Method::statistic, 2);
  stat.metric = "gdp";
  stat.target = 60000;
  stat.floor = 20000;
  Item material = make_item("A1.1.4", Method::material, 2);
  Framework f = one_indicator({field, survey, stat, material});
  f.aspects[0].code = "A1";
  f.aspects[0].indicators[0].code = "A1.1";
  return f;
}

ScoringDataset worked_dataset() {
  DatasetBuilder b(worked_framework());
  const int c = b.add_unit("C", -1, 0);
  const int d1 = b.add_unit("D1", c, 100);
  const int d2 = b.add_unit("D2", c, 300);
  const int s1 = b.add_site("S1", d1, "主干道");
  const int s2 = b.add_site("S2", d2, "农贸市场");
  const int h1 = b.add_period("2026H1", day(2026, 1, 1), day(2026, 6, 30));
  const int c1 = b.check_index("c1"), c2 = b.check_index("c2");
  using R = std::vector<std::pair<int32_t, int32_t>>;
  b.add_inspection("I1", s1, day(2026, 2, 1), R{{c1, 2}, {c2, 3}});
  b.add_inspection("I2", s2, day(2026, 3, 1), R{{c1, 0}, {c2, 1}});
  b.add_inspection("I3", s2, day(2026, 7, 5), R{{c1, 5}});
  b.add_inspection("I4", s1, day(2026, 4, 1), R{{c1, kNA}, {c2, 1}});
  using A = std::vector<std::pair<std::string_view, std::string_view>>;
  const int march = day(2026, 3, 1);
  b.add_response("R1", d1, march, A{{"Q1", "know"}});
  b.add_response("R2", d1, march, A{{"Q1", "no"}});
  for (const char* id : {"R3", "R4", "R5"}) b.add_response(id, d2, march, A{{"Q1", "know"}});
  b.add_response("R6", d2, march, A{{"Q1", "no"}});
  b.add_response("R7", d2, march, A{{"Q1", ""}});
  b.add_statistic("gdp", c, h1, 50000);
  b.add_grade(b.item_index("A1.1.4"), c, h1, "B", 0.8);
  b.add_penalty("N1", d2, h1, 0.5, false);
  return b.finish();
}

TEST(WorkedExample, CityItemsMatchScoringMd) {
  const ScoringDataset d = worked_dataset();
  const PeriodScores s(d, d.period_index("2026H1"));
  const int c = d.unit_index("C");
  // A1.1.1: I1 → 4 − 2 × 0.5 = 3.0 (c2 not for 主干道); I2 → 4 − 2 = 2.0; I3 outside; I4 does not assess.
  EXPECT_TRUE(s.item(c, 0).assessed);
  EXPECT_NEAR(s.item(c, 0).score, 2.5, kTol);
  EXPECT_EQ(s.item(c, 0).n, 2);
  // A1.1.2: n 6, k 4, post-stratified (100 × 0.5 + 300 × 0.75) / 400 = 0.6875 → f 0.375 → 0.75.
  EXPECT_EQ(s.item(c, 1).n, 6);
  EXPECT_EQ(s.survey(c, 1).k, 4);
  EXPECT_NEAR(s.survey(c, 1).rate_unweighted, 4.0 / 6, kTol);
  EXPECT_NEAR(s.survey(c, 1).rate, 0.6875, kTol);
  EXPECT_TRUE(s.survey(c, 1).post_stratified);
  EXPECT_NEAR(s.item(c, 1).score, 0.75, kTol);
  EXPECT_NEAR(s.survey(c, 1).ci_low, 0.299993315138392, 1e-12);
  EXPECT_NEAR(s.survey(c, 1).ci_high, 0.9032285888942195, 1e-12);
  // A1.1.3: (50000 − 20000) / 40000 = 0.75 → 1.5.
  EXPECT_NEAR(s.item(c, 2).score, 1.5, kTol);
  EXPECT_EQ(s.item(c, 2).n, 1);
  // A1.1.4: B = 0.8 → 1.6.
  EXPECT_NEAR(s.item(c, 3).score, 1.6, kTol);
}

TEST(WorkedExample, CityTotalsWeakItemsAndRanking) {
  const ScoringDataset d = worked_dataset();
  const PeriodScores s(d, 0);
  const int c = d.unit_index("C");
  const TotalScore& t = s.total(c);
  EXPECT_NEAR(t.score, 6.35, kTol);
  EXPECT_NEAR(t.assessed_max, 10, kTol);
  EXPECT_NEAR(t.coverage(), 1.0, kTol);
  EXPECT_NEAR(t.penalty, 0.5, kTol);
  EXPECT_NEAR(t.total(), 5.85, kTol);
  EXPECT_NEAR(*t.total_rate(), 0.585, kTol);
  EXPECT_FALSE(t.disqualified);
  EXPECT_NEAR(s.indicator(c, 0).score, 6.35, kTol);
  EXPECT_NEAR(*s.aspect(c, 0).rate(), 0.635, kTol);

  const auto weak = weak_items(s, c, 0.85);
  ASSERT_EQ(weak.size(), 4u);
  const char* order[] = {"A1.1.1", "A1.1.2", "A1.1.3", "A1.1.4"};
  const double lost[] = {1.5, 1.25, 0.5, 0.4};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(d.items[weak[i].item].code, order[i]);
    EXPECT_NEAR(weak[i].lost, lost[i], kTol);
  }
  const auto ranking = rank_children(s, c);
  ASSERT_EQ(ranking.size(), 2u);
  EXPECT_EQ(d.unit_code[ranking[0].unit], "D1");
  EXPECT_NEAR(*ranking[0].total_rate, 0.5, kTol);
  EXPECT_EQ(d.unit_code[ranking[1].unit], "D2");
  EXPECT_NEAR(*ranking[1].total_rate, 2.5 / 6, kTol);
  EXPECT_EQ(ranking[1].rank, 2);
}

TEST(WorkedExample, DistrictWithoutChildrenUsesPlainRateAndSkipsMissingEvidence) {
  const ScoringDataset d = worked_dataset();
  const PeriodScores s(d, 0);
  const int d1 = d.unit_index("D1");
  EXPECT_NEAR(s.item(d1, 0).score, 3.0, kTol);
  EXPECT_NEAR(s.survey(d1, 1).rate, 0.5, kTol);
  EXPECT_FALSE(s.survey(d1, 1).post_stratified);
  EXPECT_TRUE(s.item(d1, 1).assessed);
  EXPECT_EQ(s.item(d1, 1).score, 0.0);   // assessed, and genuinely zero
  EXPECT_FALSE(s.item(d1, 2).assessed);  // no statistic for D1: not assessed, not zero
  EXPECT_FALSE(s.item(d1, 3).assessed);
  EXPECT_NEAR(s.total(d1).assessed_max, 6, kTol);
  EXPECT_NEAR(s.total(d1).coverage(), 0.6, kTol);
}

TEST(WorkedExample, ExplanationShowsTheEvidence) {
  const ScoringDataset d = worked_dataset();
  const PeriodScores s(d, 0);
  const int c = d.unit_index("C");
  const auto field = explain_item(s, c, 0);
  ASSERT_EQ(field.inspections.size(), 2u);
  double sum = 0;
  for (const auto& ev : field.inspections) sum += ev.item_score;
  EXPECT_NEAR(sum / 2, field.score.score, kTol);
  const auto& i1 = field.inspections[0];
  EXPECT_EQ(d.inspection_id[i1.inspection], "I1");
  ASSERT_EQ(i1.failed.size(), 1u);  // c2 does not apply at a 主干道
  EXPECT_EQ(d.check_code[i1.failed[0].check], "c1");
  EXPECT_NEAR(i1.failed[0].deduction, 1.0, kTol);

  const auto survey = explain_item(s, c, 1);
  ASSERT_EQ(survey.strata.size(), 2u);
  EXPECT_EQ(survey.strata[0].n, 2);
  EXPECT_EQ(survey.strata[0].k, 1);
  EXPECT_NEAR(survey.strata[0].weight, 0.25, kTol);
  EXPECT_EQ(survey.strata[1].n, 4);
  EXPECT_NEAR(survey.strata[1].weight, 0.75, kTol);

  EXPECT_NEAR(*explain_item(s, c, 2).statistic_value, 50000, kTol);
  EXPECT_EQ(*explain_item(s, c, 3).grade, "B");
  EXPECT_FALSE(explain_item(s, d.unit_index("D1"), 2).statistic_value.has_value());
}

TEST(Curve, ClampsAtBothEndsAndInterpolates) {
  const std::vector<CurvePoint> curve{{0.6, 0.0}, {0.8, 0.7}, {0.95, 1.0}};
  EXPECT_EQ(curve_fraction(curve, 0.1), 0.0);
  EXPECT_EQ(curve_fraction(curve, 0.6), 0.0);
  EXPECT_NEAR(curve_fraction(curve, 0.7), 0.35, kTol);
  EXPECT_NEAR(curve_fraction(curve, 0.875), 0.85, kTol);
  EXPECT_EQ(curve_fraction(curve, 0.99), 1.0);
  EXPECT_NEAR(curve_fraction({{0.5, 0.2}, {0.9, 0.8}}, 0.0), 0.2, kTol);  // first point's fraction below it
  EXPECT_NEAR(curve_fraction({}, 0.42), 0.42, kTol);                      // no curve: the rate
}

TEST(Statistic, HigherAndLowerWithDefaults) {
  Item higher = make_item("H", Method::statistic, 1);
  higher.target = 100;
  EXPECT_NEAR(statistic_fraction(higher, 50), 0.5, kTol);  // floor defaults to 0
  EXPECT_EQ(statistic_fraction(higher, 150), 1.0);
  EXPECT_EQ(statistic_fraction(higher, -5), 0.0);
  higher.floor = 60;
  EXPECT_NEAR(statistic_fraction(higher, 80), 0.5, kTol);
  EXPECT_EQ(statistic_fraction(higher, 40), 0.0);

  Item lower = make_item("L", Method::statistic, 1);
  lower.target = 10;
  lower.direction = Direction::lower;
  EXPECT_EQ(statistic_fraction(lower, 8), 1.0);
  EXPECT_NEAR(statistic_fraction(lower, 15), 0.5, kTol);  // ceiling defaults to 2 × target
  EXPECT_EQ(statistic_fraction(lower, 25), 0.0);
  lower.ceiling = 30;
  EXPECT_NEAR(statistic_fraction(lower, 15), 0.75, kTol);
}

// Three districts: D1 disqualified despite the best score, D2 ordinary, D3 without any evidence.
ScoringDataset ranking_dataset() {
  Item stat = make_item("X1", Method::statistic, 10);
  stat.metric = "m";
  stat.target = 100;
  Framework f = one_indicator({stat});
  DatasetBuilder b(f);
  const int c = b.add_unit("C", -1, 0);
  const int d1 = b.add_unit("D1", c, 0);
  const int d2 = b.add_unit("D2", c, 0);
  b.add_unit("D3", c, 0);
  const int p = b.add_period("P", 0, 100);
  b.add_statistic("m", d1, p, 100);
  b.add_statistic("m", d2, p, 50);
  b.add_penalty("N1", d1, p, 20, true);
  return b.finish();
}

TEST(Ranking, DisqualifiedAfterQualifiedAndNullRateLast) {
  const ScoringDataset d = ranking_dataset();
  const PeriodScores s(d, 0);
  const auto r = rank_children(s, d.unit_index("C"));
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(d.unit_code[r[0].unit], "D2");
  EXPECT_EQ(d.unit_code[r[1].unit], "D3");
  EXPECT_FALSE(r[1].total_rate.has_value());
  EXPECT_EQ(d.unit_code[r[2].unit], "D1");
  EXPECT_TRUE(r[2].disqualified);
  EXPECT_EQ(r[2].total, 0.0);                            // max(0, 10 − 20)
  EXPECT_TRUE(s.total(d.unit_index("C")).disqualified);  // the event is in the city's scope
  EXPECT_FALSE(s.total(d.unit_index("D2")).disqualified);
}

TEST(Survey, ResponsesRecordedAtTheUnitItselfDisablePostStratification) {
  Item q = make_item("S", Method::survey, 1);
  q.question = "Q";
  q.positive = {"y"};
  Framework f = one_indicator({q});
  DatasetBuilder b(f);
  const int c = b.add_unit("C", -1, 0);
  const int d1 = b.add_unit("D1", c, 100);
  const int d2 = b.add_unit("D2", c, 900);
  b.add_period("P", 0, 10);
  using A = std::vector<std::pair<std::string_view, std::string_view>>;
  b.add_response("1", d1, 1, A{{"Q", "y"}});
  b.add_response("2", d2, 1, A{{"Q", "n"}});
  const ScoringDataset stratified = DatasetBuilder(b).finish();
  EXPECT_NEAR(PeriodScores(stratified, 0).survey(c, 0).rate, 0.1, kTol);
  b.add_response("3", c, 1, A{{"Q", "y"}});
  const ScoringDataset plain = b.finish();
  EXPECT_NEAR(PeriodScores(plain, 0).survey(c, 0).rate, 2.0 / 3, kTol);
}

TEST(Field, DeductionsNeverGoBelowZeroAndUnknownPeriodScoresNothing) {
  Item it = make_item("F", Method::field, 1);
  it.checks = {make_check("k", 0.4)};
  Framework f = one_indicator({it});
  DatasetBuilder b(f);
  const int c = b.add_unit("C", -1, 0);
  const int s = b.add_site("S", c, "广场");
  b.add_period("P", 0, 10);
  using R = std::vector<std::pair<int32_t, int32_t>>;
  b.add_inspection("1", s, 5, R{{0, 7}});
  b.add_inspection("2", s, 6, R{{0, 1}});
  const ScoringDataset d = b.finish();
  EXPECT_NEAR(PeriodScores(d, 0).item(c, 0).score, (0.0 + 0.6) / 2, kTol);
  EXPECT_FALSE(PeriodScores(d, 5).item(c, 0).assessed);
}

}  // namespace
}  // namespace civic::scoring
