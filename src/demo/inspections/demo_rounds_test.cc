// The demo's rounds: completed 2026H1 rounds answered by the demo inspections, and inspector1's work to do
// in 互贸区 in the open 2026H2 round (SQLite only: the whole demo city is built).
#include <gtest/gtest.h>

#include <sstream>

#include "demo/core/demo_city.h"
#include "store/core/test_database.h"

namespace civic::demo {
namespace {

TEST(DemoRounds, CompletedRoundsAndInspector1sWorkInHuimao) {
  store::TestDatabase t(store::Dialect::sqlite);
  ManualClock clock(1780000000000);
  service::Services services(t.db(), clock);
  std::ostringstream out;
  build_demo_city(services, out);
  service::Principal cli = service::Principal::cli();

  auto h1 = services.rounds.list(cli, "2026H1", {1, 20});
  ASSERT_EQ(h1.total, 3);
  for (const auto& r : h1.items) {
    EXPECT_EQ(r.status, "completed") << r.code;
    EXPECT_GT(r.sample_total, 50) << r.code;
    EXPECT_EQ(r.done, r.sample_total) << r.code;
    auto view = services.rounds.get(cli, r.code);
    EXPECT_EQ(view.inspectors.size(), 5u) << r.code;
  }
  auto linked = services.inspections.list(cli, {h1.items[0].code, "", ""}, {1, 1});
  EXPECT_EQ(linked.total, h1.items[0].sample_total);

  auto office = services.auth.login("office", kDemoPassword, "127.0.0.1").principal;
  auto inspector1 = services.auth.login("inspector1", kDemoPassword, "127.0.0.1").principal;
  auto todo = services.rounds.my_assignments(inspector1, "to_do", {1, 200});
  int huimao = 0;
  auto in_huimao = services.sites.search(office, {kHuimaoCode, "", ""}, {1, 200});
  for (const auto& a : todo.items) {
    EXPECT_EQ(a.round, "2026H2-01");
    for (const auto& s : in_huimao.items) huimao += s.code == a.site;
  }
  EXPECT_GE(huimao, 10);
  auto form = services.rounds.form(inspector1, "2026H2-01", todo.items.at(0).site);
  EXPECT_FALSE(form.checks.empty());
}

}  // namespace
}  // namespace civic::demo
