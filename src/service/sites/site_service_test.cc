#include "service/sites/site_service.h"

#include <gtest/gtest.h>

#include "bundle/bundle_reader.h"
#include "domain/core/error.h"
#include "domain/core/table_errors.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

using store::TestDatabase;

constexpr const char* kSitePassword = "Civic@2026x";

// A framework whose checks name three site types, the city C → D1 → D1-S1, C → D2, two sites and one
// inspection at S1 (so S1 cannot be deleted).
const char* kBundle = R"({
 "format": "civic-bundle/1",
 "framework": {"code": "fw", "name": "fw", "aspects": [
  {"code": "A1", "name": "方面", "indicators": [
   {"code": "A1.1", "name": "指标", "items": [
    {"code": "A1.1.1", "name": "市容秩序", "max_score": 4, "method": "field", "checks": [
      {"code": "c1", "text": "无乱扔垃圾", "deduct": 0.5, "site_types": ["主干道", "公交站"]},
      {"code": "c2", "text": "无占道经营", "deduct": 2, "site_types": ["农贸市场"]}]}]}]}]},
 "units": [
  {"code": "C", "name": "市", "parent": null},
  {"code": "D1", "name": "一区", "parent": "C", "population": 100},
  {"code": "D1-S1", "name": "一街道", "parent": "D1", "population": 50},
  {"code": "D2", "name": "二区", "parent": "C", "population": 300}],
 "sites": [
  {"code": "S1", "name": "主街", "type": "主干道", "unit": "D1"},
  {"code": "S2", "name": "菜市场", "type": "农贸市场", "unit": "D2"}],
 "periods": [{"code": "2026H1", "start": "2026-01-01", "end": "2026-06-30"}],
 "inspections": [{"id": "I1", "site": "S1", "date": "2026-02-01", "results": {"c1": 2}}]
})";

class SiteServiceTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_);
    s_->evaluation.import_bundle(Principal::cli(), bundle::read_bundle(kBundle));
    s_->users.add(Principal::cli(), {"office1", "office1", "D1", {Role::office}, std::string(kSitePassword)});
    s_->users.add(Principal::cli(),
                  {"officer1", "officer1", "D1", {Role::unit_officer}, std::string(kSitePassword)});
    office_ = s_->auth.login("office1", kSitePassword, "10.0.0.1").principal;
    officer_ = s_->auth.login("officer1", kSitePassword, "10.0.0.2").principal;
  }

  store::EvaluationRepository::Revision revisions() {
    auto lease = t_->db().lease();
    return store::EvaluationRepository(*lease).revisions();
  }

  ManualClock clock_{1'772'323'200'000};  // 2026-03-01
  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<Services> s_;
  Principal office_, officer_;
};
CIVIC_INSTANTIATE_BACKENDS(SiteServiceTest);

TEST_P(SiteServiceTest, CreateGetUpdateDeleteWithinScope) {
  auto before = revisions();
  SiteDraft d{"S3", "站台", "公交站", "D1-S1", 31.2, 121.4, "一路 1 号", "G7"};
  service::Site created = s_->sites.create(office_, d);
  EXPECT_EQ(created.version, 1);
  EXPECT_EQ(created.unit_name, "一街道");
  auto after = revisions();
  EXPECT_GT(after.revision, before.revision);
  EXPECT_GT(after.structure, before.structure);

  service::Site got = s_->sites.get(officer_, "S3");
  EXPECT_EQ(got.address, "一路 1 号");
  EXPECT_EQ(got.grid_cell, "G7");
  ASSERT_TRUE(got.lat);
  EXPECT_DOUBLE_EQ(*got.lat, 31.2);

  d.name = "新站台";
  d.unit = "D1";
  service::Site updated = s_->sites.update(office_, d, 1);
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(s_->sites.get(office_, "S3").name, "新站台");
  EXPECT_THROW(s_->sites.update(office_, d, 1), Conflict);  // stale version

  s_->sites.remove(office_, "S3");
  EXPECT_THROW(s_->sites.get(office_, "S3"), NotFound);
}

TEST_P(SiteServiceTest, RefusesBadInputOutOfScopeAndWrongRole) {
  auto field_of = [&](SiteDraft d) {
    try {
      s_->sites.create(office_, d);
    } catch (const Error& e) {
      return std::string(e.field());
    }
    return std::string("<none>");
  };
  EXPECT_EQ(field_of({"S9", "x", "医院", "D1", {}, {}, "", ""}), "type");    // not a framework type
  EXPECT_EQ(field_of({"S9", "x", "主干道", "D2", {}, {}, "", ""}), "unit");  // D2 is outside D1's scope
  EXPECT_EQ(field_of({"S9", "x", "主干道", "NOPE", {}, {}, "", ""}), "unit");
  EXPECT_EQ(field_of({"S9", "x", "主干道", "D1", 95.0, 120.0, "", ""}), "lat");
  EXPECT_EQ(field_of({"S9", "x", "主干道", "D1", 30.0, {}, "", ""}), "lon");
  EXPECT_EQ(field_of({"S 9", "x", "主干道", "D1", {}, {}, "", ""}), "code");
  EXPECT_EQ(field_of({"S1", "x", "主干道", "D1", {}, {}, "", ""}), "code");  // exists (Conflict)
  EXPECT_THROW(s_->sites.create(officer_, {"S9", "x", "主干道", "D1", {}, {}, "", ""}), Forbidden);
  // S2 belongs to D2: outside the office's scope, as if it did not exist.
  EXPECT_THROW(s_->sites.get(office_, "S2"), NotFound);
  EXPECT_THROW(s_->sites.update(office_, {"S2", "x", "农贸市场", "D1", {}, {}, "", ""}, 1), NotFound);
  EXPECT_THROW(s_->sites.remove(office_, "S2"), NotFound);
}

