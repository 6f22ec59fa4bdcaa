// Rounds (reproducible draw, assignment scope) and inspections (submit → scores and cases, idempotent
// retries, corrections, drafts) on SQLite and PostgreSQL.
#include "service/inspections/inspection_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <thread>

#include "bundle/bundle_reader.h"
#include "bundle/score_report.h"
#include "domain/core/error.h"
#include "domain/files/test_images.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

namespace json = boost::json;
using store::TestDatabase;

const char* kPassword = "Civic@2026x";

// C ─┬─ D1 ─┬─ D1-S1: roads R1…R6        items A1.1.1 (checks K1 主干道 only, K2 any type),
//    │      └─ D1-S2: markets M1…M4      A1.1.2 (K3 农贸市场 only), A1.1.3 material
//    └─ D2: roads R7…R9, market M5
std::string city_bundle() {
  std::string sites;
  auto site = [&](const std::string& code, const std::string& type, const std::string& unit) {
    if (!sites.empty()) sites += ",";
    sites += R"({"code":")" + code + R"(","name":")" + code + R"(点位","type":")" + type + R"(","unit":")" +
             unit + R"(","lat":45.1,"lon":126.5})";
  };
  for (int i = 1; i <= 6; ++i) site("R" + std::to_string(i), "主干道", "D1-S1");
  for (int i = 1; i <= 4; ++i) site("M" + std::to_string(i), "农贸市场", "D1-S2");
  for (int i = 7; i <= 9; ++i) site("R" + std::to_string(i), "主干道", "D2");
  site("M5", "农贸市场", "D2");
  return R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面",
    "indicators":[{"code":"A1.1","name":"指标","items":[
      {"code":"A1.1.1","name":"公共场所秩序","max_score":4,"method":"field","checks":[
        {"code":"K1","text":"无乱扔垃圾","deduct":1,"site_types":["主干道"]},
        {"code":"K2","text":"无占道经营","deduct":1,"photo_required":false}]},
      {"code":"A1.1.2","name":"农贸市场","max_score":2,"method":"field","checks":[
        {"code":"K3","text":"无活禽宰杀","deduct":0.5,"site_types":["农贸市场"]}]},
      {"code":"A1.1.3","name":"制度","max_score":1,"method":"material"}]}]}]},
    "units":[{"code":"C","parent":null},{"code":"D1","parent":"C"},{"code":"D2","parent":"C"},
             {"code":"D1-S1","parent":"D1"},{"code":"D1-S2","parent":"D1"}],
    "sites":[)" +
         sites + R"(],
    "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}]})";
}

class InspectionTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_);
    s_->evaluation.import_bundle(Principal::cli(), bundle::read_bundle(city_bundle()));
    add_user("office1", "C", Role::office);
    add_user("insp1", "C", Role::inspector);
    add_user("insp2", "C", Role::inspector);
    add_user("insp3", "D2", Role::inspector);
    office_ = sign_in("office1");
    insp1_ = sign_in("insp1");
    insp2_ = sign_in("insp2");
    photo_ = s_->photos.add_photo(insp1_, civic::testing::tiny_png()).id;
  }

  void add_user(const std::string& name, const std::string& unit, Role role) {
    s_->users.add(Principal::cli(), {name, name, unit, {role}, std::string(kPassword)});
  }
  Principal sign_in(const std::string& name) { return s_->auth.login(name, kPassword, "10.0.0.9").principal; }

  RoundView make_round(const std::string& code, std::optional<std::string> seed = "12345") {
    NewRound r;
    r.code = code;
    r.name = "第一轮";
    r.period = "2026H1";
    r.under = "C";
    r.default_sample_size = 2;
    r.seed = seed;
    return s_->rounds.create(office_, r);
  }
  std::vector<std::string> sample(const std::string& round) {
    std::vector<std::string> out;
    for (const auto& s : s_->rounds.sites(office_, round, {}, {1, 200}).items) out.push_back(s.site);
    return out;
  }
  // A round whose roads R1…R6 of D1-S1 are all sampled, the first `n` assigned to insp1.
  std::vector<std::string> road_round(const std::string& code, int n = 2) {
    NewRound r;
    r.code = code;
    r.name = "道路";
    r.period = "2026H1";
    r.under = "D1";
    r.strata = {{"D1-S1", "主干道", 6}};
    r.seed = "7";
    s_->rounds.create(office_, r);
    std::vector<Assignment> a;
    auto sites = sample(code);
    for (int i = 0; i < n; ++i) a.push_back({sites[i], "insp1"});
    s_->rounds.assign(office_, code, a, {});
    return sites;
  }
  SubmitInspection submission(const std::string& client_id, const std::string& round, const std::string& site,
                              std::optional<int> k1 = 2, std::optional<int> k2 = 0) {
    SubmitInspection in;
    in.client_id = client_id;
    in.round = round;
    in.site = site;
    in.inspected_at = clock_.now_ms() - 3600 * 1000;
    in.gps = GpsFix{45.1, 126.5, 8.0};
    in.note = "上午检查";
    // A failure of K1 needs a photo (K2 is photo_required: false).
    std::vector<std::string> k1_photos;
    if (k1 && *k1 > 0) k1_photos = {photo_};
    in.results = {{"K1", k1, "垃圾两处", k1_photos}, {"K2", k2, "", {}}};
    return in;
  }
  // The D1 report's item A1.1.1 (score, n).
  json::object item(const std::string& unit, const std::string& code) {
    auto scored = s_->evaluation.scores(Principal::cli(), "2026H1");
    json::value report =
        bundle::score_report_json(*scored->scores, scored->unit(Principal::cli(), unit), 0.85);
    for (const auto& a : report.at("aspects").as_array()) {
      for (const auto& i : a.at("indicators").as_array()) {
        for (const auto& it : i.at("items").as_array()) {
          if (it.at("code").as_string() == code) return it.as_object();
        }
      }
    }
    return {};
  }
  long long inspections_total() { return s_->inspections.list(office_, {}, {1, 20}).total; }

  ManualClock clock_{1772323200000 + 30LL * 24 * 3600 * 1000};  // 2026-03-31
  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<Services> s_;
  Principal office_, insp1_, insp2_;
  std::string photo_;  // a stored photo for the failures of K1
};
CIVIC_INSTANTIATE_BACKENDS(InspectionTest);

TEST_P(InspectionTest, TheDrawIsReproducibleStratifiedAndItsSeedRecorded) {
  RoundView a = make_round("R-A");
  EXPECT_EQ(a.round.seed, "12345");
  // strata: D1 × {主干道 6, 农贸市场 4}, D2 × {主干道 3, 农贸市场 1}; size 2 capped at the population
  ASSERT_EQ(a.strata.size(), 4u);
  long long total = 0;
  for (const auto& s : a.strata) {
    EXPECT_EQ(s.sample_size, std::min(2LL, s.population)) << s.unit << s.site_type;
    total += s.sample_size;
  }
  EXPECT_EQ(total, 7);
  EXPECT_EQ(a.round.sample_total, 7);
  EXPECT_EQ(sample("R-A").size(), 7u);

  make_round("R-B");
  EXPECT_EQ(sample("R-A"), sample("R-B"));  // same sites, seed and strata
  make_round("R-C", "987654321");
  EXPECT_NE(sample("R-A"), sample("R-C"));

  RoundView generated = make_round("R-D", std::nullopt);
  EXPECT_FALSE(generated.round.seed.empty());
  auto records = s_->audit.list(Principal::cli(), {"", "round.create", "round", "R-D"}, {1, 10});
  ASSERT_EQ(records.items.size(), 1u);
  EXPECT_NE(records.items[0].after.find("\"seed\":\"" + generated.round.seed + "\""), std::string::npos);
}

