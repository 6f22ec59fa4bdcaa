// Material submissions through the services on a real database (both backends): the workflow submit →
// return → resubmit → grade moves the counted grade and the score; a regrade keeps the history; scope,
// permissions, duplicates, stale versions, unknown grades and the materials deadline are refused.
#include "service/materials/material_service.h"

#include <gtest/gtest.h>

#include "bundle/bundle_reader.h"
#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "service/core/services.h"
#include "service/materials/material_status.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

using store::TestDatabase;

// CITY → D1, D2; period 2026H1 with two material items of 2 and 3 points; D2 is graded A on A1.1.2 by import.
const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[
    {"code":"A1.1.1","name":"制度","max_score":2,"method":"material"},
    {"code":"A1.1.2","name":"台账","max_score":3,"method":"material"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
  "materials":[{"item":"A1.1.2","unit":"D2","period":"2026H1","grade":"A"}]})";

TimeMs at(const char* date) {
  return static_cast<TimeMs>(day_number(*parse_iso_date(date))) * 86'400'000 + 2 * 3'600'000;
}

class MaterialServiceTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    db_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(db_->db(), clock_);
    s_->evaluation.import_bundle(cli_, bundle::read_bundle(kBundle));
    office_ = user("office", "CITY", Role::office);
    d1_ = user("d1", "D1", Role::unit_officer);
    d2_ = user("d2", "D2", Role::unit_officer);
  }

  Principal user(const std::string& name, const std::string& unit, Role role) {
    s_->users.add(cli_, {name, name + " 测试", unit, {role}, std::string("Civic-test-2026")});
    auto token = s_->auth.create_api_token(cli_, name, "tests").token;
    return s_->auth.authenticate_api_token(token, "");
  }

  double score(const std::string& unit) {
    auto scored = s_->evaluation.scores(cli_, "2026H1");
    return scored->scores->total(scored->unit(cli_, unit)).score;
  }

  double fraction(const std::string& grade) { return *Framework{}.grade_fraction(grade); }

  MaterialSubmission draft_d1(const std::string& item = "A1.1.1") {
    return s_->materials.create(d1_, {"2026H1", item, "D1", "制度文件汇编", {"file-1", "file-2"}});
  }

  ManualClock clock_{at("2026-03-05")};
  Principal cli_ = Principal::cli();
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Services> s_;
  Principal office_, d1_, d2_;
};
CIVIC_INSTANTIATE_BACKENDS(MaterialServiceTest);

TEST_P(MaterialServiceTest, SubmitReturnResubmitGradeChangesTheScore) {
  double before = score("D1");
  auto m = draft_d1();
  EXPECT_EQ(m.state, "draft");
  EXPECT_EQ(m.files, (std::vector<std::string>{"file-1", "file-2"}));
  m = s_->materials.submit(d1_, m.id);
  EXPECT_EQ(m.state, "submitted");
  EXPECT_EQ(m.submitted_by, "d1");
  EXPECT_DOUBLE_EQ(score("D1"), before);  // submitted is not graded

  m = s_->materials.send_back(office_, m.id, "缺少会议纪要");
  EXPECT_EQ(m.state, "returned");
  EXPECT_EQ(m.return_reason, "缺少会议纪要");
  m = s_->materials.update(d1_, m.id, m.version, "制度文件汇编及会议纪要", {"file-1", "file-2", "file-3"});
  m = s_->materials.submit(d1_, m.id);
  EXPECT_EQ(m.state, "submitted");

  m = s_->materials.grade(office_, m.id, "B", "基本齐全");
  EXPECT_EQ(m.state, "graded");
  EXPECT_EQ(m.grade, "B");
  EXPECT_TRUE(m.return_reason.empty());
  EXPECT_NEAR(score("D1"), before + 2 * fraction("B"), 1e-9);

  auto detail = s_->materials.get(office_, m.id);
  ASSERT_EQ(detail.events.size(), 6u);
  EXPECT_EQ(detail.events[0].action, "create");
  EXPECT_EQ(detail.events[2].action, "return");
  EXPECT_EQ(detail.events[2].reason, "缺少会议纪要");
  EXPECT_EQ(detail.events[4].action, "resubmit");
  EXPECT_EQ(detail.events[5].action, "grade");
  EXPECT_EQ(detail.files.size(), 3u);
  EXPECT_EQ(detail.item_name, "制度");
}

TEST_P(MaterialServiceTest, RegradeKeepsHistoryAndReturnUncounts) {
  double before = score("D1");
  auto m = s_->materials.submit(d1_, draft_d1().id);
  m = s_->materials.grade(office_, m.id, "C", "");
  m = s_->materials.grade(office_, m.id, "A", "申诉后复核");
  ASSERT_EQ(m.grades.size(), 2u);
  EXPECT_EQ(m.grades[0].grade, "C");
  EXPECT_EQ(m.grades[1].grade, "A");
  EXPECT_EQ(m.grades[1].comment, "申诉后复核");
  EXPECT_EQ(m.grade, "A");
  EXPECT_NEAR(score("D1"), before + 2 * fraction("A"), 1e-9);
  m = s_->materials.send_back(office_, m.id, "复核发现材料缺页");
  EXPECT_NEAR(score("D1"), before, 1e-9);
  EXPECT_EQ(m.grades.size(), 2u);  // the history stays
}

