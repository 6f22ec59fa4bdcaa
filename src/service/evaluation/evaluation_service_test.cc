#include "service/evaluation/evaluation_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <filesystem>

#include "bundle/bundle_dataset.h"
#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/score_report.h"
#include "bundle/synthetic_city.h"
#include "bundle/test_files.h"
#include "domain/core/error.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using store::TestDatabase;

std::string read_file(const fs::path& p) {
  return bundle::testing::read_text(p.string()).value_or("");
}

using bundle::testing::json_diff;

std::vector<fs::path> vector_dirs() {
  std::vector<fs::path> dirs;
  fs::path root = fs::path(CIVIC_SHARED_DIR) / "testdata" / "scoring";
  if (!fs::exists(root)) return dirs;
  for (const auto& e : fs::directory_iterator(root)) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

// The worked example of scoring.md, kept in the repository (src/bundle/testdata/README.md): the tests that
// need a bundle as a fixture rather than the scoring contract read it, so they never skip.
fs::path worked_bundle() {
  return fs::path(CIVIC_SOURCE_DIR) / "src" / "bundle" / "testdata" / "worked_bundle.json";
}

class EvaluationServiceTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_);
  }
  void fresh() {
    s_.reset();
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_);
  }

  ManualClock clock_{1780000000000};
  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<Services> s_;
};
CIVIC_INSTANTIATE_BACKENDS(EvaluationServiceTest);

