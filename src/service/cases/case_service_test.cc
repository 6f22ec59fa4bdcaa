// CaseService on both backends: the lifecycle through the service (events, audit, version), scope, inspection

#include <soci/soci.h>
// and public sources, measures, the overdue scan and notifications.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string_view>
#include <thread>

#include "domain/core/error.h"
#include "platform/job_scheduler.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

using store::TestDatabase;

constexpr TimeMs kStart = 1772352000000;  // 2026-03-01T08:00:00Z
constexpr TimeMs kHour = 3600LL * 1000;
const char* kPassword = "Civic@2026x";
const std::string_view kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    "\x00"
    "\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63\x64\x60\xf8\x5f\x0f\x00\x02\x87\x01"
    "\x80"
    "\xeb\x47\xba\x92\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    70);

// C → D1 → S1, C → D2 → S2; office at C, unit officers at S1 and S2, an inspector at C, a leader at D1.
class CaseServiceTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_);
    Principal cli = Principal::cli();
    s_->units.create_root(cli, {"C", "青川市", "Qingchuan", UnitType::city, "", 1000, 0});
    s_->units.create(cli, {"D1", "一区", "District 1", UnitType::district, "C", 100, 1});
    s_->units.create(cli, {"D2", "二区", "District 2", UnitType::district, "C", 100, 2});
    s_->units.create(cli, {"S1", "一街道", "Street 1", UnitType::street, "D1", 50, 1});
    s_->units.create(cli, {"S2", "二街道", "Street 2", UnitType::street, "D2", 50, 1});
    add_user("office", "C", {Role::office});
    add_user("officer1", "S1", {Role::unit_officer});
    add_user("officer2", "S2", {Role::unit_officer});
    add_user("district1", "D1", {Role::unit_officer});
    add_user("inspector", "C", {Role::inspector});
    add_user("leader", "D1", {Role::leader});
    photo_ = s_->photos.add_photo(as("office"), kPng).id;
  }

  void add_user(const std::string& name, const std::string& unit, std::vector<Role> roles) {
    s_->users.add(Principal::cli(), {name, name + " 名", unit, std::move(roles), std::string(kPassword)});
  }
  Principal as(const std::string& name) { return s_->auth.login(name, kPassword, "10.0.0.9").principal; }

  CaseView open_case(const std::string& category = "environment", const std::string& unit = "S1",
                     double lat = 30.0, double lon = 120.0) {
    NewCase c;
    c.title = "垃圾满溢";
    c.category = category;
    c.description = "路口垃圾桶满溢";
    c.lat = lat;
    c.lon = lon;
    c.unit = unit;
    return s_->cases.create(as("office"), c);
  }
  CaseView act(const std::string& user, const std::string& code, const std::string& action,
               CaseActionRequest r = {}) {
    return s_->cases.act(as(user), code, action, r);
  }
  CaseView dispatch(const std::string& code, const std::string& unit = "S1") {
    act("office", code, "register");
    CaseActionRequest r;
    r.unit = unit;
    r.category = "environment";
    r.severity = "一般";
    return act("office", code, "dispatch", r);
  }
  CaseView handle(const std::string& code, const std::string& officer = "officer1") {
    CaseActionRequest h;
    h.note = "已清理";
    h.photos = {photo_};
    return act(officer, code, "report-handled", h);
  }
  long long audit_count(const std::string& action, const std::string& code) {
    AuditFilter f;
    f.action = action;
    f.object_id = code;
    return s_->audit.list(Principal::cli(), f, {1, 200}).total;
  }
  long long unread(const std::string& user) {
    return s_->notifications.list(as(user), true, {1, 200}).unread_count;
  }
  std::vector<std::string> kinds(const std::string& user) {
    std::vector<std::string> out;
    for (const auto& n : s_->notifications.list(as(user), false, {1, 200}).page.items) out.push_back(n.kind);
    return out;
  }

  ManualClock clock_{kStart};
  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<Services> s_;
  std::string photo_;
};
CIVIC_INSTANTIATE_BACKENDS(CaseServiceTest);

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_P(CaseServiceTest, FullLifecycleWritesEventsAuditAndNotifications) {
  CaseView c = open_case();
  EXPECT_EQ(c.state, CaseState::reported);
  EXPECT_EQ(c.code.substr(0, 10), "C20260301-");
  EXPECT_EQ(c.code.size(), 15u);
  EXPECT_EQ(c.version, 1);
  c = dispatch(c.code);
  EXPECT_EQ(c.state, CaseState::dispatched);
  ASSERT_TRUE(c.due_at.has_value());
  EXPECT_EQ(*c.due_at, kStart + 48 * kHour);  // environment: 48 h × 1.0
  EXPECT_EQ(c.unit, std::optional<std::string>("S1"));
  EXPECT_EQ(c.version, 3);
  EXPECT_TRUE(contains(kinds("officer1"), "case_dispatched"));
  EXPECT_TRUE(kinds("officer2").empty());
  EXPECT_EQ(act("officer1", c.code, "accept").state, CaseState::handling);
  clock_.advance_ms(5 * kHour);
  c = handle(c.code);
  EXPECT_EQ(c.state, CaseState::handled);
  EXPECT_TRUE(contains(kinds("office"), "case_handled"));
  EXPECT_EQ(c.allowed_actions, std::vector<std::string>{});  // the unit officer does not verify
  CaseView seen_by_office = s_->cases.get(as("office"), c.code);
  EXPECT_EQ(seen_by_office.allowed_actions, (std::vector<std::string>{"verify-ok", "verify-fail"}));
  c = act("inspector", c.code, "verify-ok");
  EXPECT_EQ(c.state, CaseState::closed);
  EXPECT_EQ(c.outcome, std::optional<CaseOutcome>(CaseOutcome::fixed));
  ASSERT_EQ(c.events.size(), 6u);
  EXPECT_EQ(c.events[0].action, "report");
  EXPECT_EQ(c.events[2].action, "dispatch");
  EXPECT_EQ(c.events[2].from_state, "registered");
  EXPECT_EQ(c.events[2].to_state, "dispatched");
  EXPECT_EQ(c.events[4].photos, std::vector<std::string>{photo_});
  EXPECT_EQ(c.events[4].actor, "officer1");
  EXPECT_EQ(c.events[4].actor_name, "officer1 名");
  EXPECT_EQ(c.events[5].at, kStart + 5 * kHour);
  for (const char* a : {"case.report", "case.register", "case.dispatch", "case.accept", "case.report-handled",
                        "case.verify-ok"}) {
    EXPECT_EQ(audit_count(a, c.code), 1) << a;
  }
  // Reopen by the office: back to handling, the unit is told.
  c = act("office", c.code, "reopen");
  EXPECT_EQ(c.state, CaseState::handling);
  EXPECT_EQ(c.reopen_count, 1);
  EXPECT_FALSE(c.closed_at.has_value());
  EXPECT_TRUE(contains(kinds("officer1"), "case_reopened"));
}

