// Work plans through the services on a real database (both backends): the hand-computed roll-up and board
// through splits and approved reports, scope, versions, reminders, the breakdown table and lagging items.
#include <gtest/gtest.h>

#include "bundle/bundle_reader.h"
#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "domain/core/table_errors.h"
#include "domain/plans/task_table.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

using store::TestDatabase;

// CITY → D1 → {D1-S1, D1-S2}, CITY → D2 → D2-S1; period 2026H1 with two material items; D1-S1 is graded C
// (0.6) on A1.1.1 and A (1.0) on A1.1.2.
const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[
    {"code":"A1.1.1","name":"制度","max_score":1,"method":"material"},
    {"code":"A1.1.2","name":"台账","max_score":1,"method":"material"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
           {"code":"D1-S1","parent":"D1"},{"code":"D1-S2","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
  "materials":[{"item":"A1.1.1","unit":"D1-S1","period":"2026H1","grade":"C"},
               {"item":"A1.1.2","unit":"D1-S1","period":"2026H1","grade":"A"},
               {"item":"A1.1.1","unit":"D1-S2","period":"2026H1","grade":"A"}]})";

TimeMs at(const char* date) {
  return static_cast<TimeMs>(day_number(*parse_iso_date(date))) * 86'400'000 + 2 * 3'600'000;
}

class PlanServiceTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    db_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(db_->db(), clock_);
    s_->evaluation.import_bundle(cli_, bundle::read_bundle(kBundle));
    officer_d1_ = user("d1", "D1", Role::unit_officer);
    officer_s1_ = user("s1", "D1-S1", Role::unit_officer);
    officer_s2_ = user("s2", "D1-S2", Role::unit_officer);
    officer_d2_ = user("d2", "D2", Role::unit_officer);
    leader_ = user("leader", "CITY", Role::leader);
  }

  Principal user(const std::string& name, const std::string& unit, Role role) {
    s_->users.add(cli_, {name, name + " 测试", unit, {role}, std::string("Civic-test-2026")});
    auto token = s_->auth.create_api_token(cli_, name, "tests").token;
    return s_->auth.authenticate_api_token(token, "");
  }

  void make_plan(bool approval = true) {
    PlanDraft d;
    d.code = "P1";
    d.name = "六优行动";
    d.period = "2026H1";
    d.reports_need_approval = approval;
    d.phases = {{"PH1", "动员部署", "2026-01-01", "2026-02-28"},
                {"PH2", "集中整治", "2026-03-01", "2026-06-30"}};
    d.actions = {{"YMHJ", "优美环境", "", {"PH1", "PH2"}}, {"YLZX", "优良秩序", "", {"PH2"}}};
    s_->plans.create(cli_, d);
  }

  TaskDraft draft(const std::string& code, const std::string& owner, const char* start, const char* due,
                  double weight, std::vector<std::string> items = {}) {
    TaskDraft t;
    t.code = code;
    t.title = "任务 " + code;
    t.action = "YMHJ";
    t.owner = owner;
    t.start = start;
    t.due = due;
    t.weight = weight;
    t.items = std::move(items);
    return t;
  }

  // The hand-computed plan of domain/plan_progress_test.cc's split case, built through the services.
  void build_split_plan() {
    make_plan();
    s_->tasks.create(cli_, "P1", draft("T1", "D1", "2026-03-01", "2026-03-20", 2));
    s_->tasks.create(cli_, "P1", draft("T2", "D1", "2026-03-01", "2026-03-04", 1));
    s_->tasks.split(officer_d1_, "T1",
                    {draft("T1-1", "D1-S1", "2026-03-01", "2026-03-10", 1),
                     draft("T1-2", "D1-S2", "2026-03-01", "2026-03-20", 1)},
                    std::nullopt);
  }

  long long last_report(const std::string& task) { return s_->tasks.get(cli_, task).reports.back().id; }

  ManualClock clock_{at("2026-03-05")};
  Principal cli_ = Principal::cli();
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Services> s_;
  Principal officer_d1_, officer_s1_, officer_s2_, officer_d2_, leader_;
};

