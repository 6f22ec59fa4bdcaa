// The demo's questionnaires: three published over the city with about 5,000 answers, flagged, reviewed and
// over-quota ones, inspector1's assignments, and 2026H2's survey items fed by the counted answers alone (the
// evaluation import leaves those questions out of 2026H2, so nothing is counted twice).
#include <gtest/gtest.h>

#include <sstream>

#include "demo/core/demo_city.h"
#include "store/core/store_test_backends.h"

namespace civic::demo {
namespace {

class DemoQuestionnairesTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(DemoQuestionnairesTest);

TEST_P(DemoQuestionnairesTest, ThreeQuestionnairesFeedTheSurveyItemsOnce) {
  store::TestDatabase t(GetParam());
  ManualClock clock(1796000000000);  // 2026-11-30
  service::Services services(t.db(), clock);
  std::ostringstream out;
  build_demo_city(services, out);
  auto cli = service::Principal::cli();
  auto list = services.questionnaires.list(cli, {}, {1, 20});
  ASSERT_EQ(list.total, 3);
  long long answers = 0, flagged = 0, counted = 0;
  for (const auto& q : list.items) {
    EXPECT_EQ(q.state, "published") << q.code;
    answers += q.responses;
    flagged += q.flagged;
    counted += q.counted;
  }
  EXPECT_GE(answers, 4000);
  EXPECT_LE(answers, 6500);
  EXPECT_GE(flagged, 100);
  EXPECT_GT(counted, answers * 8 / 10);

  auto over = services.survey_responses.table(cli, "CW-ZXL", {"over_quota", "", ""});
  EXPECT_GT(over.responses.size(), 0u);
  auto rejected = services.survey_responses.table(cli, "CW-MYD", {"rejected", "", ""});
  ASSERT_GT(rejected.responses.size(), 0u);
  ASSERT_TRUE(rejected.responses[0].review);
  EXPECT_FALSE(rejected.responses[0].review->reason.empty());
  auto quotas = services.survey_responses.quotas(cli, "CW-ZXL");
  ASSERT_FALSE(quotas.empty());
  EXPECT_GT(quotas[0].counted, 0);
  EXPECT_LT(quotas[0].counted, quotas[0].target);  // partly filled

  auto assignments = services.questionnaires.assignments(cli, "CW-ZXL");
  ASSERT_FALSE(assignments.empty());
  EXPECT_EQ(assignments[0].interviewer, "inspector1");
  EXPECT_GT(assignments[0].done, 0);
  auto page = services.questionnaires.public_view("CW-ZXL", "HM-S01-C01");
  EXPECT_EQ(page.preset_unit.value_or(""), "HM-S01-C01");

  // 2026H2's A7.2.1 (Q_AWARE) reads exactly the counted CW-ZXL answers of the period.
  auto scored = services.evaluation.scores(cli, "2026H2");
  int city = scored->dataset.unit_index(kDemoCityCode);
  int item = scored->dataset.item_index("A7.2.1");
  auto results = services.survey_results.results(cli, "CW-ZXL", {kDemoCityCode, "Q_AWARE", "", "", "2026H2"});
  EXPECT_EQ(scored->scores->item(city, item).n, results.rows.at(0).n);
  EXPECT_NEAR(scored->scores->survey(city, item).rate, *results.rows.at(0).weighted_rate, 1e-9);

  // Written in bulk, then linked: every counted answer that reads an item is one evidence row named after it,
  // and no other answer points at evidence.
  auto l = t.db().lease();
  long long linked = 0, evidence = 0, dangling = -1, uncounted = -1;
  *l << "SELECT COUNT(*) FROM questionnaire_responses WHERE evidence_code <> ''", soci::into(linked);
  *l << "SELECT COUNT(*) FROM responses WHERE code LIKE 'Q%'", soci::into(evidence);
  *l << "SELECT COUNT(*) FROM questionnaire_responses r WHERE r.evidence_code <> '' AND NOT EXISTS"
        " (SELECT 1 FROM responses e WHERE e.code = r.evidence_code AND e.unit_id = r.unit_id)",
      soci::into(dangling);
  *l << "SELECT COUNT(*) FROM questionnaire_responses WHERE evidence_code <> '' AND status <> 'counted'",
      soci::into(uncounted);
  EXPECT_GT(linked, 3000);
  EXPECT_EQ(linked, evidence);
  EXPECT_EQ(dangling, 0);
  EXPECT_EQ(uncounted, 0);
}

}  // namespace
}  // namespace civic::demo