TEST_P(InspectionTest, ExplicitStrataAndInputErrors) {
  NewRound r;
  r.code = "R-X";
  r.name = "x";
  r.period = "2026H1";
  r.under = "D1";
  r.strata = {{"D1-S1", "主干道", 3}, {"D1-S2", "农贸市场", 9}};
  r.items = {"A1.1.1"};
  RoundView v = s_->rounds.create(office_, r);
  EXPECT_EQ(v.round.sample_total, 7);  // 3 roads + all 4 markets
  for (const auto& s : sample("R-X")) EXPECT_TRUE(s[0] == 'M' || std::stoi(s.substr(1)) <= 6) << s;

  auto field_of = [&](NewRound bad) {
    try {
      s_->rounds.create(office_, bad);
    } catch (const InvalidInput& e) {
      return e.field();
    }
    return std::string("(none)");
  };
  NewRound bad = r;
  bad.code = "R-Y";
  bad.items = {"A1.1.3"};  // material, not field
  EXPECT_EQ(field_of(bad), "items[0]");
  bad.items = {};
  bad.period = "2030H1";
  EXPECT_EQ(field_of(bad), "period");
  bad.period = "2026H1";
  bad.strata = {{"D2", "主干道", 1}};  // not under D1
  EXPECT_EQ(field_of(bad), "strata[0].unit");
  bad.strata = {};
  EXPECT_EQ(field_of(bad), "default_sample_size");
  bad.default_sample_size = 1;
  bad.seed = "-3";
  EXPECT_EQ(field_of(bad), "seed");
  EXPECT_THROW(s_->rounds.create(office_, r), Conflict);  // R-X exists
  EXPECT_THROW(s_->rounds.create(insp1_, r), Forbidden);
}

TEST_P(InspectionTest, InspectorsSeeOnlyTheirAssignments) {
  make_round("R-A");
  RoundView v = s_->rounds.assign(office_, "R-A", {}, {"insp1", "insp2"});
  ASSERT_EQ(v.inspectors.size(), 2u);
  EXPECT_EQ(v.inspectors[0].to_do + v.inspectors[1].to_do, 7);
  EXPECT_LE(std::abs(v.inspectors[0].to_do - v.inspectors[1].to_do), 1);  // spread evenly

  auto mine = s_->rounds.my_assignments(insp1_, "", {1, 200});
  auto theirs = s_->rounds.my_assignments(insp2_, "", {1, 200});
  EXPECT_EQ(mine.total + theirs.total, 7);
  for (const auto& s : mine.items) EXPECT_EQ(s.inspector, "insp1");
  auto listed = s_->rounds.sites(insp1_, "R-A", {}, {1, 200});
  EXPECT_EQ(listed.total, mine.total);  // the round's sites as insp1 sees them: only theirs
  for (const auto& s : listed.items) EXPECT_EQ(s.inspector, "insp1");
  EXPECT_EQ(s_->rounds.sites(office_, "R-A", {"", "insp2"}, {1, 200}).total, theirs.total);

  // insp2 can neither open the form of insp1's site nor submit it
  const std::string site = mine.items.at(0).site;
  EXPECT_NO_THROW(s_->rounds.form(insp1_, "R-A", site));
  EXPECT_THROW(s_->rounds.form(insp2_, "R-A", site), NotFound);
  EXPECT_THROW(s_->inspections.submit(insp2_, submission("c-x", "R-A", site)), NotFound);

  auto notes = s_->notifications.list(insp1_, true, {1, 20});
  ASSERT_GE(notes.page.items.size(), 1u);
  EXPECT_EQ(notes.page.items[0].kind, "round_assigned");
  EXPECT_EQ(notes.page.items[0].object_id, "R-A");
}

TEST_P(InspectionTest, TheFormHoldsTheChecksOfTheSiteTypeAndTheRoundsItems) {
  road_round("R-R");
  auto form = s_->rounds.form(insp1_, "R-R", sample("R-R")[0]);
  std::vector<std::string> checks;
  for (const auto& c : form.checks) checks.push_back(c.check);
  EXPECT_EQ(checks, (std::vector<std::string>{"K1", "K2"}));  // K3 is for markets
  EXPECT_EQ(form.checks[0].item, "A1.1.1");
  EXPECT_EQ(form.period, "2026H1");
}

