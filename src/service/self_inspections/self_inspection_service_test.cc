// Self-inspections through the services on a real database (both backends): a unit starts one, rates items
// directly or by the value/grade it expects (scoring.md §3.3–3.4), and the gap table compares the rates with
// what the scores measured (over-optimistic beyond 0.10 with the 1e-9 tie rule); finishing makes it
// read-only; duplicates, scope, permissions, bad input, unknown files and closed periods are refused; writes
// are audited.
#include "service/self_inspections/self_inspection_service.h"

#include <gtest/gtest.h>

#include "bundle/bundle_reader.h"
#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

using store::TestDatabase;

// CITY → D1, D2. Four items: A1.1.1 material (2 points, D1 graded B), A1.1.2 statistic m1 (target 10, floor
// 0; D1 reported 3, so 0.3), A1.2.1 field (no inspections: not assessed), A2.1.1 material (D1 graded A).
const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[
  {"code":"A1","name":"方面一","indicators":[
    {"code":"A1.1","name":"指标一","items":[
      {"code":"A1.1.1","name":"制度","max_score":2,"method":"material"},
      {"code":"A1.1.2","name":"比率","max_score":1,"method":"statistic","metric":"m1","target":10}]},
    {"code":"A1.2","name":"指标二","items":[
      {"code":"A1.2.1","name":"环境","max_score":1,"method":"field",
       "checks":[{"code":"A1.2.1-1","text":"无垃圾","deduct":0.5}]}]}]},
  {"code":"A2","name":"方面二","indicators":[
    {"code":"A2.1","name":"指标三","items":[
      {"code":"A2.1.1","name":"台账","max_score":1,"method":"material"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
  "statistics":[{"metric":"m1","unit":"D1","period":"2026H1","value":3}],
  "materials":[{"item":"A1.1.1","unit":"D1","period":"2026H1","grade":"B"},
               {"item":"A2.1.1","unit":"D1","period":"2026H1","grade":"A"}]})";

TimeMs at(const char* date) {
  return static_cast<TimeMs>(day_number(*parse_iso_date(date))) * 86'400'000 + 2 * 3'600'000;
}

class SelfInspectionServiceTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    db_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(db_->db(), clock_);
    s_->evaluation.import_bundle(cli_, bundle::read_bundle(kBundle));
    office_ = user("office", "CITY", Role::office);
    leader_ = user("leader", "CITY", Role::leader);
    d1_ = user("d1", "D1", Role::unit_officer);
    d2_ = user("d2", "D2", Role::unit_officer);
  }

  Principal user(const std::string& name, const std::string& unit, Role role) {
    s_->users.add(cli_, {name, name + " 测试", unit, {role}, std::string("Civic-test-2026")});
    auto token = s_->auth.create_api_token(cli_, name, "tests").token;
    return s_->auth.authenticate_api_token(token, "");
  }

  SelfAssessment rate(double r, const std::string& note = "") { return {r, "", note, {}}; }
  SelfAssessment expect(const std::string& e) { return {std::nullopt, e, "", {}}; }

  const SelfInspectionItem& item(const SelfInspection& s, const std::string& code) {
    for (const auto& it : s.items)
      if (it.code == code) return it;
    throw std::runtime_error("no item " + code);
  }

  ManualClock clock_{at("2026-03-05")};
  Principal cli_ = Principal::cli();
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Services> s_;
  Principal office_, leader_, d1_, d2_;
};
CIVIC_INSTANTIATE_BACKENDS(SelfInspectionServiceTest);

TEST_P(SelfInspectionServiceTest, GapsCompareSelfRatesWithWhatWasMeasured) {
  auto& si = s_->self_inspections;
  auto s = si.start(d1_, "2026H1", "D1");
  EXPECT_EQ(s.state, "in_progress");
  EXPECT_EQ(s.started_by, "d1");
  EXPECT_EQ(s.items_total, 4);
  EXPECT_EQ(s.items_filled, 0);
  EXPECT_FALSE(s.mean_gap.has_value());
  ASSERT_EQ(s.items.size(), 4u);
  EXPECT_EQ(s.items[2].code, "A1.2.1");
  EXPECT_EQ(s.items[2].indicator_name, "指标二");
  EXPECT_EQ(s.items[3].aspect, "A2");
  EXPECT_EQ(item(s, "A1.1.2").metric, "m1");

  // Expected grade A of a material item: rate 1.0 against B measured (0.8): gap 0.2, over-optimistic.
  s = si.set_item(d1_, s.id, "A1.1.1", expect("A"));
  EXPECT_DOUBLE_EQ(item(s, "A1.1.1").self_rate, *Framework{}.grade_fraction("A"));
  EXPECT_EQ(item(s, "A1.1.1").expected, "A");
  // An expected value of a statistic item is scored like a reported one: 5 of target 10 → 0.5.
  s = si.set_item(d1_, s.id, "A1.1.2", expect("5"));
  EXPECT_DOUBLE_EQ(item(s, "A1.1.2").self_rate, 0.5);
  // Then a rate 0.4 against 0.3 measured: 0.10000000000000003 in floating point, 0.10 exactly: not over.
  s = si.set_item(d1_, s.id, "A1.1.2", rate(0.4, "统计口径一致"));
  EXPECT_EQ(item(s, "A1.1.2").expected, "");
  EXPECT_EQ(item(s, "A1.1.2").note, "统计口径一致");
  s = si.set_item(d1_, s.id, "A1.2.1", rate(0.9));   // not assessed: no measured rate
  s = si.set_item(d1_, s.id, "A2.1.1", rate(0.95));  // below the measured 1.0
  EXPECT_EQ(s.items_filled, 4);

  auto g = si.gaps(d1_, s.id);
  ASSERT_EQ(g.items.size(), 4u);
  EXPECT_EQ(g.items[0].item, "A1.1.1");
  EXPECT_NEAR(*g.items[0].measured_rate, 0.8, 1e-12);
  EXPECT_NEAR(*g.items[0].gap, 0.2, 1e-12);
  EXPECT_TRUE(g.items[0].over_optimistic);
  EXPECT_EQ(g.items[1].item, "A1.1.2");
  EXPECT_GT(*g.items[1].gap, 0.1);           // in floating point …
  EXPECT_FALSE(g.items[1].over_optimistic);  // … but a tie by scoring.md §5
  EXPECT_EQ(g.items[2].item, "A2.1.1");
  EXPECT_NEAR(*g.items[2].gap, -0.05, 1e-12);
  EXPECT_EQ(g.items[3].item, "A1.2.1");  // no gap: last
  EXPECT_FALSE(g.items[3].measured_rate.has_value());
  EXPECT_FALSE(g.items[3].over_optimistic);
  EXPECT_EQ(g.compared, 3);
  EXPECT_EQ(g.over_optimistic_count, 1);
  EXPECT_NEAR(*g.mean_gap, (0.2 + 0.1 - 0.05) / 3, 1e-12);

  // The list carries the same summary.
  auto list = si.list_all(office_, {"2026H1", "", "", ""});
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].over_optimistic_count, 1);
  EXPECT_NEAR(*list[0].mean_gap, *g.mean_gap, 1e-12);
  EXPECT_EQ(list[0].items_filled, 4);

  s = si.finish(d1_, s.id);
  EXPECT_EQ(s.state, "finished");
  EXPECT_GT(s.finished_at, 0);
  EXPECT_THROW(si.set_item(d1_, s.id, "A1.1.1", rate(0.5)), Conflict);
  EXPECT_THROW(si.finish(d1_, s.id), Conflict);
  EXPECT_EQ(si.list_all(office_, {"", "", "finished", ""}).size(), 1u);
  EXPECT_EQ(si.list_all(office_, {"", "", "in_progress", ""}).size(), 0u);
}