// bundle.md: scores computed after importing a bundle equal the scores computed from the bundle itself;
// the shared vectors hold the latter, computed from the spec.
TEST_P(EvaluationServiceTest, ImportedVectorsScoreAsTheSpecSays) {
  auto dirs = vector_dirs();
  if (dirs.empty()) GTEST_SKIP() << "no shared scoring vectors";
  int checked = 0;
  for (const auto& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    fresh();
    s_->evaluation.import_bundle(Principal::cli(), bundle::read_bundle_file((dir / "bundle.json").string()));
    json::value expected = json::parse(read_file(dir / "expected.json"));
    for (const auto& q : expected.as_array()) {
      const auto& o = q.as_object();
      std::string unit(o.at("unit").as_string()), period(o.at("period").as_string());
      auto scored = s_->evaluation.scores(Principal::cli(), period);
      json::value got = bundle::score_report_json(*scored->scores, scored->unit(Principal::cli(), unit),
                                                  o.at("weak_threshold").to_number<double>());
      EXPECT_EQ(json_diff(o.at("result"), got), "") << unit << " " << period;
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

TEST_P(EvaluationServiceTest, ExportReimportsToIdenticalScores) {
  auto dirs = vector_dirs();
  if (dirs.empty()) GTEST_SKIP() << "no shared scoring vectors";
  const fs::path dir = dirs.back();
  s_->evaluation.import_bundle(Principal::cli(), bundle::read_bundle_file((dir / "bundle.json").string()));
  auto first = s_->evaluation.scores(Principal::cli(), "2026H1");
  json::value before = bundle::score_report_json(*first->scores, first->unit(Principal::cli(), "C"), 0.85);
  std::string exported = bundle::write_bundle(s_->evaluation.export_period(Principal::cli(), "2026H1"));

  fresh();
  s_->evaluation.import_bundle(Principal::cli(), bundle::read_bundle(exported));
  auto second = s_->evaluation.scores(Principal::cli(), "2026H1");
  json::value after = bundle::score_report_json(*second->scores, second->unit(Principal::cli(), "C"), 0.85);
  EXPECT_EQ(json_diff(before, after), "");
  EXPECT_EQ(before, after);
}

TEST_P(EvaluationServiceTest, RejectedImportChangesNothing) {
  std::string text = read_file(worked_bundle());
  ASSERT_FALSE(text.empty()) << worked_bundle();
  s_->evaluation.import_bundle(Principal::cli(), bundle::read_bundle(text));
  auto before = s_->evaluation.scores(Principal::cli(), "2026H1");
  long long revision = before->revision;

  // The same inspections again: the whole import is refused, naming the first repeated one.
  try {
    s_->evaluation.import_bundle(Principal::cli(), bundle::read_bundle(text));
    FAIL() << "a second import of the same inspections was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "inspections[0].id");
  }
  auto after = s_->evaluation.scores(Principal::cli(), "2026H1");
  EXPECT_EQ(after->revision, revision);
  EXPECT_EQ(after->dataset.inspection_id.size(), before->dataset.inspection_id.size());
}

TEST_P(EvaluationServiceTest, ScoresAreRefreshedAfterNewEvidenceAndScopedToTheCaller) {
  auto worked = bundle::read_bundle_file(worked_bundle().string());
  s_->evaluation.import_bundle(Principal::cli(), worked);
  auto cli = Principal::cli();
  auto first = s_->evaluation.scores(cli, "2026H1");
  EXPECT_EQ(s_->evaluation.scores(cli, "2026H1").get(), first.get());  // cached while nothing changed

  // One more failing inspection at S1 (主干道, D1): the city's field item A1.1.1 drops.
  bundle::Bundle more;
  more.framework = worked.framework;
  more.units = worked.units;
  more.sites = worked.sites;
  more.periods = worked.periods;
  more.inspections.push_back(Inspection{"I-new", "S1", *parse_iso_date("2026-04-01"), {{"c1", 8}}});
  s_->evaluation.import_bundle(cli, more);
  auto second = s_->evaluation.scores(cli, "2026H1");
  ASSERT_NE(second.get(), first.get());
  EXPECT_TRUE(second->loaded_incrementally);  // only an inspection came: added, not reloaded
  int c = second->unit(cli, "C"), item = second->dataset.item_index("A1.1.1");
  EXPECT_DOUBLE_EQ(first->scores->item(c, item).score, 2.5);
  EXPECT_DOUBLE_EQ(second->scores->item(c, item).score, (3.0 + 2.0 + 0.0) / 3);

  // A unit officer of D1 sees D1, not D2 or the city.
  s_->users.add(cli, {"d1officer", "D1 officer", "D1", {Role::unit_officer}, std::string("Civic@2026x")});
  Principal officer = s_->auth.login("d1officer", "Civic@2026x", "10.0.0.1").principal;
  auto scoped = s_->evaluation.scores(officer, "2026H1");
  EXPECT_NO_THROW(scoped->unit(officer, "D1"));
  EXPECT_THROW(scoped->unit(officer, "D2"), NotFound);
  EXPECT_THROW(scoped->unit(officer, "C"), NotFound);
  // Roles without read_scores are refused outright.
  s_->users.add(cli, {"sysadmin", "Sys", "C", {Role::system_admin}, std::string("Civic@2026x")});
  Principal sys = s_->auth.login("sysadmin", "Civic@2026x", "10.0.0.1").principal;
  EXPECT_THROW(s_->evaluation.scores(sys, "2026H1"), Forbidden);
  EXPECT_THROW(s_->evaluation.import_bundle(officer, more), Forbidden);
}

TEST_P(EvaluationServiceTest, ChangedFrameworkBecomesANewVersionAndFrozenPeriodsRefuseIt) {
  auto worked = bundle::read_bundle_file(worked_bundle().string());
  auto s1 = s_->evaluation.import_bundle(Principal::cli(), worked);
  EXPECT_EQ(s1.framework_version, 1);
  EXPECT_TRUE(s1.framework_created);

  bundle::Bundle changed;
  changed.framework = worked.framework;
  changed.framework.aspects[0].indicators[0].items[0].max_score = 5;
  changed.units = worked.units;
  changed.periods = {civic::Period{"2027H1", *parse_iso_date("2027-01-01"), *parse_iso_date("2027-06-30")}};
  auto s2 = s_->evaluation.import_bundle(Principal::cli(), changed);
  EXPECT_EQ(s2.framework_version, 2);
  EXPECT_EQ(s_->evaluation.framework(Principal::cli(), worked.framework.code, 1)
                .aspects[0]
                .indicators[0]
                .items[0]
                .max_score,
            4);
  EXPECT_EQ(s_->evaluation.framework(Principal::cli(), worked.framework.code)
                .aspects[0]
                .indicators[0]
                .items[0]
                .max_score,
            5);

  // Each period names the version it is scored with, not the newest one.
  std::map<std::string, int> versions;
  for (const auto& p : s_->evaluation.periods(Principal::cli())) versions[p.code] = p.framework_version;
  EXPECT_EQ(versions["2026H1"], 1);
  EXPECT_EQ(versions["2027H1"], 2);
  auto listed = s_->evaluation.frameworks(Principal::cli());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].version, 2);

  changed.periods = worked.periods;  // 2026H1 is frozen with version 1
  try {
    s_->evaluation.import_bundle(Principal::cli(), changed);
    FAIL() << "a frozen period accepted another framework version";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "framework");
  }
}