TEST_P(InspectionTest, SubmittingChangesScoresAndOpensCases) {
  auto sites = road_round("R-R");
  auto before = item("D1", "A1.1.1");
  EXPECT_EQ(before.at("n").to_number<long long>(), 0);

  InspectionView v = s_->inspections.submit(insp1_, submission("client-1", "R-R", sites[0], 2, 0));
  EXPECT_TRUE(v.created);
  EXPECT_EQ(v.inspection.version, 1);
  EXPECT_EQ(v.inspection.inspector, "insp1");
  EXPECT_EQ(v.period, "2026H1");
  ASSERT_EQ(v.cases.size(), 1u);  // K1 failed twice; K2 passed
  CaseView c = s_->cases.get(office_, v.cases[0]);
  EXPECT_EQ(c.state, CaseState::registered);
  EXPECT_EQ(c.check.value_or(""), "K1");
  EXPECT_EQ(c.inspection.value_or(""), v.inspection.code);

  auto after = item("D1", "A1.1.1");
  EXPECT_EQ(after.at("n").to_number<long long>(), 1);
  EXPECT_LT(after.at("score").to_number<double>(), 4.0);  // two failures cost points

  auto round = s_->rounds.get(office_, "R-R");
  EXPECT_EQ(round.round.done, 1);
  auto done = s_->rounds.my_assignments(insp1_, "submitted", {1, 20});
  ASSERT_EQ(done.total, 1);
  EXPECT_EQ(done.items[0].inspection.value_or(""), v.inspection.code);
  // the same site again is a correction, not a second submission
  EXPECT_THROW(s_->inspections.submit(insp1_, submission("client-2", "R-R", sites[0])), Conflict);
}

TEST_P(InspectionTest, ARetryAnswersTheSameAndCreatesNothing) {
  auto sites = road_round("R-R");
  SubmitInspection in = submission("client-1", "R-R", sites[0]);
  InspectionView first = s_->inspections.submit(insp1_, in);
  long long cases_before = s_->cases.list(office_, {}, {1, 200}).total;
  clock_.advance_ms(60 * 1000);
  InspectionView again = s_->inspections.submit(insp1_, in);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.inspection.code, first.inspection.code);
  EXPECT_EQ(again.cases, first.cases);
  EXPECT_EQ(inspections_total(), 1);
  EXPECT_EQ(s_->cases.list(office_, {}, {1, 200}).total, cases_before);

  // a different body under the same client_id
  try {
    in.results[0].failures = 3;
    s_->inspections.submit(insp1_, in);
    ADD_FAILURE() << "expected Conflict";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.field(), "client_id");
  }
}

TEST_P(InspectionTest, ConcurrentRetriesStoreOneInspection) {
  auto sites = road_round("R-R");
  std::vector<std::string> codes(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      codes[i] = s_->inspections.submit(insp1_, submission("same", "R-R", sites[1])).inspection.code;
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& c : codes) EXPECT_EQ(c, codes[0]);
  EXPECT_EQ(inspections_total(), 1);
  EXPECT_EQ(s_->cases.list(office_, {}, {1, 200}).total, 1);
}