TEST_P(SelfInspectionServiceTest, OnePerPeriodAndUnitWithinScope) {
  auto& si = s_->self_inspections;
  auto s = si.start(d1_, "2026H1", "D1");
  try {
    si.start(office_, "2026H1", "D1");
    FAIL() << "a second self-inspection was accepted";
  } catch (const Conflict& e) {
    EXPECT_NE(std::string(e.what()).find(std::to_string(s.id)), std::string::npos) << e.what();
  }
  EXPECT_THROW(si.start(d2_, "2026H1", "D1"), NotFound);  // out of scope
  EXPECT_THROW(si.get(d2_, s.id), NotFound);
  EXPECT_THROW(si.gaps(d2_, s.id), NotFound);
  EXPECT_THROW(si.set_item(d2_, s.id, "A1.1.1", rate(0.5)), NotFound);
  EXPECT_THROW(si.start(leader_, "2026H1", "D2"), Forbidden);  // leaders read only
  EXPECT_EQ(si.get(leader_, s.id).id, s.id);
  auto other = si.start(office_, "2026H1", "D2");
  EXPECT_EQ(si.list_all(office_, {}).size(), 2u);
  auto own = si.list_all(d2_, {});
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].id, other.id);
  EXPECT_EQ(si.list_all(office_, {"", "", "", "D2"}).size(), 1u);  // search by code
  auto page = si.list(office_, {}, {2, 1});
  EXPECT_EQ(page.total, 2);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].unit, "D2");
  EXPECT_THROW(si.start(office_, "2099H1", "D1"), NotFound);
  EXPECT_THROW(si.list_all(office_, {"", "", "nonsense", ""}), InvalidInput);
}

