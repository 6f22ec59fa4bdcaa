// The demo's cases: built with the whole demo city at a fixed "now" (2026-05-28), every state of cases.md is
// present (with a pending postponement, reworks, reopenings, escalations, both outcomes, a merged duplicate,
// public reports and overdue cases); the district red and black lists are filled and 南湖区 is on the black
// list. The cases are written in bulk, with their events and the day code counters.
#include <gtest/gtest.h>

#include <sstream>

#include "demo/core/demo_city.h"
#include "store/cases/case_repository.h"
#include "store/core/store_test_backends.h"

namespace civic::demo {
namespace {

class DemoCasesTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(DemoCasesTest);

long long count(store::Database& db, const std::string& where) {
  long long n = 0;
  auto l = db.lease();
  *l << "SELECT COUNT(*) FROM cases WHERE " + where, soci::into(n);
  return n;
}

TEST_P(DemoCasesTest, EveryStateAndTheBlackList) {
  store::TestDatabase t(GetParam());
  ManualClock clock(1780000000000);  // 2026-05-28T20:26:40Z
  service::Services services(t.db(), clock);
  std::ostringstream out;
  build_demo_city(services, out);
  EXPECT_NE(out.str().find("demo: cases"), std::string::npos);

  long long total = count(t.db(), "1 = 1");
  EXPECT_GE(total, 1500);
  EXPECT_LE(total, 3200);
  for (const char* state :
       {"reported", "registered", "rejected", "dispatched", "handling", "handled", "closed"}) {
    EXPECT_GT(count(t.db(), std::string("state = '") + state + "'"), 0) << state;
  }
  EXPECT_GT(count(t.db(), "state = 'handling' AND postponement_pending = 1"), 0) << "pending postponement";
  EXPECT_GT(count(t.db(), "state = 'closed' AND outcome = 'fixed'"), 0);
  EXPECT_GT(count(t.db(), "state = 'closed' AND outcome = 'closed_not_fixed'"), 0);
  EXPECT_GT(count(t.db(), "rework_count > 0"), 0) << "reworked";
  EXPECT_GT(count(t.db(), "reopen_count > 0"), 0) << "reopened";
  EXPECT_GT(count(t.db(), "send_back_count > 0"), 0) << "sent back";
  EXPECT_GT(count(t.db(), "escalation_level > 0"), 0) << "supervised";
  EXPECT_GT(count(t.db(), "state = 'rejected' AND duplicate_of IS NOT NULL"), 0) << "merged duplicate";
  EXPECT_GT(count(t.db(), "source = 'public'"), 0);
  EXPECT_GT(count(t.db(), "state NOT IN ('closed', 'rejected') AND due_at < 1780000000000"), 0) << "overdue";
  EXPECT_EQ(count(t.db(), "reported_at > 1780000000000"), 0) << "nothing happens after now";
  // Every case's events tell its story: the last event's state is the case's state.
  EXPECT_EQ(count(t.db(),
                  "state <> (SELECT e.to_state FROM case_events e WHERE e.case_id = cases.id AND "
                  "e.action <> 'supervise' AND e.action <> 'ask-postponement' AND "
                  "e.action <> 'approve-postponement' AND e.action <> 'refuse-postponement' "
                  "ORDER BY e.seq DESC LIMIT 1)"),
            0);

  // Written in bulk: every case has its events, and each day's code counter is where its last code is, so a
  // case reported later that day gets a fresh code.
  EXPECT_EQ(count(t.db(), "NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id)"), 0);
  {
    auto l = t.db().lease();
    long long behind = -1;
    *l << "SELECT COUNT(*) FROM case_code_sequences s WHERE s.last_value <> (SELECT COUNT(*) FROM cases c"
          " WHERE c.code LIKE 'C' || s.day || '-%')",
        soci::into(behind);
    EXPECT_EQ(behind, 0);
    std::string first;
    *l << "SELECT code FROM cases ORDER BY id LIMIT 1", soci::into(first);
    std::string next = store::CaseRepository(*l).next_code(first.substr(1, 8));
    EXPECT_EQ(count(t.db(), "code = '" + next + "'"), 0) << next;
    EXPECT_GT(next, first);
  }

  service::CaseRankingQuery query;
  query.period = "2026H1";
  query.level = "district";
  service::CaseRanking ranking = services.cases.rankings(service::Principal::cli(), query);
  ASSERT_FALSE(ranking.red.empty());
  ASSERT_FALSE(ranking.black.empty());
  auto on = [](const std::vector<service::CaseRankingEntry>& list, const std::string& unit) {
    for (const auto& e : list) {
      if (e.unit.unit == unit) return true;
    }
    return false;
  };
  EXPECT_TRUE(on(ranking.black, "NH"));
  EXPECT_FALSE(on(ranking.red, "NH"));
  EXPECT_TRUE(on(ranking.red, "GX") || on(ranking.red, "DC"));
  ASSERT_FALSE(ranking.ranking.empty());
  EXPECT_EQ(ranking.ranking.back().unit.unit, "NH");
}

}  // namespace
}  // namespace civic::demo