TEST_P(CaseServiceTest, StaleVersionAndRefusedActionsAreConflicts) {
  CaseView c = open_case();
  CaseActionRequest stale;
  stale.version = 7;
  EXPECT_THROW(act("office", c.code, "register", stale), Conflict);
  try {
    act("office", c.code, "accept");
    FAIL();
  } catch (const Conflict& e) {
    EXPECT_NE(std::string(e.what()).find("allowed: register, reject"), std::string::npos) << e.what();
  }
  EXPECT_THROW(act("office", c.code, "fly"), NotFound);
  CaseActionRequest ok;
  ok.version = 1;
  EXPECT_EQ(act("office", c.code, "register", ok).version, 2);
  EXPECT_EQ(s_->cases.get(as("office"), c.code).events.size(), 2u);
}

TEST_P(CaseServiceTest, UnitOfficerOfAnotherDistrictNeitherSeesNorActs) {
  CaseView c = dispatch(open_case().code);
  EXPECT_NO_THROW(s_->cases.get(as("officer1"), c.code));
  EXPECT_NO_THROW(s_->cases.get(as("district1"), c.code));  // D1 holds S1
  EXPECT_THROW(s_->cases.get(as("officer2"), c.code), NotFound);
  EXPECT_THROW(act("officer2", c.code, "accept"), NotFound);
  EXPECT_EQ(s_->cases.list(as("officer2"), {}, {1, 20}).total, 0);
  EXPECT_EQ(s_->cases.list(as("officer1"), {}, {1, 20}).total, 1);
  EXPECT_EQ(s_->cases.list(as("leader"), {}, {1, 20}).total, 1);
  EXPECT_THROW(act("leader", c.code, "accept"), Forbidden);
  EXPECT_EQ(s_->cases.get(as("office"), c.code).state, CaseState::dispatched);
}