TEST_P(PlanServiceTest, RejectsOverlappingPhasesAndPhasesOutsideThePeriod) {
  PlanDraft d;
  d.code = "P1";
  d.name = "x";
  d.period = "2026H1";
  d.phases = {{"A", "a", "2026-01-01", "2026-03-01"}, {"B", "b", "2026-03-01", "2026-04-01"}};
  try {
    s_->plans.create(cli_, d);
    FAIL() << "overlap accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "phases[1].start");
  }
  d.phases = {{"A", "a", "2025-12-01", "2026-01-10"}};
  EXPECT_THROW(s_->plans.create(cli_, d), InvalidInput);
  d.phases = {};
  d.period = "2030H1";
  EXPECT_THROW(s_->plans.create(cli_, d), InvalidInput);
  EXPECT_THROW(s_->plans.create(officer_d1_, d), Forbidden);
}

TEST_P(PlanServiceTest, BoardRollsUpSplitTasksAndApprovedReportsOnly) {
  build_split_plan();
  s_->tasks.report(officer_s1_, "T1-1", {0.8, "过半", {}, {}}, std::nullopt);
  // Pending: does not count yet.
  EXPECT_DOUBLE_EQ(s_->tasks.get(cli_, "T1-1").view.progress.progress, 0.0);
  EXPECT_THROW(s_->tasks.approve(officer_s1_, "T1-1", last_report("T1-1"), std::nullopt), Forbidden);
  s_->tasks.approve(officer_d1_, "T1-1", last_report("T1-1"), std::nullopt);
  s_->tasks.report(officer_s2_, "T1-2", {0.1, "", {}, {}}, std::nullopt);
  s_->tasks.approve(officer_d1_, "T1-2", last_report("T1-2"), std::nullopt);
  s_->tasks.report(officer_d1_, "T2", {1.0, "完成", {}, {}}, std::nullopt);
  // The district cannot approve its own task's report: the city assigned it.
  EXPECT_THROW(s_->tasks.approve(officer_d1_, "T2", last_report("T2"), std::nullopt), Forbidden);
  s_->tasks.approve(cli_, "T2", last_report("T2"), std::nullopt);

  ProgressBoard b = s_->plans.progress(officer_d1_, "", day_number(*parse_iso_date("2026-03-05")), "");
  EXPECT_EQ(b.plan, "P1");
  EXPECT_EQ(b.date, "2026-03-05");
  EXPECT_EQ(b.unit.unit, "D1");
  // T1: p (0.8 + 0.1)/2 = 0.45, e (0.5 + 0.25)/2 = 0.375 (a parent's e comes from its children, not its own
  // window); T2: p 1, e 1. P = 1.9/3, E = 1.75/3.
  ASSERT_TRUE(b.unit.progress.progress);
  EXPECT_NEAR(*b.unit.progress.progress, 1.9 / 3, 1e-9);
  EXPECT_NEAR(*b.unit.progress.expected, 1.75 / 3, 1e-9);
  EXPECT_EQ(*b.unit.progress.status, ProgressStatus::on_track);
  ASSERT_EQ(b.children.size(), 2u);
  EXPECT_EQ(b.children[0].unit, "D1-S1");
  EXPECT_NEAR(*b.children[0].progress.progress, 0.8, 1e-9);
  EXPECT_NEAR(*b.children[0].progress.expected, 0.5, 1e-9);
  EXPECT_EQ(*b.children[0].progress.status, ProgressStatus::on_track);
  EXPECT_NEAR(*b.children[1].progress.expected, 0.25, 1e-9);
  EXPECT_EQ(*b.children[1].progress.status, ProgressStatus::behind);
  // A unit with no tasks: null, not 0.
  ProgressBoard d2 = s_->plans.progress(cli_, "D2", std::nullopt, "P1");
  EXPECT_FALSE(d2.unit.progress.progress.has_value());
  EXPECT_FALSE(d2.unit.progress.status.has_value());
  // The date defaults to today (2026-03-05) clamped into the period; a date after it is clamped.
  EXPECT_EQ(s_->plans.progress(cli_, "D1", std::nullopt, "P1").date, "2026-03-05");
  EXPECT_EQ(s_->plans.progress(cli_, "D1", day_number(*parse_iso_date("2027-01-01")), "P1").date,
            "2026-06-30");
}