TEST_P(InspectionTest, EveryCheckOfTheFormMustBeAnswered) {
  auto sites = road_round("R-R");
  auto field_of = [&](SubmitInspection in) {
    try {
      s_->inspections.submit(insp1_, in);
    } catch (const InvalidInput& e) {
      return e.field();
    }
    return std::string("(none)");
  };
  auto in = submission("c1", "R-R", sites[0]);
  in.results.pop_back();  // K2 missing
  EXPECT_EQ(field_of(in), "results");
  in = submission("c2", "R-R", sites[0], -1);
  EXPECT_EQ(field_of(in), "results[0].failures");
  in = submission("c3", "R-R", sites[0]);
  in.results.push_back({"K3", 0, "", {}});  // a market check at a road
  EXPECT_EQ(field_of(in), "results[2].check");
  in = submission("c4", "R-R", sites[0]);
  in.results[0].photos = {std::string(64, 'a')};
  EXPECT_EQ(field_of(in), "results[0].photos[0]");
  in = submission("c5", "R-R", sites[0]);
  in.gps->lat = 91;
  EXPECT_EQ(field_of(in), "gps.lat");
  in = submission("c6", "R-R", sites[0]);
  in.inspected_at = 1751328000000;  // 2025-07-01, outside 2026H1
  EXPECT_EQ(field_of(in), "inspected_at");
  EXPECT_EQ(inspections_total(), 0);

  // n/a (null) is an answer, and stored photos are accepted
  std::string photo = s_->photos.add_photo(insp1_, civic::testing::tiny_png()).id;
  in = submission("c7", "R-R", sites[0], std::nullopt, 1);
  in.results[1].photos = {photo};
  InspectionView v = s_->inspections.submit(insp1_, in);
  ASSERT_EQ(v.inspection.results.size(), 2u);
  EXPECT_FALSE(v.inspection.results[0].failures.has_value());
  EXPECT_EQ(v.inspection.results[1].photos, std::vector<std::string>{photo});
  EXPECT_EQ(s_->cases.get(office_, v.cases.at(0)).photos, std::vector<std::string>{photo});
}

// A failure needs a photo unless its check says photo_required: false (K2 here); the refusal names the check.
TEST_P(InspectionTest, AFailureNeedsAPhotoUnlessTheCheckSaysOtherwise) {
  auto sites = road_round("R-R");
  auto in = submission("p1", "R-R", sites[0], 2, 0);
  in.results[0].photos.clear();
  try {
    s_->inspections.submit(insp1_, in);
    ADD_FAILURE() << "a failure of K1 without a photo was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "results.K1.photos");
    EXPECT_EQ(e.key().key, "inspection.photos.required");
  }
  EXPECT_EQ(inspections_total(), 0);
  // K2 fails without a photo: accepted, and so is K1 with one.
  InspectionView v = s_->inspections.submit(insp1_, submission("p2", "R-R", sites[0], 1, 3));
  EXPECT_EQ(v.inspection.results.size(), 2u);
  EXPECT_EQ(inspections_total(), 1);
  // The form says which checks need one.
  auto form = s_->rounds.form(insp1_, "R-R", sites[1]);
  for (const auto& c : form.checks) EXPECT_EQ(c.photo_required, c.check == "K1") << c.check;
}

TEST_P(InspectionTest, ACorrectionKeepsVersionOneAndScoresFollowVersionTwo) {
  auto sites = road_round("R-R");
  InspectionView v1 = s_->inspections.submit(insp1_, submission("client-1", "R-R", sites[0], 4, 0));
  double failing = item("D1", "A1.1.1").at("score").to_number<double>();
  EXPECT_LT(failing, 4.0);

  CorrectInspection fix;
  fix.client_id = "client-fix";
  fix.reason = "录入错误";
  fix.note = "复核无问题";
  fix.results = {{"K1", 0, "", {}}, {"K2", 0, "", {}}};
  clock_.advance_ms(5 * 60 * 1000);
  InspectionView v2 = s_->inspections.correct(insp1_, v1.inspection.code, fix);
  EXPECT_EQ(v2.inspection.version, 2);
  EXPECT_TRUE(v2.cases.empty());

  auto current = s_->inspections.get(office_, v1.inspection.code);
  EXPECT_EQ(current.inspection.version, 2);
  EXPECT_EQ(current.inspection.results.at(0).failures, 0);
  ASSERT_EQ(current.versions.size(), 2u);
  EXPECT_EQ(current.versions[1].reason, "录入错误");
  auto old = s_->inspections.get(office_, v1.inspection.code, 1);
  EXPECT_EQ(old.inspection.version, 1);
  EXPECT_EQ(old.inspection.results.at(0).failures, 4);
  EXPECT_EQ(old.inspection.note, "上午检查");
  EXPECT_THROW(s_->inspections.get(office_, v1.inspection.code, 3), NotFound);

  EXPECT_DOUBLE_EQ(item("D1", "A1.1.1").at("score").to_number<double>(), 4.0);  // scores follow version 2
  EXPECT_EQ(inspections_total(), 1);

  // the retry of the correction answers version 2 again; someone else may not correct
  EXPECT_FALSE(s_->inspections.correct(insp1_, v1.inspection.code, fix).created);
  fix.client_id = "other";
  EXPECT_THROW(s_->inspections.correct(insp2_, v1.inspection.code, fix), NotFound);
  EXPECT_THROW(s_->inspections.get(insp2_, v1.inspection.code), NotFound);  // inspectors see their own
}