TEST_P(MaterialServiceTest, RefusesWhatTheCallerMayNotDo) {
  auto m = draft_d1();
  EXPECT_THROW(s_->materials.get(d2_, m.id), NotFound);  // another unit's submission
  EXPECT_THROW(s_->materials.submit(d2_, m.id), NotFound);
  EXPECT_THROW(s_->materials.create(d1_, {"2026H1", "A1.1.1", "D2", "", {}}), NotFound);  // out of scope
  m = s_->materials.submit(d1_, m.id);
  EXPECT_THROW(s_->materials.grade(d1_, m.id, "A", ""), Forbidden);  // units do not grade themselves
  EXPECT_THROW(s_->materials.send_back(d1_, m.id, "x"), Forbidden);
  EXPECT_THROW(s_->materials.grade(office_, m.id, "E", ""), InvalidInput);
  EXPECT_THROW(s_->materials.send_back(office_, m.id, ""), InvalidInput);
  EXPECT_THROW(s_->materials.update(d1_, m.id, m.version, "x", {}), Conflict);  // submitted: not editable

  auto page = s_->materials.list(d2_, {"2026H1", "", "", "", 1, 20});
  for (const auto& s : page.items) EXPECT_EQ(s.unit, "D2");
  EXPECT_EQ(s_->materials.list(office_, {"2026H1", "", "D1", "", 1, 20}).total, 1);
}

TEST_P(MaterialServiceTest, DuplicatesStaleVersionsAndUnknownItemsAreRefused) {
  auto m = draft_d1();
  try {
    draft_d1();
    FAIL() << "a second draft was accepted";
  } catch (const Conflict& e) {
    EXPECT_NE(std::string(e.what()).find(std::to_string(m.id)), std::string::npos);
  }
  s_->materials.update(d1_, m.id, m.version, "新说明", {});
  EXPECT_THROW(s_->materials.update(d1_, m.id, m.version, "旧版本", {}), Conflict);
  EXPECT_THROW(s_->materials.create(d1_, {"2026H1", "A1.9.9", "D1", "", {}}), InvalidInput);
  EXPECT_THROW(s_->materials.create(d1_, {"2099H1", "A1.1.1", "D1", "", {}}), NotFound);
}

TEST_P(MaterialServiceTest, ReviewQueuePutsSubmittedFirst) {
  auto a = draft_d1("A1.1.1");  // stays a draft
  auto b = s_->materials.submit(d1_, draft_d1("A1.1.2").id);
  auto page = s_->materials.list(office_, {"2026H1", "", "", "", 1, 20});
  // Submitted first; then by item, unit: D1's draft of A1.1.1 before D2's imported grade of A1.1.2.
  ASSERT_EQ(page.total, 3);
  EXPECT_EQ(page.items[0].id, b.id);
  EXPECT_EQ(page.items[1].id, a.id);
  EXPECT_EQ(page.items[2].unit, "D2");
  EXPECT_EQ(page.items[2].state, "graded");
  EXPECT_EQ(s_->materials.list(office_, {"2026H1", "", "", "submitted", 1, 20}).total, 1);
  EXPECT_EQ(s_->materials.list(office_, {"2026H1", "", "", "", 2, 1}).items.at(0).id, a.id);
}

TEST_P(MaterialServiceTest, SubmittingAfterTheDeadlineIsRefusedUnlessSentBack) {
  auto late = draft_d1("A1.1.1");
  auto early = s_->materials.submit(d1_, draft_d1("A1.1.2").id);
  early = s_->materials.send_back(office_, early.id, "补充材料");
  clock_.set_ms(at("2026-06-16"));  // the period ends 2026-06-30: the deadline is 2026-06-15
  EXPECT_THROW(s_->materials.submit(d1_, late.id), Conflict);
  EXPECT_EQ(s_->materials.submit(d1_, early.id).state, "submitted");  // reopened by the office
}

TEST_P(MaterialServiceTest, ImportedGradesAreGradedSubmissions) {
  auto page = s_->materials.list(office_, {"2026H1", "A1.1.2", "D2", "", 1, 20});
  ASSERT_EQ(page.total, 1);
  auto m = s_->materials.get(office_, page.items[0].id);
  EXPECT_EQ(m.state, "graded");
  EXPECT_EQ(m.grade, "A");
  ASSERT_EQ(m.grades.size(), 1u);
  EXPECT_EQ(m.events.at(0).action, "import");
  // A regrade of the imported grade is a new version and moves the score.
  double before = score("D2");
  m = s_->materials.grade(office_, m.id, "C", "申诉复核");
  EXPECT_EQ(m.grades.size(), 2u);
  EXPECT_NEAR(score("D2"), before - 3 * fraction("A") + 3 * fraction("C"), 1e-9);
  // A second draft for the imported triple is refused.
  EXPECT_THROW(s_->materials.create(cli_, {"2026H1", "A1.1.2", "D2", "", {}}), Conflict);
}

TEST_P(MaterialServiceTest, StatusBoardNamesWhoHasNotSubmitted) {
  s_->materials.submit(d1_, draft_d1("A1.1.1").id);
  auto board = material_status(db_->db(), s_->audit, office_, "2026H1");
  ASSERT_EQ(board.size(), 2u);
  using V = std::vector<std::string>;
  EXPECT_EQ(board[0].item, "A1.1.1");
  EXPECT_EQ(board[0].must, (V{"CITY", "D1", "D2"}));
  EXPECT_EQ(board[0].submitted, (V{"D1"}));
  EXPECT_EQ(board[0].missing, (V{"CITY", "D2"}));
  EXPECT_EQ(board[1].graded, (V{"D2"}));  // imported
  EXPECT_EQ(board[1].missing, (V{"CITY", "D1"}));
  auto own = material_status(db_->db(), s_->audit, d1_, "2026H1");
  EXPECT_EQ(own[0].must, (V{"D1"}));
  EXPECT_THROW(material_status(db_->db(), s_->audit, office_, "2099H1"), NotFound);
}

}  // namespace
}  // namespace civic::service