TEST_P(SiteServiceTest, SiteWithInspectionsCannotBeDeleted) {
  EXPECT_THROW(s_->sites.remove(office_, "S1"), Conflict);
  EXPECT_NO_THROW(s_->sites.get(office_, "S1"));
}

TEST_P(SiteServiceTest, ImportIsAllOrNothingWithRowErrors) {
  std::string bad =
      "code,name,type,unit,lat,lon\n"
      "S10,甲,主干道,D1,31,121\n"
      "S11,乙,医院,D1,31,121\n"     // bad type
      "S12,丙,主干道,D2,31,121\n"   // out of scope
      "S13,丁,主干道,XX,31,121\n"   // unknown unit
      "S10,戊,主干道,D1,31,121\n";  // duplicate code
  try {
    s_->sites.import_csv(office_, bad);
    FAIL() << "expected InvalidTable";
  } catch (const InvalidTable& e) {
    EXPECT_EQ(e.field(), "file");
    EXPECT_STREQ(e.what(), "4 rows have errors");
    ASSERT_EQ(e.errors.size(), 4u);
    EXPECT_EQ(e.errors[0].row, 3);
    EXPECT_EQ(e.errors[0].column, "type");
    EXPECT_EQ(e.errors[1].row, 4);
    EXPECT_EQ(e.errors[1].column, "unit");
    EXPECT_EQ(e.errors[2].row, 5);
    EXPECT_EQ(e.errors[3].row, 6);
    EXPECT_EQ(e.errors[3].column, "code");
  }
  EXPECT_THROW(s_->sites.get(office_, "S10"), NotFound);  // nothing written

  auto before = revisions();
  std::string good =
      "\xEF\xBB\xBF点位编号,点位名称,点位类型,责任单位,纬度,经度,地址,网格\r\n"
      "S10,甲,主干道,D1,31,121,一路,G1\r\n"
      "S1,主街（改）,主干道,D1-S1,,,,\r\n";
  SiteImportSummary summary = s_->sites.import_csv(office_, good);
  EXPECT_EQ(summary.created, 1);
  EXPECT_EQ(summary.updated, 1);
  EXPECT_GT(revisions().structure, before.structure);
  service::Site s1 = s_->sites.get(office_, "S1");
  EXPECT_EQ(s1.name, "主街（改）");
  EXPECT_EQ(s1.unit, "D1-S1");
  EXPECT_EQ(s1.version, 2);

  // An import may not touch a code that belongs to a site outside scope.
  EXPECT_THROW(s_->sites.import_csv(office_, "code,name,type,unit\nS2,x,农贸市场,D1\n"), InvalidTable);
}

TEST_P(SiteServiceTest, ExportRoundTripsAndSiteTypesCount) {
  s_->sites.create(office_, {"S3", "站台, 北", "公交站", "D1-S1", 31.25, 121.5, "路\"口\"", "G2"});
  std::string csv = s_->sites.export_csv(office_, {}, false);
  SiteTable table = parse_site_table(csv);
  ASSERT_TRUE(table.errors.empty());
  ASSERT_EQ(table.rows.size(), 2u);  // S1 and S3; S2 is outside D1
  EXPECT_EQ(table.rows[1].name, "站台, 北");
  EXPECT_EQ(table.rows[1].address, "路\"口\"");
  // Re-importing the export changes nothing but versions.
  SiteImportSummary again = s_->sites.import_csv(office_, csv);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.updated, 2);

  auto types = s_->sites.site_types(office_, "");
  ASSERT_EQ(types.size(), 3u);
  EXPECT_EQ(types[0].type, "主干道");
  EXPECT_EQ(types[0].site_count, 1);
  EXPECT_EQ(types[1].type, "公交站");
  EXPECT_EQ(types[1].site_count, 1);
  EXPECT_EQ(types[2].type, "农贸市场");
  EXPECT_EQ(types[2].site_count, 0);  // S2 is outside the office's scope
  EXPECT_EQ(s_->sites.site_types(Principal::cli(), "2026H1")[2].site_count, 1);
}

}  // namespace
}  // namespace civic::service