TEST_P(CaseServiceTest, SendBackMakesTheCaseRedispatchable) {
  CaseView c = dispatch(open_case().code);
  CaseActionRequest no_reason;
  EXPECT_THROW(act("officer1", c.code, "send-back", no_reason), InvalidInput);
  CaseActionRequest r;
  r.reason = "不属于本街道";
  c = act("officer1", c.code, "send-back", r);
  EXPECT_EQ(c.state, CaseState::registered);
  EXPECT_EQ(c.send_back_count, 1);
  EXPECT_TRUE(contains(kinds("office"), "case_sent_back"));
  CaseActionRequest again;
  again.unit = "S2";
  c = act("office", c.code, "dispatch", again);
  EXPECT_EQ(c.state, CaseState::dispatched);
  EXPECT_EQ(c.unit, std::optional<std::string>("S2"));
  EXPECT_EQ(*c.first_dispatched_at, kStart);
  EXPECT_THROW(s_->cases.get(as("officer1"), c.code), NotFound);
  EXPECT_EQ(act("officer2", c.code, "accept").state, CaseState::handling);
}

TEST_P(CaseServiceTest, PostponementRequestAndDecision) {
  CaseView c = dispatch(open_case().code);
  act("officer1", c.code, "accept");
  CaseActionRequest ask;
  ask.requested_due_at = kStart + 96 * kHour;
  c = act("officer1", c.code, "ask-postponement", ask);
  EXPECT_TRUE(c.postponement_pending);
  EXPECT_EQ(c.requested_due_at, std::optional<TimeMs>(kStart + 96 * kHour));
  EXPECT_TRUE(contains(kinds("office"), "case_postponement_requested"));
  c = act("office", c.code, "approve-postponement");
  EXPECT_FALSE(c.postponement_pending);
  EXPECT_EQ(*c.due_at, kStart + 96 * kHour);
  EXPECT_TRUE(contains(kinds("officer1"), "case_postponement_decided"));
  EXPECT_THROW(act("office", c.code, "approve-postponement"), Conflict);  // nothing pending
}

TEST_P(CaseServiceTest, OverdueScanNotifiesOncePerDueAtAndSupervisionEscalates) {
  CaseView c = dispatch(open_case().code);
  EXPECT_EQ(s_->cases.scan_overdue(), 0);
  clock_.advance_ms(49 * kHour);
  platform::JobScheduler jobs;
  jobs.add("cases.overdue_scan", std::chrono::seconds(60), [this] { s_->cases.scan_overdue(); });
  jobs.run_now("cases.overdue_scan");
  EXPECT_EQ(s_->cases.scan_overdue(), 0);  // already noticed for this due_at
  auto officer_kinds = kinds("officer1");
  EXPECT_EQ(std::count(officer_kinds.begin(), officer_kinds.end(), "case_overdue"), 1);
  c = s_->cases.get(as("office"), c.code);
  EXPECT_TRUE(c.overdue);
  EXPECT_EQ(c.events.back().action, "overdue");
  CaseQuery overdue;
  overdue.overdue_only = true;
  EXPECT_EQ(s_->cases.list(as("office"), overdue, {1, 20}).total, 1);
  // Supervision is the office's: escalation + 1, the unit and its parent (D1) told.
  EXPECT_TRUE(contains(c.allowed_actions, "supervise"));
  c = act("office", c.code, "supervise");
  EXPECT_EQ(c.escalation_level, 1);
  EXPECT_TRUE(contains(kinds("district1"), "case_supervised"));
  // A postponement moves due_at: a new notice once it passes again.
  act("officer1", c.code, "accept");
  CaseActionRequest ask;
  ask.requested_due_at = clock_.now_ms() + 10 * kHour;
  act("officer1", c.code, "ask-postponement", ask);
  act("office", c.code, "approve-postponement");
  EXPECT_EQ(s_->cases.scan_overdue(), 0);
  clock_.advance_ms(11 * kHour);
  EXPECT_EQ(s_->cases.scan_overdue(), 1);
  EXPECT_EQ(s_->cases.scan_overdue(), 0);
}

