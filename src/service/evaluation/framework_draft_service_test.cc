// The framework editor (evidence.md "Framework drafts") on both backends: a draft opened from a version,
// saved with optimistic locking, validated by the bundle rules (stored even when invalid, its problems
// answered), compared with its base and published as the next immutable version a period can be created on.
#include "service/evaluation/framework_draft_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "bundle/bundle_reader.h"
#include "bundle/default_framework.h"
#include "domain/core/error.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

namespace json = boost::json;
using store::TestDatabase;

class FrameworkDraftTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_);
    s_->evaluation.import_bundle(cli_, bundle::read_bundle_file(std::string(CIVIC_SOURCE_DIR) +
                                                                "/src/bundle/testdata/worked_bundle.json"));
    s_->users.add(cli_, {"office1", "Office", "C", {Role::office}, std::string("Civic@2026x")});
    s_->users.add(cli_, {"leader1", "Leader", "C", {Role::leader}, std::string("Civic@2026x")});
    office_ = s_->auth.login("office1", "Civic@2026x", "10.0.0.1").principal;
    leader_ = s_->auth.login("leader1", "Civic@2026x", "10.0.0.1").principal;
  }

  // The draft's document with the first item's max_score set to `points`.
  static std::string with_points(const FrameworkDraft& d, double points) {
    json::value doc = json::parse(d.document);
    doc.at("aspects").at(0).at("indicators").at(0).at("items").at(0).as_object()["max_score"] = points;
    return json::serialize(doc);
  }

  ManualClock clock_{1780000000000};
  Principal cli_ = Principal::cli();
  Principal office_, leader_;
  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<Services> s_;
};
CIVIC_INSTANTIATE_BACKENDS(FrameworkDraftTest);

TEST_P(FrameworkDraftTest, EditDiffPublishAndCreateAPeriodOnTheNewVersion) {
  FrameworkDraft d = s_->framework_drafts.create(office_, "worked", 1);
  EXPECT_EQ(d.base_version, 1);
  EXPECT_EQ(d.state, "draft");
  EXPECT_TRUE(d.problems.empty());
  // Unchanged: nothing to publish.
  EXPECT_THROW(s_->framework_drafts.publish(office_, d.id), InvalidInput);

  FrameworkDraft saved = s_->framework_drafts.update(office_, d.id, with_points(d, 5), d.version);
  EXPECT_EQ(saved.version, d.version + 1);
  EXPECT_TRUE(saved.problems.empty());
  // A save carrying the old version is stale.
  EXPECT_THROW(s_->framework_drafts.update(office_, d.id, with_points(d, 6), d.version), Conflict);

  DraftDiff diff = s_->framework_drafts.diff(office_, d.id);
  EXPECT_TRUE(diff.added.empty());
  EXPECT_TRUE(diff.removed.empty());
  ASSERT_EQ(diff.changed.size(), 1u);
  EXPECT_EQ(diff.changed[0].code, "A1.1.1");
  EXPECT_EQ(diff.changed[0].kind, "item");
  ASSERT_EQ(diff.changed[0].fields.count("max_score"), 1u);
  EXPECT_EQ(diff.changed[0].fields.at("max_score").first.to_number<double>(), 4);
  EXPECT_EQ(diff.changed[0].fields.at("max_score").second.to_number<double>(), 5);

  PublishedVersion v = s_->framework_drafts.publish(office_, d.id);
  EXPECT_EQ(v.code, "worked");
  EXPECT_EQ(v.version, 2);
  EXPECT_EQ(s_->framework_drafts.get(office_, d.id).state, "published");
  EXPECT_THROW(s_->framework_drafts.update(office_, d.id, with_points(d, 7), saved.version + 1), Conflict);
  EXPECT_THROW(s_->framework_drafts.publish(office_, d.id), Conflict);
  // The old version is unchanged, the new one holds the new points.
  EXPECT_EQ(s_->evaluation.framework(office_, "worked", 1).items()[0]->max_score, 4);
  EXPECT_EQ(s_->evaluation.framework(office_, "worked", 2).items()[0]->max_score, 5);

  Period p = s_->periods.create(office_, {"2027H1", "2027 上半年", "2027-01-01", "2027-06-30", "worked", 2});
  EXPECT_EQ(p.framework_version, 2);
  EXPECT_EQ(s_->periods.get(office_, "2026H1").framework_version, 1);  // a period keeps its version
}

TEST_P(FrameworkDraftTest, AnInvalidDraftIsStoredWithItsProblemsAndCannotBePublished) {
  FrameworkDraft d = s_->framework_drafts.create(office_, "worked", {});
  EXPECT_EQ(d.base_version, 1);  // the newest
  FrameworkDraft bad = s_->framework_drafts.update(office_, d.id, with_points(d, -1), d.version);
  ASSERT_EQ(bad.problems.size(), 1u);
  EXPECT_EQ(bad.problems[0].path, "framework.aspects[0].indicators[0].items[0].max_score");
  EXPECT_EQ(s_->framework_drafts.get(office_, d.id).version, bad.version);  // stored all the same
  try {
    s_->framework_drafts.publish(office_, d.id);
    FAIL() << "an invalid draft was published";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "framework.aspects[0].indicators[0].items[0].max_score");
  }
  EXPECT_THROW(s_->evaluation.framework(office_, "worked", 2), NotFound);

  // A stated total the points do not add up to (4 + 2 + 2 + 2 = 10).
  json::value doc = json::parse(d.document);
  doc.as_object()["max_total"] = 12;
  FrameworkDraft total = s_->framework_drafts.update(office_, d.id, json::serialize(doc), bad.version);
  ASSERT_EQ(total.problems.size(), 1u);
  EXPECT_EQ(total.problems[0].key, "framework_draft.total_mismatch");
  doc.as_object()["max_total"] = 10;
  doc.as_object()["code"] = "other";
  FrameworkDraft renamed = s_->framework_drafts.update(office_, d.id, json::serialize(doc), total.version);
  ASSERT_EQ(renamed.problems.size(), 1u);
  EXPECT_EQ(renamed.problems[0].path, "framework.code");
  FrameworkDraft broken = s_->framework_drafts.update(office_, d.id, "{not json", renamed.version);
  ASSERT_EQ(broken.problems.size(), 1u);
  EXPECT_EQ(broken.problems[0].key, "framework_draft.json");
}