TEST_P(EvaluationServiceTest, AnExistingUnitUnderAnotherParentIsRefused) {
  auto worked = bundle::read_bundle_file(worked_bundle().string());
  s_->evaluation.import_bundle(Principal::cli(), worked);

  bundle::Bundle moved;
  moved.framework = worked.framework;
  moved.units = worked.units;  // C, D1 (under C), D2 (under C)
  moved.units[1].parent = "D2";
  try {
    s_->evaluation.import_bundle(Principal::cli(), moved);
    FAIL() << "a unit moved under another parent was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "units[1].parent");
    EXPECT_NE(std::string(e.what()).find("already exists under \"C\""), std::string::npos) << e.what();
  }
}

TEST_P(EvaluationServiceTest, SitesAreListedWithinScopeAndFiltered) {
  s_->evaluation.import_bundle(Principal::cli(), bundle::read_bundle_file(worked_bundle().string()));
  auto cli = Principal::cli();
  auto codes = [](const Page<service::Site>& page) {
    std::vector<std::string> out;
    for (const auto& s : page.items) out.push_back(s.code);
    return out;
  };
  EXPECT_EQ(codes(s_->sites.search(cli, {}, {})), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(codes(s_->sites.search(cli, {"", "农贸市场", ""}, {})), (std::vector<std::string>{"S2"}));
  EXPECT_EQ(codes(s_->sites.search(cli, {"", "", "2"}, {})), (std::vector<std::string>{"S2"}));
  EXPECT_TRUE(s_->sites.search(cli, {"", "", "%"}, {}).items.empty());  // LIKE wildcards are literal
  auto paged = s_->sites.search(cli, {}, {2, 1});
  EXPECT_EQ(paged.total, 2);
  EXPECT_EQ(codes(paged), (std::vector<std::string>{"S2"}));

  s_->users.add(cli, {"d1officer", "D1 officer", "D1", {Role::unit_officer}, std::string("Civic@2026x")});
  Principal officer = s_->auth.login("d1officer", "Civic@2026x", "10.0.0.1").principal;
  EXPECT_EQ(codes(s_->sites.search(officer, {}, {})), (std::vector<std::string>{"S1"}));
  EXPECT_THROW(s_->sites.search(officer, {"D2", "", ""}, {}), NotFound);
  EXPECT_THROW(s_->sites.search(officer, {"NOPE", "", ""}, {}), NotFound);
}

// Every number of every unit, `got` against `want` (a from-scratch score of the same evidence), by unit code.
int count_differences(const scoring::PeriodScores& want, const scoring::PeriodScores& got) {
  const scoring::ScoringDataset &a = want.data(), &b = got.data();
  int differences = 0;
  auto close = [](double x, double y) { return std::fabs(x - y) < 1e-9; };
  for (int u = 0; u < a.unit_count(); ++u) {
    const int v = b.unit_index(a.unit_code[u]);
    if (v < 0) {
      ++differences;
      continue;
    }
    for (int i = 0; i < a.item_count(); ++i) {
      const auto &x = want.item(u, i), &y = got.item(v, i);
      if (x.assessed != y.assessed || x.n != y.n || !close(x.score, y.score)) ++differences;
    }
    const auto &x = want.total(u), &y = got.total(v);
    if (!close(x.score, y.score) || !close(x.assessed_max, y.assessed_max) || !close(x.total(), y.total())) {
      ++differences;
    }
  }
  return differences;
}

TEST_P(EvaluationServiceTest, NewInspectionsAndResponsesAloneAreAddedWithoutAReload) {
  const bundle::Bundle city = bundle::synthetic_city(bundle::synthetic_framework(), bundle::small_scale());
  bundle::Bundle base = city, more;
  more.framework = city.framework;
  more.units = city.units;
  more.sites = city.sites;
  more.periods = city.periods;
  base.inspections.clear();
  base.responses.clear();
  for (size_t i = 0; i < city.inspections.size(); ++i)
    (i % 11 == 0 ? more.inspections : base.inspections).push_back(city.inspections[i]);
  for (size_t i = 0; i < city.responses.size(); ++i)
    (i % 11 == 0 ? more.responses : base.responses).push_back(city.responses[i]);
  ASSERT_FALSE(more.inspections.empty());
  ASSERT_FALSE(more.responses.empty());

  auto cli = Principal::cli();
  s_->evaluation.import_bundle(cli, base);
  auto first = s_->evaluation.scores(cli, "2026H1");
  EXPECT_FALSE(first->loaded_incrementally);
  const size_t first_rows = first->dataset.inspection_id.size();

  s_->evaluation.import_bundle(cli, more);
  auto second = s_->evaluation.scores(cli, "2026H1");
  EXPECT_TRUE(second->loaded_incrementally);
  EXPECT_GT(second->rows_added, 0);
  EXPECT_EQ(first->dataset.inspection_id.size(), first_rows);  // the old one is untouched
  const scoring::ScoringDataset scratch = bundle::build_dataset(city);
  for (const auto& period : city.periods) {
    SCOPED_TRACE(period.code);
    auto scored = s_->evaluation.scores(cli, period.code);
    const scoring::PeriodScores want(scratch, scratch.period_index(period.code));
    EXPECT_EQ(count_differences(want, *scored->scores), 0);
  }
  // Another server on the same database, with nothing cached, agrees.
  Services other(t_->db(), clock_);
  auto fresh_read = other.evaluation.scores(cli, "2026H1");
  EXPECT_FALSE(fresh_read->loaded_incrementally);
  const scoring::PeriodScores want(scratch, scratch.period_index("2026H1"));
  EXPECT_EQ(count_differences(want, *fresh_read->scores), 0);

  // Anything else (here a penalty) reloads the period.
  bundle::Bundle penalty;
  penalty.framework = city.framework;
  penalty.units = city.units;
  penalty.periods = city.periods;
  penalty.penalties.push_back(
      PenaltyEvent{"P-new", city.units.back().code, "2026H1", 1.5, false, std::nullopt});
  s_->evaluation.import_bundle(cli, penalty);
  auto third = s_->evaluation.scores(cli, "2026H1");
  EXPECT_FALSE(third->loaded_incrementally);
  EXPECT_GT(third->revision, second->revision);
}

// Row counts of the evidence tables and the revision counters, to show a refused import wrote nothing.
std::vector<long long> evidence_rows(store::Database& db) {
  auto l = db.lease();
  std::vector<long long> out;
  for (const char* query : {"SELECT COUNT(*) FROM sites", "SELECT COUNT(*) FROM inspections",
                            "SELECT COUNT(*) FROM inspection_results", "SELECT COUNT(*) FROM responses",
                            "SELECT COUNT(*) FROM response_answers", "SELECT COUNT(*) FROM statistic_values",
                            "SELECT COUNT(*) FROM material_grades", "SELECT COUNT(*) FROM penalty_events",
                            "SELECT revision FROM evaluation_revision WHERE id = 1",
                            "SELECT structure_revision FROM evaluation_revision WHERE id = 1"}) {
    long long n = -1;
    *l << query, soci::into(n);
    out.push_back(n);
  }
  return out;
}

// A city big enough that its evidence goes in several bulk batches (store/core/bulk_insert.h).
bundle::Bundle bulk_city() {
  bundle::SyntheticScale scale = bundle::small_scale();
  scale.inspections = 2600;
  scale.responses = 2300;
  return bundle::synthetic_city(bundle::synthetic_framework(), scale);
}

// issue 22: the last inspection of a large bundle was imported before. The import is refused naming it,
// and no row of the bundle is left: not its new sites (already written in bulk when inspections are
// checked), nor any inspection, result or response.
TEST_P(EvaluationServiceTest, AnErrorInTheLastInspectionLeavesNoRowOfTheBundle) {
  const bundle::Bundle city = bulk_city();
  ASSERT_GT(city.inspections.size(), 2600u);
  bundle::Bundle first;
  first.framework = city.framework;
  first.units = city.units;
  first.periods = city.periods;
  first.inspections.push_back(city.inspections.back());
  for (const auto& site : city.sites) {
    if (site.code == city.inspections.back().site) first.sites.push_back(site);
  }
  ASSERT_EQ(first.sites.size(), 1u);
  auto cli = Principal::cli();
  s_->evaluation.import_bundle(cli, first);
  const auto before = evidence_rows(t_->db());
  EXPECT_EQ(before[0], 1);  // one site
  EXPECT_EQ(before[1], 1);  // one inspection

  try {
    s_->evaluation.import_bundle(cli, city);
    FAIL() << "a bundle repeating an imported inspection was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "inspections[" + std::to_string(city.inspections.size() - 1) + "].id");
    EXPECT_EQ(e.key().key, "bundle.inspection.imported");
  }
  EXPECT_EQ(evidence_rows(t_->db()), before);
}

// The same when the refusal comes after every inspection and response was written in bulk: the last
// statistic of the bundle was imported before; nothing of the bundle stays.
TEST_P(EvaluationServiceTest, AnErrorAfterTheBulkWritesRollsThemBack) {
  const bundle::Bundle city = bulk_city();
  ASSERT_FALSE(city.statistics.empty());
  bundle::Bundle first;
  first.framework = city.framework;
  first.units = city.units;
  first.periods = city.periods;
  first.statistics.push_back(city.statistics.back());
  auto cli = Principal::cli();
  s_->evaluation.import_bundle(cli, first);
  const auto before = evidence_rows(t_->db());
  EXPECT_EQ(before[0], 0);
  EXPECT_EQ(before[5], 1);

  try {
    s_->evaluation.import_bundle(cli, city);
    FAIL() << "a bundle repeating an imported statistic was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "statistics[" + std::to_string(city.statistics.size() - 1) + "].metric");
  }
  EXPECT_EQ(evidence_rows(t_->db()), before);

  // Without the repeated statistic the same bundle goes in whole.
  bundle::Bundle rest = city;
  rest.statistics.pop_back();
  auto summary = s_->evaluation.import_bundle(cli, rest);
  EXPECT_EQ(summary.inspections, static_cast<int>(city.inspections.size()));
  EXPECT_EQ(summary.responses, static_cast<int>(city.responses.size()));
  EXPECT_EQ(summary.sites_created, static_cast<int>(city.sites.size()));
  auto after = evidence_rows(t_->db());
  size_t results = 0, answers = 0;
  for (const auto& r : city.inspections) results += r.results.size();
  for (const auto& r : city.responses) answers += r.answers.size();
  EXPECT_EQ(after[1], static_cast<long long>(city.inspections.size()));
  EXPECT_EQ(after[2], static_cast<long long>(results));
  EXPECT_EQ(after[3], static_cast<long long>(city.responses.size()));
  EXPECT_EQ(after[4], static_cast<long long>(answers));
  // What was written reads back as the bundle: scores equal those computed from the bundle itself.
  const scoring::ScoringDataset scratch = bundle::build_dataset(city);
  auto scored = s_->evaluation.scores(cli, "2026H1");
  const scoring::PeriodScores want(scratch, scratch.period_index("2026H1"));
  EXPECT_EQ(count_differences(want, *scored->scores), 0);
}

}  // namespace
}  // namespace civic::service