TEST_P(PlanServiceTest, RejectionKeepsTheReasonAndNoApprovalPlansCountAtOnce) {
  build_split_plan();
  s_->tasks.report(officer_s1_, "T1-1", {0.5, "", {}, {}}, std::nullopt);
  EXPECT_THROW(s_->tasks.reject(officer_d1_, "T1-1", last_report("T1-1"), "", std::nullopt), InvalidInput);
  auto d = s_->tasks.reject(officer_d1_, "T1-1", last_report("T1-1"), "缺少佐证照片", std::nullopt);
  EXPECT_EQ(d.reports.back().state, "rejected");
  EXPECT_EQ(d.reports.back().reason, "缺少佐证照片");
  EXPECT_DOUBLE_EQ(d.view.progress.progress, 0.0);
  // Deciding twice is a conflict.
  EXPECT_THROW(s_->tasks.approve(officer_d1_, "T1-1", d.reports.back().id, std::nullopt), Conflict);
  // History: create, report, reject.
  std::vector<std::string> actions;
  for (const auto& e : d.events) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "report", "reject"}));
}

// Four eyes and 佐证要求: a report on a task that asks for evidence carries a file or photo, and nobody
// decides on their own report.
TEST_P(PlanServiceTest, EvidenceIsRequiredWhereAskedAndNobodyApprovesTheirOwnReport) {
  make_plan(true);
  TaskDraft t = draft("T1", "D1", "2026-03-01", "2026-03-10", 1);
  t.evidence_required = "整治前后对比照片";
  s_->tasks.create(cli_, "P1", t);
  s_->tasks.create(cli_, "P1", draft("T2", "D1", "2026-03-01", "2026-03-10", 1));
  try {
    s_->tasks.report(officer_d1_, "T1", {0.5, "已整治", {}, {}}, std::nullopt);
    ADD_FAILURE() << "a report without evidence was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "files");
    EXPECT_EQ(e.key().key, "task.evidence.required");
  }
  EXPECT_TRUE(s_->tasks.get(officer_d1_, "T1").reports.empty());  // nothing stored

  // T2 asks for no evidence; the office reports on it (it is above D1) and may not approve its own report.
  Principal office = user("office", "CITY", Role::office);
  auto d = s_->tasks.report(office, "T2", {0.4, "", {}, {}}, std::nullopt);
  try {
    s_->tasks.approve(office, "T2", d.reports.back().id, std::nullopt);
    ADD_FAILURE() << "a self-approval was accepted";
  } catch (const Forbidden& e) {
    EXPECT_EQ(e.key().key, "task.report.own");
  }
  EXPECT_EQ(s_->tasks.get(office, "T2").reports.back().state, "pending");
}

// A task split into sub-tasks takes a note with evidence but no percentage (its progress is its sub-tasks');
// a leaf task needs one.
TEST_P(PlanServiceTest, ATaskWithSubTasksTakesNotesNotPercentages) {
  build_split_plan();
  const double before = s_->tasks.get(officer_d1_, "T1").view.progress.progress;
  try {
    s_->tasks.report(officer_d1_, "T1", {0.5, "已过半", {}, {}}, std::nullopt);
    ADD_FAILURE() << "a percentage on a task with sub-tasks was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "progress");
    EXPECT_EQ(e.key().key, "task.progress.has_subtasks");
  }
  EXPECT_TRUE(s_->tasks.get(officer_d1_, "T1").reports.empty());  // nothing stored
  EXPECT_THROW(s_->tasks.report(officer_d1_, "T1", {std::nullopt, "", {}, {}}, std::nullopt), InvalidInput);

  auto noted =
      s_->tasks.report(officer_d1_, "T1", {std::nullopt, "两个街道均已启动整治", {}, {}}, std::nullopt);
  ASSERT_EQ(noted.reports.size(), 1u);
  EXPECT_EQ(noted.reports.back().state, "noted");
  EXPECT_DOUBLE_EQ(noted.view.progress.progress, before);  // the sub-tasks still decide
  // A note is not a report to decide on.
  EXPECT_THROW(s_->tasks.approve(cli_, "T1", noted.reports.back().id, std::nullopt), Conflict);

  try {
    s_->tasks.report(officer_d1_, "T2", {std::nullopt, "无进度", {}, {}}, std::nullopt);
    ADD_FAILURE() << "a report without progress on a task without sub-tasks was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.key().key, "task.progress.required");
  }
}

