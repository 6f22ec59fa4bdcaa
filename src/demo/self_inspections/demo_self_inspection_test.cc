// The demo's self-inspections: 互贸区 (HM) has a finished one whose gap table shows several over-optimistic
// A5 rows (and A5 rows only among the clearly over-optimistic), and two other districts have one in progress.
#include <gtest/gtest.h>

#include <sstream>

#include "demo/core/demo_city.h"
#include "store/core/store_test_backends.h"

namespace civic::demo {
namespace {

class DemoSelfInspectionTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(DemoSelfInspectionTest);

TEST_P(DemoSelfInspectionTest, HuimaoIsOverOptimisticOnA5) {
  store::TestDatabase t(GetParam());
  ManualClock clock(1780000000000);  // 2026-05-28T20:26:40Z
  service::Services services(t.db(), clock);
  std::ostringstream out;
  build_demo_city(services, out);
  EXPECT_NE(out.str().find("demo: self-inspections"), std::string::npos);
  auto cli = service::Principal::cli();
  auto all = services.self_inspections.list_all(cli, {});
  ASSERT_EQ(all.size(), 3u);
  const service::SelfInspection* hm = nullptr;
  int in_progress = 0;
  for (const auto& s : all) {
    if (s.unit == kHuimaoCode) hm = &s;
    if (s.state == "in_progress") ++in_progress;
  }
  ASSERT_TRUE(hm);
  EXPECT_EQ(hm->state, "finished");
  EXPECT_EQ(in_progress, 2);
  EXPECT_EQ(hm->items_filled, hm->items_total);
  auto gaps = services.self_inspections.gaps(cli, hm->id);
  int a5 = 0;
  for (const auto& g : gaps.items) {
    if (!g.over_optimistic) continue;
    if (g.item.rfind("A5.", 0) == 0) ++a5;
    if (*g.gap > 0.15) {
      EXPECT_EQ(g.item.rfind("A5.", 0), 0u) << g.item;  // only A5 is clearly above
    }
  }
  EXPECT_GE(a5, 3);
  EXPECT_GT(*gaps.mean_gap, 0);
  EXPECT_EQ(gaps.items.front().item.rfind("A5.", 0), 0u);  // the largest gap is an A5 item
}

}  // namespace
}  // namespace civic::demo