TEST_P(SelfInspectionServiceTest, RefusesBadAssessmentsAndUnknownFiles) {
  auto& si = s_->self_inspections;
  auto s = si.start(d1_, "2026H1", "D1");
  EXPECT_THROW(si.finish(d1_, s.id), Conflict);  // nothing filled in
  EXPECT_THROW(si.set_item(d1_, s.id, "A1.1.1", rate(1.5)), InvalidInput);
  EXPECT_THROW(si.set_item(d1_, s.id, "A1.1.1", rate(-0.1)), InvalidInput);
  EXPECT_THROW(si.set_item(d1_, s.id, "A1.1.1", expect("Z")), InvalidInput);    // no such grade
  EXPECT_THROW(si.set_item(d1_, s.id, "A1.1.2", expect("abc")), InvalidInput);  // not a number
  EXPECT_THROW(si.set_item(d1_, s.id, "A1.2.1", expect("A")), InvalidInput);    // field: a rate only
  EXPECT_THROW(si.set_item(d1_, s.id, "A1.1.1", {std::nullopt, "", "", {}}), InvalidInput);
  EXPECT_THROW(si.set_item(d1_, s.id, "A9.9.9", rate(0.5)), NotFound);
  EXPECT_THROW(si.set_item(d1_, s.id, "A1.1.1", {0.5, "", std::string(5000, 'x'), {}}), InvalidInput);
  EXPECT_THROW(si.set_item(d1_, s.id, "A1.1.1", {0.5, "", "", {"no-such-file"}}), InvalidInput);
  StoredFile pdf = s_->photos.add_file(d1_, "%PDF-1.7\n自查台账", "自查台账.pdf");
  s = si.set_item(d1_, s.id, "A1.1.1", {0.9, "", "见台账", {pdf.id}});
  EXPECT_EQ(item(s, "A1.1.1").files, (std::vector<std::string>{pdf.id}));
  EXPECT_EQ(item(s, "A1.1.1").file_names, (std::vector<std::string>{"自查台账.pdf"}));
  EXPECT_EQ(s.items_filled, 1);
}

TEST_P(SelfInspectionServiceTest, WritesAreAuditedAndClosedPeriodsRefuse) {
  auto& si = s_->self_inspections;
  auto s = si.start(d1_, "2026H1", "D1");
  si.set_item(d1_, s.id, "A1.1.1", rate(0.9));
  si.set_item(d1_, s.id, "A1.1.1", rate(0.7));
  auto records = s_->audit.list(cli_, {"d1", "", "self_inspection", std::to_string(s.id), 0, 0}, {1, 50});
  ASSERT_EQ(records.total, 3);  // start, item, item
  auto second = si.start(office_, "2026H1", "D2");
  si.set_item(office_, second.id, "A1.1.1", rate(0.5));
  s_->periods.close(office_, "2026H1");
  EXPECT_THROW(si.set_item(d1_, s.id, "A1.1.1", rate(0.8)), Conflict);
  EXPECT_THROW(si.finish(office_, second.id), Conflict);
  EXPECT_THROW(si.start(office_, "2026H1", "CITY"), Conflict);
  // Reading still works, from the closed period's snapshot.
  EXPECT_EQ(si.gaps(d1_, s.id).items.size(), 1u);
}

TEST(OverOptimistic, UsesTheTieMargin) {
  EXPECT_FALSE(over_optimistic(0.4 - 0.3));  // 0.10000000000000003
  EXPECT_FALSE(over_optimistic(0.1));
  EXPECT_TRUE(over_optimistic(0.1 + 1e-6));
  EXPECT_FALSE(over_optimistic(-0.5));
}

}  // namespace
}  // namespace civic::service