// Four eyes across units where the plan says so: a colleague of the reporter's unit may not decide; a person
// of another unit on the assigning side may.
TEST_P(PlanServiceTest, WhereThePlanSaysSoAnotherUnitDecides) {
  PlanDraft d;
  d.code = "Q1";
  d.name = "四眼原则（跨单位）";
  d.period = "2026H1";
  d.approval_by_other_unit = true;
  d.actions = {{"YMHJ", "优美环境", "", {}}};
  EXPECT_TRUE(s_->plans.create(cli_, d).approval_by_other_unit);
  s_->tasks.create(cli_, "Q1", draft("Q-T1", "D1", "2026-03-01", "2026-03-10", 1));
  Principal office = user("office", "CITY", Role::office);
  Principal office2 = user("office2", "CITY", Role::office);

  auto by_office = s_->tasks.report(office, "Q-T1", {0.3, "", {}, {}}, std::nullopt);
  try {
    s_->tasks.approve(office2, "Q-T1", by_office.reports.back().id, std::nullopt);
    ADD_FAILURE() << "a colleague of the reporter's unit approved";
  } catch (const Forbidden& e) {
    EXPECT_EQ(e.key().key, "task.report.same_unit");
  }
  EXPECT_EQ(s_->tasks.get(office, "Q-T1").reports.back().state, "pending");

  auto by_d1 = s_->tasks.report(officer_d1_, "Q-T1", {0.6, "", {}, {}}, std::nullopt);
  auto decided = s_->tasks.approve(office2, "Q-T1", by_d1.reports.back().id, std::nullopt);
  EXPECT_EQ(decided.reports.back().state, "approved");
  EXPECT_DOUBLE_EQ(decided.view.progress.progress, 0.6);
}

TEST_P(PlanServiceTest, PlansWithoutApprovalCountReportsAtOnce) {
  make_plan(false);
  s_->tasks.create(cli_, "P1", draft("T1", "D1", "2026-03-01", "2026-03-10", 1));
  auto d = s_->tasks.report(officer_d1_, "T1", {0.7, "", {}, {}}, std::nullopt);
  EXPECT_DOUBLE_EQ(d.view.progress.progress, 0.7);
  EXPECT_EQ(d.reports.back().state, "approved");
}

TEST_P(PlanServiceTest, ScopeHidesAnotherDistrictsTasks) {
  build_split_plan();
  EXPECT_THROW(s_->tasks.get(officer_d2_, "T1"), NotFound);
  EXPECT_THROW(s_->tasks.report(officer_d2_, "T1-1", {0.5, "", {}, {}}, std::nullopt), NotFound);
  EXPECT_THROW(s_->plans.progress(officer_d2_, "D1", std::nullopt, "P1"), NotFound);
  EXPECT_EQ(s_->tasks.list(officer_d2_, {}, {}).total, 0);
  // A street sees its own task and the parent the district split it from? No: only what its scope holds.
  auto s1 = s_->tasks.list(officer_s1_, {}, {});
  ASSERT_EQ(s1.total, 1);
  EXPECT_EQ(s1.items[0].task.code, "T1-1");
  EXPECT_EQ(s_->tasks.list(officer_d1_, {}, {}).total, 4);
  // A split may only give work to units under the owner.
  EXPECT_THROW(
      s_->tasks.split(officer_d1_, "T2", {draft("", "D2-S1", "2026-03-01", "2026-03-04", 1)}, std::nullopt),
      InvalidInput);
  // Children stay inside the parent's window.
  try {
    s_->tasks.split(officer_d1_, "T2", {draft("", "D1-S1", "2026-03-01", "2026-03-05", 1)}, std::nullopt);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "children[0].due");
  }
  // Leaders read but do not act.
  EXPECT_EQ(s_->tasks.list(leader_, {}, {}).total, 4);
  EXPECT_THROW(s_->tasks.remind(leader_, "T1", "", std::nullopt), Forbidden);
}