TEST_P(CaseServiceTest, NotificationsListAndMarkRead) {
  CaseView c = dispatch(open_case().code);
  act("officer1", c.code, "accept");
  EXPECT_EQ(unread("officer1"), 1);
  auto page = s_->notifications.list(as("officer1"), true, {1, 20});
  ASSERT_EQ(page.page.items.size(), 1u);
  EXPECT_EQ(page.page.items[0].kind, "case_dispatched");
  EXPECT_EQ(page.page.items[0].object_id, c.code);
  EXPECT_THROW(s_->notifications.mark_read(as("officer2"), page.page.items[0].id), NotFound);
  s_->notifications.mark_read(as("officer1"), page.page.items[0].id);
  EXPECT_EQ(unread("officer1"), 0);
  EXPECT_EQ(s_->notifications.list(as("officer1"), false, {1, 20}).page.total, 1);
  s_->notifications.notify_users({as("officer1").user_id}, "task_assigned", R"({"code":"T1"})", "task", "T1");
  s_->notifications.notify_unit(as("officer1").unit_id, "task_reminded", "{}", "task", "T1");
  EXPECT_EQ(unread("officer1"), 2);
  EXPECT_EQ(s_->notifications.mark_all_read(as("officer1")), 2);
  EXPECT_EQ(unread("officer1"), 0);
}

TEST_P(CaseServiceTest, InspectionCasesStartRegisteredAtTheSiteUnit) {
  s_->db.transact([](soci::session& sql) {
    long long unit = 0, now = kStart;
    sql << "SELECT id FROM units WHERE code = 'S1'", soci::into(unit);
    sql << "INSERT INTO sites (code, name, type, unit_id, lat, lon, created_at, updated_at)"
           " VALUES ('SITE1', '东门市场', '农贸市场', :u, 30.1, 120.1, :n, :m)",
        soci::use(unit), soci::use(now), soci::use(now);
  });
  InspectionFacts facts;
  facts.inspection_code = "I1";
  facts.site_code = "SITE1";
  facts.item_code = "3.1.1";
  facts.item_name = "农贸市场环境卫生";
  facts.inspected_at = kStart;
  Principal inspector = as("inspector");
  std::string code = s_->db.transact([&](soci::session& sql) {
    return s_->cases.open_from_inspection(sql, inspector, facts, "3.1.1-a", 2, {photo_});
  });
  CaseView c = s_->cases.get(as("office"), code);
  EXPECT_EQ(c.state, CaseState::registered);
  EXPECT_EQ(c.source, "inspection");
  EXPECT_EQ(c.category, "environment");
  EXPECT_EQ(c.severity, "一般");
  EXPECT_EQ(c.unit, std::optional<std::string>("S1"));
  EXPECT_EQ(c.site, std::optional<std::string>("SITE1"));
  EXPECT_EQ(c.failure_count, 2);
  EXPECT_EQ(c.inspection, std::optional<std::string>("I1"));
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0].action, "report");
  EXPECT_EQ(c.events[1].action, "register");
  EXPECT_EQ(c.events[1].actor, "inspector");
}