TEST_P(InspectionTest, DraftsBelongToTheirOwner) {
  auto sites = road_round("R-R");
  s_->inspections.put_draft(insp1_, "d-1", "R-R", sites[0], R"({"note":"半成品"})");
  EXPECT_EQ(s_->inspections.get_draft(insp1_, "d-1").body, R"({"note":"半成品"})");
  EXPECT_EQ(s_->rounds.my_assignments(insp1_, "draft", {1, 20}).total, 1);
  EXPECT_THROW(s_->inspections.get_draft(insp2_, "d-1"), NotFound);
  EXPECT_THROW(s_->inspections.put_draft(insp2_, "d-1", "R-R", sites[0], "{}"), NotFound);
  EXPECT_THROW(s_->inspections.delete_draft(insp2_, "d-1"), NotFound);
  s_->inspections.delete_draft(insp1_, "d-1");
  EXPECT_THROW(s_->inspections.get_draft(insp1_, "d-1"), NotFound);
}

TEST_P(InspectionTest, ACompletedRoundTakesNoSubmissions) {
  auto sites = road_round("R-R");
  s_->rounds.complete(office_, "R-R");
  EXPECT_EQ(s_->rounds.get(office_, "R-R").round.status, "completed");
  EXPECT_THROW(s_->inspections.submit(insp1_, submission("c", "R-R", sites[0])), Conflict);
  EXPECT_THROW(s_->rounds.complete(office_, "R-R"), Conflict);
  EXPECT_EQ(s_->rounds.my_assignments(insp1_, "", {1, 20}).total, 0);  // only open rounds
}

// A closed period (evidence.md "Periods") takes no new round, no submission and no correction: 409
// period.closed, nothing stored; reopened, it takes them again.
TEST_P(InspectionTest, AClosedPeriodTakesNoRoundsSubmissionsOrCorrections) {
  auto sites = road_round("R-R");
  InspectionView v1 = s_->inspections.submit(insp1_, submission("client-1", "R-R", sites[0], 4, 0));
  s_->periods.close(Principal::cli(), "2026H1");
  long long before = inspections_total();
  try {
    s_->inspections.submit(insp1_, submission("client-2", "R-R", sites[1]));
    FAIL() << "an inspection was submitted into a closed period";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.key().key, "period.closed");
  }
  CorrectInspection fix;
  fix.client_id = "client-fix";
  fix.reason = "录入错误";
  fix.results = {{"K1", 0, "", {}}, {"K2", 0, "", {}}};
  EXPECT_THROW(s_->inspections.correct(insp1_, v1.inspection.code, fix), Conflict);
  EXPECT_THROW(make_round("R-late"), Conflict);
  EXPECT_EQ(inspections_total(), before);
  EXPECT_EQ(s_->inspections.get(office_, v1.inspection.code, {}).inspection.version, 1);

  s_->periods.reopen(Principal::cli(), "2026H1", "补录");
  EXPECT_EQ(s_->inspections.correct(insp1_, v1.inspection.code, fix).inspection.version, 2);
  EXPECT_NO_THROW(make_round("R-late"));
}

}  // namespace
}  // namespace civic::service