TEST_P(PlanServiceTest, StaleVersionIsAConflict) {
  build_split_plan();
  auto t = s_->tasks.get(cli_, "T1-1").view.task;
  s_->tasks.remind(officer_d1_, "T1-1", "请加快进度", t.version);
  EXPECT_THROW(s_->tasks.remind(officer_d1_, "T1-1", "again", t.version), Conflict);
}

TEST_P(PlanServiceTest, RemindersAreSentOncePerTaskKindAndDueDate) {
  build_split_plan();
  auto inbox = [&](const Principal& p) { return s_->notifications.list(p, false, {}).page.total; };
  long long s1_before = inbox(officer_s1_);
  // 03-07: T1-1 (due 03-10) is 3 days out → due soon; T2 (due 03-04) is overdue; T1, T1-2 (03-20) neither.
  clock_.set_ms(at("2026-03-07"));
  ReminderCounts first = s_->plan_reminders.run();
  EXPECT_EQ(first.due_soon, 1);
  EXPECT_EQ(first.overdue, 1);
  EXPECT_EQ(first.escalated, 0);
  ReminderCounts again = s_->plan_reminders.run();
  EXPECT_EQ(again.due_soon + again.overdue + again.escalated, 0);
  EXPECT_EQ(inbox(officer_s1_), s1_before + 1);
  // 03-12: T2 overdue 8 days > 7 → escalated to D1's parent (CITY; nobody there but the leader, who is no
  // officer). T1-1 now overdue.
  clock_.set_ms(at("2026-03-12"));
  ReminderCounts later = s_->plan_reminders.run();
  EXPECT_EQ(later.overdue, 1);
  EXPECT_EQ(later.escalated, 1);
  EXPECT_EQ(s_->plan_reminders.run().escalated, 0);
  auto events = s_->tasks.get(cli_, "T2").events;
  EXPECT_EQ(events.back().action, "task_escalated");
}