TEST_P(CaseServiceTest, PublicReportFlagsTheNearestOpenCaseWithin30m) {
  CaseView near = open_case("environment", "S1", 30.0, 120.0);
  open_case("traffic", "S1", 30.0, 120.0);  // other category: ignored
  PublicReport r;
  r.category = "environment";
  r.description = "又满了";
  r.lat = 30.0002;  // ≈ 22 m north
  r.lon = 120.0;
  PublicReportResult res = s_->cases.report_public(r);
  EXPECT_EQ(res.state, CaseState::reported);
  EXPECT_EQ(res.possible_duplicate_of, std::optional<std::string>(near.code));
  EXPECT_TRUE(contains(kinds("office"), "case_possible_duplicate"));
  r.lat = 30.001;  // ≈ 111 m: not a duplicate
  EXPECT_FALSE(s_->cases.report_public(r).possible_duplicate_of.has_value());
  // Merge: reject as duplicate.
  CaseActionRequest merge;
  merge.reason = "duplicate";
  merge.duplicate_of = near.code;
  CaseView merged = act("office", res.code, "reject", merge);
  EXPECT_EQ(merged.state, CaseState::rejected);
  EXPECT_EQ(merged.duplicate_of, std::optional<std::string>(near.code));
  PublicCaseView pub = s_->cases.public_status(res.code);
  EXPECT_EQ(pub.status, "closed");
  EXPECT_EQ(pub.status_notes, "duplicate");
  EXPECT_THROW(s_->cases.public_status(near.code), NotFound);  // not a public report
}

TEST_P(CaseServiceTest, MeasuresChangeAfterClosingACase) {
  CaseView a = dispatch(open_case().code);
  CaseView b = dispatch(open_case().code);
  dispatch(open_case("environment", "S2").code, "S2");
  act("officer1", a.code, "accept");
  act("officer1", b.code, "accept");
  auto before = s_->cases.measures(as("office"), "D1", "2026H1");
  EXPECT_EQ(before.self.measures.base_count, 2);
  EXPECT_EQ(before.self.measures.closure_rate, std::optional<double>(0.0));
  ASSERT_EQ(before.children.size(), 1u);
  EXPECT_EQ(before.children[0].unit, "S1");
  handle(a.code);
  act("office", a.code, "verify-ok");
  auto after = s_->cases.measures(as("office"), "D1", "2026H1");
  EXPECT_EQ(after.self.measures.closure_rate, std::optional<double>(0.5));
  EXPECT_EQ(after.self.measures.on_time_closure_rate, std::optional<double>(0.5));
  EXPECT_GT(*after.self.composite, *before.self.composite);
  auto empty = s_->cases.measures(as("office"), "D1", "2025H2");
  EXPECT_EQ(empty.self.measures.base_count, 0);
  EXPECT_FALSE(empty.self.measures.closure_rate.has_value());
  EXPECT_THROW(s_->cases.measures(as("officer1"), "D2", "2026H1"), NotFound);
  EXPECT_THROW(s_->cases.measures(as("office"), "D1", "nonsense"), InvalidInput);
  CaseRankingQuery q;
  q.period = "2026H1";
  q.level = "street";
  q.min_cases = 1;
  q.list_size = 1;
  auto ranking = s_->cases.rankings(as("office"), q);
  ASSERT_EQ(ranking.ranking.size(), 2u);
  EXPECT_EQ(ranking.ranking[0].unit.unit, "S1");
  ASSERT_EQ(ranking.red.size(), 1u);
  EXPECT_EQ(ranking.red[0].unit.unit, "S1");
  ASSERT_EQ(ranking.black.size(), 1u);
  EXPECT_EQ(ranking.black[0].unit.unit, "S2");
}

TEST(JobSchedulerTest, RunsJobsOnItsThreadAndStopsCleanly) {
  platform::JobScheduler jobs;
  std::atomic<int> runs{0};
  jobs.add("count", std::chrono::milliseconds(1), [&] { ++runs; });
  jobs.add("fails", std::chrono::milliseconds(1), [] { throw std::runtime_error("boom"); });
  EXPECT_THROW(jobs.add("count", std::chrono::milliseconds(1), [] {}), InvalidInput);
  EXPECT_THROW(jobs.run_now("missing"), NotFound);
  jobs.start();
  while (runs.load() < 3 || jobs.run_count("fails") < 2) std::this_thread::yield();
  jobs.stop();
  int after_stop = runs.load();
  jobs.stop();
  EXPECT_EQ(runs.load(), after_stop);
  jobs.run_now("count");
  EXPECT_EQ(runs.load(), after_stop + 1);
  EXPECT_THROW(jobs.run_now("fails"), std::runtime_error);
}

}  // namespace
}  // namespace civic::service
