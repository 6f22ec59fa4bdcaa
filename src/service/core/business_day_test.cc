// The business day (domain/core/civil_time.h) through the services on SQLite and PostgreSQL: at
// 2026-06-30T23:00:00Z it is 07:00 on 1 July in Beijing, so a case reported then is a 1 July case that counts
// in 2026H2, and an inspection at the same instant is evidence of 2026H2.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "bundle/bundle_reader.h"
#include "bundle/score_report.h"
#include "domain/core/civil_time.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

namespace json = boost::json;
using store::TestDatabase;

constexpr TimeMs kJune30At23Utc = 1'782'860'400'000;  // 2026-06-30T23:00:00Z = 2026-07-01 07:00 Beijing
const char* kPassword = "Civic@2026x";

std::string city_bundle() {
  return R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面",
    "indicators":[{"code":"A1.1","name":"指标","items":[
      {"code":"A1.1.1","name":"公共场所秩序","max_score":4,"method":"field","checks":[
        {"code":"K1","text":"无乱扔垃圾","deduct":1,"photo_required":false}]}]}]}]},
    "units":[{"code":"C","parent":null},{"code":"D1","parent":"C"}],
    "sites":[{"code":"R1","name":"一号路","type":"主干道","unit":"D1","lat":30.1,"lon":120.1}],
    "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"},
               {"code":"2026H2","start":"2026-07-01","end":"2026-12-31"}]})";
}

class BusinessDayTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_EQ(business_time_zone().name, "Asia/Shanghai");
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_);
    s_->evaluation.import_bundle(Principal::cli(), bundle::read_bundle(city_bundle()));
    s_->users.add(Principal::cli(), {"office1", "office1", "C", {Role::office}, std::string(kPassword)});
    s_->users.add(Principal::cli(), {"insp1", "insp1", "C", {Role::inspector}, std::string(kPassword)});
    office_ = s_->auth.login("office1", kPassword, "10.0.0.9").principal;
    insp1_ = s_->auth.login("insp1", kPassword, "10.0.0.9").principal;
  }

  long long dispatched_in(const std::string& period) {
    return s_->cases.measures(office_, "C", period).self.measures.base_count;
  }
  // The number of inspections item A1.1.1 of unit D1 is scored on in `period`.
  long long inspections_scored(const std::string& period) {
    auto scored = s_->evaluation.scores(Principal::cli(), period);
    json::value report =
        bundle::score_report_json(*scored->scores, scored->unit(Principal::cli(), "D1"), 0.85);
    for (const auto& a : report.at("aspects").as_array())
      for (const auto& i : a.at("indicators").as_array())
        for (const auto& it : i.at("items").as_array())
          if (it.at("code").as_string() == "A1.1.1") return it.at("n").to_number<long long>();
    return -1;
  }

  ManualClock clock_{kJune30At23Utc};
  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<Services> s_;
  Principal office_, insp1_;
};
CIVIC_INSTANTIATE_BACKENDS(BusinessDayTest);

TEST_P(BusinessDayTest, ACaseReportedAt7InTheMorningOfJulyFirstIsAJulyCaseOfTheSecondHalfYear) {
  NewCase c;
  c.title = "垃圾满溢";
  c.category = "environment";
  c.description = "路口垃圾桶满溢";
  c.lat = 30.1;
  c.lon = 120.1;
  c.unit = "D1";
  CaseView reported = s_->cases.create(office_, c);
  EXPECT_EQ(reported.code.substr(0, 10), "C20260701-");

  s_->cases.act(office_, reported.code, "register", {});
  CaseActionRequest dispatch;
  dispatch.unit = "D1";
  dispatch.category = "environment";
  dispatch.severity = "一般";
  s_->cases.act(office_, reported.code, "dispatch", dispatch);

  EXPECT_EQ(dispatched_in("2026H2"), 1);  // the stored period 2026-07-01 … 2026-12-31
  EXPECT_EQ(dispatched_in("2026H1"), 0);
  EXPECT_EQ(dispatched_in("2026Q3"), 1);  // a calendar period: its days are business days too
  EXPECT_EQ(dispatched_in("2026Q2"), 0);
  EXPECT_EQ(s_->cases.measures(office_, "C", "").period, "2026H2");  // "now" lies in 2026H2
}

TEST_P(BusinessDayTest, AnInspectionAtTheSameInstantCountsInTheSecondHalfYear) {
  NewRound r;
  r.code = "R-H2";
  r.name = "下半年第一轮";
  r.period = "2026H2";
  r.under = "C";
  r.default_sample_size = 1;
  r.seed = "1";
  s_->rounds.create(office_, r);
  s_->rounds.assign(office_, "R-H2", {{"R1", "insp1"}}, {});

  SubmitInspection in;
  in.client_id = "dawn-1";
  in.round = "R-H2";
  in.site = "R1";
  in.inspected_at = kJune30At23Utc;
  in.results = {{"K1", 1, "", {}}};
  InspectionView v = s_->inspections.submit(insp1_, in);
  EXPECT_EQ(v.inspection.inspected_on, "2026-07-01");
  EXPECT_EQ(v.period, "2026H2");
  EXPECT_EQ(v.inspection.code.substr(0, 10), "I20260701-");
  EXPECT_EQ(inspections_scored("2026H2"), 1);
  EXPECT_EQ(inspections_scored("2026H1"), 0);
  // the case the failed check opened is a 1 July case too
  ASSERT_EQ(v.cases.size(), 1u);
  EXPECT_EQ(v.cases[0].substr(0, 10), "C20260701-");
}

}  // namespace
}  // namespace civic::service