TEST_P(PlanServiceTest, BreakdownTableImportIsAllOrNothingAndRoundTrips) {
  make_plan();
  platform::Cells bad{{"任务编号", "任务内容", "专项行动", "牵头单位", "责任单位", "开始日期", "完成时限",
                       "权重", "关联测评内容"},
                      {"K1", "清理", "YMHJ", "D1", "D1-S1、D1-S2", "2026-03-01", "2026-03-31", "1", "A1.1.1"},
                      {"K2", "整治", "NOPE", "D1", "", "2026-03-01", "2026-03-31", "1", ""},
                      {"K3", "宣传", "YMHJ", "D9", "", "2026-03-01", "2026-03-31", "1", ""},
                      {"K4", "台账", "YMHJ", "D1", "", "2026-03-01", "2027-03-31", "1", ""},
                      {"K5", "台账", "YMHJ", "D1", "", "2026-03-01", "2026-03-31", "1", "A1.1.1、Z9.9"}};
  try {
    s_->task_tables.import_table(cli_, "P1", bad);
    FAIL() << "a bad table was imported";
  } catch (const InvalidTable& e) {
    std::vector<std::pair<int, std::string>> at;
    for (const auto& err : e.errors) at.emplace_back(err.row, err.column);
    EXPECT_EQ(at, (std::vector<std::pair<int, std::string>>{
                      {3, "专项行动"}, {4, "牵头单位"}, {5, "完成时限"}, {6, "关联测评内容"}}));
    EXPECT_EQ(std::string(e.what()), "4 rows have errors");
  }
  EXPECT_EQ(s_->tasks.list(cli_, {}, {}).total, 0);

  platform::Cells good{
      {"code", "title", "action", "owner", "co_units", "start", "due", "weight", "items", "parent"},
      {"K1", "清理", "YMHJ", "D1", "D1-S1,D1-S2", "2026-03-01", "2026-03-31", "2", "A1.1.1", ""},
      {"K1-1", "清理街道", "YMHJ", "D1-S1", "", "2026-03-01", "2026-03-20", "1", "A1.1.1", "K1"}};
  ImportCounts c = s_->task_tables.import_table(cli_, "P1", good);
  EXPECT_EQ(c.created, 2);
  auto k11 = s_->tasks.get(cli_, "K1-1").view.task;
  EXPECT_EQ(k11.parent, "K1");
  EXPECT_EQ(k11.assigned_by, "D1");
  // Export → import again: every row updates, nothing new.
  platform::Cells exported = s_->task_tables.export_table(cli_, "P1", "");
  ASSERT_EQ(exported.size(), 3u);
  EXPECT_EQ(exported[1][0], "K1");
  EXPECT_EQ(exported[1][4], "D1-S1、D1-S2");
  ImportCounts again = s_->task_tables.import_file(cli_, "P1", to_csv(exported));
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.updated, 2);
  // And as XLSX.
  ImportCounts xlsx = s_->task_tables.import_file(cli_, "P1", platform::write_xlsx(exported, "任务分解表"));
  EXPECT_EQ(xlsx.updated, 2);
  EXPECT_THROW(s_->task_tables.import_table(officer_d1_, "P1", good), Forbidden);
}

// The import writes new tasks in bulk a generation at a time: a grandchild whose parent and grandparent are
// new in the same table gets both links; each new task has its one import event and its owner's officers a
// notice; a code another plan holds is refused by name, and the refused table writes nothing.
TEST_P(PlanServiceTest, BreakdownImportLinksThreeNewGenerationsAndNotifiesEachOwner) {
  make_plan();
  PlanDraft other;
  other.code = "P2";
  other.name = "其他计划";
  other.period = "2026H1";
  other.phases = {{"PH1", "整治", "2026-01-01", "2026-06-30"}};
  other.actions = {{"YMHJ", "优美环境", "", {"PH1"}}};
  s_->plans.create(cli_, other);
  s_->tasks.create(cli_, "P2", draft("TAKEN", "D2", "2026-03-01", "2026-03-20", 1));
  platform::Cells header{{"code", "title", "action", "owner", "start", "due", "weight", "parent"}};
  platform::Cells taken = header;
  taken.push_back({"NEW1", "新任务", "YMHJ", "D1", "2026-03-01", "2026-03-31", "1", ""});
  taken.push_back({"TAKEN", "重复编号", "YMHJ", "D1", "2026-03-01", "2026-03-31", "1", ""});
  try {
    s_->task_tables.import_table(cli_, "P1", taken);
    FAIL() << "a code of plan P2 was imported into P1";
  } catch (const InvalidTable& e) {
    ASSERT_EQ(e.errors.size(), 1u);
    EXPECT_EQ(e.errors[0].row, 3);
    EXPECT_NE(e.errors[0].message.find("P2"), std::string::npos) << e.errors[0].message;
  }
  TaskQuery in_p1;
  in_p1.plan = "P1";
  EXPECT_EQ(s_->tasks.list(cli_, in_p1, {}).total, 0);

  long long s1_inbox = s_->notifications.list(officer_s1_, false, {}).page.total;
  long long s2_inbox = s_->notifications.list(officer_s2_, false, {}).page.total;
  platform::Cells good = header;
  good.push_back({"G1", "区级任务", "YMHJ", "D1", "2026-03-01", "2026-03-31", "3", ""});
  good.push_back({"G1-1", "街道任务一", "YMHJ", "D1-S1", "2026-03-01", "2026-03-31", "1", "G1"});
  good.push_back({"G1-2", "街道任务二", "YMHJ", "D1-S2", "2026-03-01", "2026-03-31", "1", "G1"});
  good.push_back({"G1-1-1", "社区任务", "YMHJ", "D1-S1", "2026-03-02", "2026-03-30", "1", "G1-1"});
  good.push_back({"G2", "另一区任务", "YMHJ", "D2", "2026-03-01", "2026-03-31", "1", ""});
  ImportCounts c = s_->task_tables.import_table(cli_, "P1", good);
  EXPECT_EQ(c.created, 5);
  EXPECT_EQ(c.updated, 0);
  EXPECT_EQ(s_->tasks.get(cli_, "G1").view.task.parent, "");
  EXPECT_EQ(s_->tasks.get(cli_, "G1-1").view.task.parent, "G1");
  EXPECT_EQ(s_->tasks.get(cli_, "G1-2").view.task.parent, "G1");
  auto grandchild = s_->tasks.get(cli_, "G1-1-1");
  EXPECT_EQ(grandchild.view.task.parent, "G1-1");
  EXPECT_EQ(grandchild.view.task.assigned_by, "D1-S1");
  EXPECT_EQ(s_->tasks.get(cli_, "G1").children.size(), 2u);
  for (const char* code : {"G1", "G1-1", "G1-2", "G1-1-1", "G2"}) {
    auto events = s_->tasks.get(cli_, code).events;
    ASSERT_EQ(events.size(), 1u) << code;
    EXPECT_EQ(events[0].seq, 1);
    EXPECT_EQ(events[0].action, "import");
  }
  // D1-S1 owns two new tasks, D1-S2 one: a notice each.
  EXPECT_EQ(s_->notifications.list(officer_s1_, false, {}).page.total, s1_inbox + 2);
  EXPECT_EQ(s_->notifications.list(officer_s2_, false, {}).page.total, s2_inbox + 1);
  // A later event on an imported task follows seq 1.
  s_->tasks.report(officer_s2_, "G1-2", {0.5, "过半", {}, {}}, std::nullopt);
  EXPECT_EQ(s_->tasks.get(cli_, "G1-2").events.back().seq, 2);
}