TEST_P(FrameworkDraftTest, TheEditorRulesRefuseAFreeCheckAndATwiceUsedNegativeListCode) {
  FrameworkDraft d = s_->framework_drafts.create(office_, "worked", 1);
  json::value doc = json::parse(d.document);
  auto& item = doc.at("aspects").at(0).at("indicators").at(0).at("items").at(0).as_object();
  item["checks"].as_array()[1].as_object()["deduct"] = 0;  // allowed by the bundle rules (>= 0), not here
  doc.as_object()["negative_list"] =
      json::array{json::object{{"code", "N1"}, {"name", "重大事故"}, {"deduct", 2}},
                  json::object{{"code", "N1"}, {"name", "重复"}, {"deduct", 1}}};
  FrameworkDraft bad = s_->framework_drafts.update(office_, d.id, json::serialize(doc), d.version);
  ASSERT_EQ(bad.problems.size(), 2u);
  EXPECT_EQ(bad.problems[0].path, "framework.aspects[0].indicators[0].items[0].checks[1].deduct");
  EXPECT_EQ(bad.problems[0].key, "framework_draft.deduct_zero");
  EXPECT_EQ(bad.problems[1].path, "framework.negative_list[1].code");
  EXPECT_EQ(bad.problems[1].key, "framework_draft.negative_duplicate");
  EXPECT_THROW(s_->framework_drafts.publish(office_, d.id), InvalidInput);

  item["checks"].as_array()[1].as_object()["deduct"] = 1;
  doc.as_object()["negative_list"].as_array()[1].as_object()["code"] = "N2";
  FrameworkDraft good = s_->framework_drafts.update(office_, d.id, json::serialize(doc), bad.version);
  EXPECT_TRUE(good.problems.empty());
}

TEST_P(FrameworkDraftTest, TheDiffListsTheGradeMapAndTheNegativeListBesideTheTree) {
  FrameworkDraft d = s_->framework_drafts.create(office_, "worked", 1);
  json::value doc = json::parse(d.document);
  doc.as_object()["grades"] = json::object{{"A", 1.0}, {"B", 0.75}, {"C", 0.6}, {"D", 0.0}};
  doc.as_object()["negative_list"] =
      json::array{json::object{{"code", "N9"}, {"name", "重大事故"}, {"deduct", 2}}};
  auto& items = doc.at("aspects").at(0).at("indicators").at(0).at("items").as_array();
  items.erase(items.begin() + 3);  // A1.1.4 removed
  s_->framework_drafts.update(office_, d.id, json::serialize(doc), d.version);

  DraftDiff diff = s_->framework_drafts.diff(office_, d.id);
  ASSERT_EQ(diff.added.size(), 1u);
  EXPECT_EQ(diff.added[0].kind, "negative");
  EXPECT_EQ(diff.added[0].code, "N9");
  EXPECT_EQ(diff.added[0].name, "重大事故");
  ASSERT_EQ(diff.removed.size(), 1u);
  EXPECT_EQ(diff.removed[0].code, "A1.1.4");
  ASSERT_EQ(diff.changed.size(), 1u);
  EXPECT_EQ(diff.changed[0].kind, "framework");
  EXPECT_EQ(diff.changed[0].code, "worked");
  ASSERT_EQ(diff.changed[0].fields.count("grades"), 1u);
  EXPECT_TRUE(diff.changed[0].fields.at("grades").first.is_null());  // the base keeps the default map
  EXPECT_EQ(diff.changed[0].fields.at("grades").second.at("B").to_number<double>(), 0.75);
  EXPECT_EQ(diff.changed[0].fields.count("negative_list"), 0u);  // entries are listed by code instead
}

TEST_P(FrameworkDraftTest, TheShippedFrameworkOpensAsVersionZeroAndOnlyTheOfficeEdits) {
  std::string code = bundle::default_framework().code;
  FrameworkDraft d = s_->framework_drafts.create(office_, code, {});
  EXPECT_EQ(d.base_version, 0);
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(s_->framework_drafts.list(office_).size(), 1u);
  EXPECT_THROW(s_->framework_drafts.create(office_, "worked", 7), NotFound);
  EXPECT_THROW(s_->framework_drafts.get(office_, 999), NotFound);
  EXPECT_THROW(s_->framework_drafts.create(leader_, "worked", 1), Forbidden);
  EXPECT_THROW(s_->framework_drafts.list(leader_), Forbidden);
  PublishedVersion v = s_->framework_drafts.publish(office_, [&] {
    json::value doc = json::parse(d.document);
    auto& item = doc.at("aspects").at(0).at("indicators").at(0).at("items").at(0).as_object();
    item["name"] = "改名";
    s_->framework_drafts.update(office_, d.id, json::serialize(doc), d.version);
    return d.id;
  }());
  EXPECT_EQ(v.version, 1);  // the first stored version of the shipped code
}

}  // namespace
}  // namespace civic::service
