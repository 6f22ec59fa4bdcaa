// The period lifecycle (evidence.md "Periods") on both backends: creation rules (unique codes, ordered
// dates, no overlap within a framework, an existing framework version), closing that freezes evidence and
// scores (the snapshot), and reopening that needs a reason and is audited.
#include "service/evaluation/period_service.h"

#include <gtest/gtest.h>

#include "bundle/bundle_reader.h"
#include "bundle/test_files.h"
#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "service/core/services.h"
#include "service/evaluation/period_guard.h"
#include "store/core/store_test_backends.h"
#include "store/evaluation/evaluation_repository.h"

namespace civic::service {
namespace {

using store::TestDatabase;

std::string worked_path() {
  return std::string(CIVIC_SOURCE_DIR) + "/src/bundle/testdata/worked_bundle.json";
}

class PeriodServiceTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_);
    worked_ = bundle::read_bundle_file(worked_path());
    s_->evaluation.import_bundle(cli_, worked_);
    s_->users.add(cli_, {"office1", "Office", "C", {Role::office}, std::string("Civic@2026x")});
    s_->users.add(cli_, {"officer1", "Officer", "D1", {Role::unit_officer}, std::string("Civic@2026x")});
    office_ = s_->auth.login("office1", "Civic@2026x", "10.0.0.1").principal;
    officer_ = s_->auth.login("officer1", "Civic@2026x", "10.0.0.1").principal;
  }

  double city_score(const std::string& period) {
    auto scored = s_->evaluation.scores(cli_, period);
    return scored->scores->total(scored->unit(cli_, "C")).score;
  }

  NewPeriod period(const std::string& code, const std::string& start, const std::string& end,
                   int version = 1) {
    return NewPeriod{code, "周期 " + code, start, end, "worked", version};
  }

  ManualClock clock_{1780000000000};
  Principal cli_ = Principal::cli();
  Principal office_, officer_;
  bundle::Bundle worked_;
  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<Services> s_;
};
CIVIC_INSTANTIATE_BACKENDS(PeriodServiceTest);

TEST_P(PeriodServiceTest, CreatesPeriodsOnAStoredVersionWithoutOverlap) {
  Period p = s_->periods.create(office_, period("2026H2", "2026-07-01", "2026-12-31"));
  EXPECT_EQ(p.code, "2026H2");
  EXPECT_EQ(p.name, "周期 2026H2");
  EXPECT_EQ(p.state, "open");
  EXPECT_EQ(p.framework_code, "worked");
  EXPECT_EQ(p.framework_version, 1);
  EXPECT_FALSE(p.closed_at);
  auto listed = s_->evaluation.periods(office_);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1].code, "2026H2");
  EXPECT_EQ(listed[1].name, "周期 2026H2");

  // Codes are unique; periods of one framework do not overlap (inclusive dates: a shared day overlaps).
  EXPECT_THROW(s_->periods.create(office_, period("2026H2", "2027-01-01", "2027-06-30")), Conflict);
  try {
    s_->periods.create(office_, period("X", "2026-12-31", "2027-03-31"));
    FAIL() << "an overlapping period was created";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.key().key, "period.overlap");
  }
  // Dates in order, the framework version must exist.
  EXPECT_THROW(s_->periods.create(office_, period("Y", "2027-06-30", "2027-01-01")), InvalidInput);
  EXPECT_THROW(s_->periods.create(office_, period("Y", "2027-13-01", "2027-12-31")), InvalidInput);
  try {
    s_->periods.create(office_, period("Y", "2027-01-01", "2027-06-30", 9));
    FAIL() << "a period on a missing version was created";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "version");
  }
  // Only the office manages periods.
  EXPECT_THROW(s_->periods.create(officer_, period("Z", "2027-01-01", "2027-06-30")), Forbidden);
  EXPECT_THROW(s_->periods.close(officer_, "2026H2"), Forbidden);
  EXPECT_EQ(s_->evaluation.periods(office_).size(), 2u);  // nothing refused was stored
}

TEST_P(PeriodServiceTest, AClosedPeriodRefusesEvidenceAndKeepsItsScores) {
  double before = city_score("2026H1");
  Period closed = s_->periods.close(office_, "2026H1");
  EXPECT_EQ(closed.state, "closed");
  EXPECT_EQ(closed.closed_at, clock_.now_ms());
  EXPECT_EQ(closed.closed_by, "office1");
  EXPECT_THROW(s_->periods.close(office_, "2026H1"), Conflict);

  // A bundle bringing evidence into the closed period: 409, nothing stored.
  bundle::Bundle more;
  more.framework = worked_.framework;
  more.units = worked_.units;
  more.sites = worked_.sites;
  more.periods = worked_.periods;
  more.inspections.push_back(Inspection{"I-late", "S1", *parse_iso_date("2026-04-01"), {{"c1", 8}}});
  try {
    s_->evaluation.import_bundle(cli_, more);
    FAIL() << "a bundle was imported into a closed period";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.key().key, "period.closed");
    EXPECT_EQ(e.field(), "period");
  }
  // Evidence that reaches the tables anyway (a writer without the guard) does not move the closed scores.
  t_->db().transact([&](soci::session& sql) {
    store::EvaluationRepository repo(sql);
    repo.bump_revision();
    repo.insert_inspection(more.inspections[0], *repo.site_id("S1"), clock_.now_ms());
    repo.bump_structure_revision();
  });
  EXPECT_DOUBLE_EQ(city_score("2026H1"), before);
  // The guard every evidence writer calls.
  EXPECT_THROW(t_->db().transact([&](soci::session& sql) { require_open_period(sql, "2026H1"); }), Conflict);
  EXPECT_THROW(t_->db().transact([&](soci::session& sql) { require_open_period(sql, "NOPE"); }), NotFound);

  // Reopened, the period is scored from the tables again and takes the late inspection.
  s_->periods.reopen(office_, "2026H1", "复核发现漏录");
  EXPECT_NE(city_score("2026H1"), before);
  EXPECT_NO_THROW(t_->db().transact([&](soci::session& sql) { require_open_period(sql, "2026H1"); }));
}

TEST_P(PeriodServiceTest, ReopeningNeedsAReasonAndIsAudited) {
  EXPECT_THROW(s_->periods.reopen(office_, "2026H1", "x"), Conflict);  // not closed
  s_->periods.close(office_, "2026H1");
  try {
    s_->periods.reopen(office_, "2026H1", "  ");
    FAIL() << "reopened without a reason";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "reason");
  }
  EXPECT_EQ(s_->periods.get(office_, "2026H1").state, "closed");
  Period reopened = s_->periods.reopen(office_, "2026H1", "申诉复核");
  EXPECT_EQ(reopened.state, "open");
  EXPECT_FALSE(reopened.closed_at);

  AuditFilter filter;
  filter.action = "period.reopen";
  auto records = s_->audit.list(cli_, filter, {1, 20}).items;
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].actor, "office1");
  EXPECT_EQ(records[0].object_id, "2026H1");
  EXPECT_NE(records[0].after.find("申诉复核"), std::string::npos);
  filter.action = "period.close";
  EXPECT_EQ(s_->audit.list(cli_, filter, {1, 20}).items.size(), 1u);
}

}  // namespace
}  // namespace civic::service