TEST_P(PlanServiceTest, DoneButLaggingItems) {
  make_plan(false);
  s_->tasks.create(cli_, "P1", draft("T1", "D1-S1", "2026-03-01", "2026-03-10", 1, {"A1.1.1"}));
  s_->tasks.create(cli_, "P1", draft("T2", "D1-S1", "2026-03-01", "2026-03-10", 1, {"A1.1.2"}));
  s_->tasks.create(cli_, "P1", draft("T3", "D1-S2", "2026-03-01", "2026-03-10", 1, {"A1.1.1"}));
  // Not done yet: nothing flagged.
  EXPECT_TRUE(s_->plans.lagging_items(cli_, "P1", "D1-S1").empty());
  s_->tasks.report(officer_s1_, "T1", {1.0, "", {}, {}}, std::nullopt);
  s_->tasks.report(officer_s1_, "T2", {1.0, "", {}, {}}, std::nullopt);
  // D1-S1: A1.1.1 done and graded C (0.6 < 0.85) → lagging; A1.1.2 done but graded A → fine.
  auto lagging = s_->plans.lagging_items(officer_s1_, "P1", "");
  ASSERT_EQ(lagging.size(), 1u);
  EXPECT_EQ(lagging[0].item, "A1.1.1");
  EXPECT_NEAR(lagging[0].score_rate, 0.6, 1e-9);
  EXPECT_EQ(lagging[0].tasks, std::vector<std::string>{"T1"});
  // D1 as a whole: T3 (A1.1.1 at D1-S2) is not done, so A1.1.1 is not flagged for D1.
  EXPECT_TRUE(s_->plans.lagging_items(cli_, "P1", "D1").empty());
}

CIVIC_INSTANTIATE_BACKENDS(PlanServiceTest);

}  // namespace
}  // namespace civic::service
