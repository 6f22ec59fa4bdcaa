// Computed statistic items over real HTTP, on both backends (participation.md "Computed metrics"): an item
// naming `"computed": "volunteer_share"` is nobody's to report — saving or submitting it is 409
// statistic.computed — and its counted value follows Civic's own data: confirming a volunteer in a district
// changes the district's value, its item score and its total at once, with the figures in the explanation;
// a pending (unconfirmed) volunteer does not count; organising an activity changes activities per community
// and its score; a closed period keeps the value it was closed with.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "domain/participation/test_id_number.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

namespace json = boost::json;
using testing::ApiCity;
using testing::Reply;

// D1 and D2 have 100,000 residents each (api_test_city.h): 4 volunteers are 0.004 %, full marks.
const char* kBundle = R"({"format":"civic-bundle/1",
  "framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面","indicators":[{"code":"A1.1","name":"指标",
    "items":[
      {"code":"A1.1.1","name":"注册志愿者占常住人口比例","max_score":2,"method":"statistic","metric":"volunteers",
       "computed":"volunteer_share","target":0.004,"direction":"higher","floor":0,"measure":"%"},
      {"code":"A1.1.3","name":"每个社区开展活动数","max_score":1,"method":"statistic","metric":"activities",
       "computed":"activities_per_community","target":2,"direction":"higher","floor":0},
      {"code":"A1.1.2","name":"绿化覆盖率","max_score":1,"method":"statistic","metric":"green","target":40,
       "direction":"higher"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
  "statistics":[{"metric":"volunteers","unit":"D1","period":"2026H1","value":99}]})";

class ComputedStatisticApi : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
    service::Principal cli = service::Principal::cli();
    city_->services().units.create(cli, {"D1-C1", "一社区", "C1", UnitType::community, "D1-S1", 5000, 1});
    city_->add_person("c1", "D1-C1", Role::unit_officer);
    city_->services().evaluation.import_bundle(cli, bundle::read_bundle(kBundle));
  }
  json::value get(const std::string& target) {
    Reply r = city_->as("office", "GET", target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return json::parse(r.body);
  }
  json::value entry(const std::string& unit) {
    auto page = get("/api/statistics?period=2026H1&metric=volunteers&unit=" + unit);
    EXPECT_EQ(page.at("items").as_array().size(), 1u);
    return page.at("items").at(0);
  }
  double item_score(const std::string& unit) {
    auto e = get("/api/scores/items/A1.1.1?unit=" + unit + "&period=2026H1");
    return e.at("score").is_null() ? -1 : e.at("score").to_number<double>();
  }
  // Registers a volunteer in D1-C1 on the public page; confirmed by the community's officer when asked.
  std::string volunteer(int n, bool confirm) {
    Reply r = city_->as("", "POST", "/api/public/volunteers",
                        R"({"name":"志愿者)" + std::to_string(n) + R"(","phone":"1381234)" +
                            std::to_string(1000 + n) + R"(","id_number":")" + test_id_number(n) +
                            R"(","unit":"D1-C1","skills":[],"availability":""})");
    EXPECT_EQ(r.status, 201) << r.body;
    std::string code(ApiCity::parse(r).at("code").as_string());
    if (confirm) {
      Reply c = city_->as("c1", "POST", "/api/volunteers/" + code + "/actions/confirm", "{}");
      EXPECT_EQ(c.status, 200) << c.body;
    }
    return code;
  }
  std::unique_ptr<ApiCity> city_;
};
CIVIC_INSTANTIATE_BACKENDS(ComputedStatisticApi);

TEST_P(ComputedStatisticApi, TheValueIsCivicsOwnAndTheBundlesIsReplaced) {
  auto e = entry("D1");
  EXPECT_EQ(e.at("computed"), "volunteer_share");
  EXPECT_EQ(e.at("state"), "approved");
  EXPECT_EQ(e.at("value").to_number<double>(), 0.0);  // the bundle's 99 gave way: nobody is registered
  EXPECT_FALSE(e.at("may_report").as_bool());
  EXPECT_NE(std::string(e.at("explanation").as_string()).find("100,000"), std::string::npos) << e;
  EXPECT_EQ(item_score("D1"), 0.0);
  // A reported item of the same framework stays reportable.
  EXPECT_TRUE(
      get("/api/statistics?period=2026H1&metric=green&unit=D1").at("items").at(0).at("may_report").as_bool());
}

TEST_P(ComputedStatisticApi, NobodyReportsOrReviewsIt) {
  Reply save =
      city_->as("office", "PUT", "/api/statistics/2026H1/D1/volunteers", R"({"value":5,"version":0})");
  EXPECT_EQ(save.status, 409) << save.body;
  EXPECT_EQ(ApiCity::parse(save).at("error").at("key"), "statistic.computed");
  Reply approve =
      city_->as("office", "POST", "/api/statistics/2026H1/D1/volunteers/actions/approve", R"({"version":0})");
  EXPECT_EQ(approve.status, 409) << approve.body;
  EXPECT_EQ(entry("D1").at("value").to_number<double>(), 0.0);
}

TEST_P(ComputedStatisticApi, ConfirmingVolunteersChangesTheScoreAtOnce) {
  double total_before = get("/api/scores?unit=D1&period=2026H1").at("total").to_number<double>();
  volunteer(1, true);
  volunteer(2, true);
  volunteer(3, false);  // pending: not counted
  auto e = entry("D1");
  EXPECT_DOUBLE_EQ(e.at("value").to_number<double>(), 0.002);  // 2 ÷ 100,000 × 100
  EXPECT_NE(std::string(e.at("explanation").as_string()).find("2 人"), std::string::npos) << e;
  EXPECT_DOUBLE_EQ(item_score("D1"), 1.0);  // half of the target: half of 2 points
  EXPECT_DOUBLE_EQ(get("/api/scores?unit=D1&period=2026H1").at("total").to_number<double>(),
                   total_before + 1.0);
  // D2 has none; the city counts its whole tree (500,000 residents).
  EXPECT_EQ(entry("D2").at("value").to_number<double>(), 0.0);
  EXPECT_DOUBLE_EQ(entry("CITY").at("value").to_number<double>(), 0.0004);
  // The score explanation says the value is computed (the evidence drawer shows how).
  EXPECT_EQ(get("/api/scores/items/A1.1.1?unit=D1&period=2026H1").at("computed"), "volunteer_share");
}

TEST_P(ComputedStatisticApi, AddingActivitiesChangesActivitiesPerCommunity) {
  auto of_d1 = [&] {
    return get("/api/statistics?period=2026H1&metric=activities&unit=D1").at("items").at(0);
  };
  EXPECT_EQ(of_d1().at("value").to_number<double>(), 0.0);  // D1 has one community, D1-C1, and no activity
  auto score = [&] {
    return get("/api/scores/items/A1.1.3?unit=D1&period=2026H1").at("score").to_number<double>();
  };
  EXPECT_EQ(score(), 0.0);
  auto organise = [&](const std::string& starts, const std::string& ends) {
    Reply r = city_->as("office", "POST", "/api/activities",
                        R"({"unit":"D1-C1","type":"志愿服务","title":"清洁家园","starts_at":")" + starts +
                            R"(","ends_at":")" + ends + R"(","place":"中心广场"})");
    EXPECT_EQ(r.status, 201) << r.body;
  };
  organise("2026-03-02T01:00:00Z", "2026-03-02T03:00:00Z");
  EXPECT_DOUBLE_EQ(of_d1().at("value").to_number<double>(), 1.0);
  EXPECT_DOUBLE_EQ(score(), 0.5);  // half the target of 2 per community
  organise("2026-04-02T01:00:00Z", "2026-04-02T03:00:00Z");
  organise("2026-08-02T01:00:00Z", "2026-08-02T03:00:00Z");  // after the period: not counted
  EXPECT_DOUBLE_EQ(of_d1().at("value").to_number<double>(), 2.0);
  EXPECT_DOUBLE_EQ(score(), 1.0);
  EXPECT_NE(std::string(of_d1().at("explanation").as_string()).find("2 场"), std::string::npos);
  // D2 has no community: there is nothing to divide by, so no value (not a zero that would score 0).
  auto d2 = get("/api/statistics?period=2026H1&metric=activities&unit=D2").at("items").at(0);
  EXPECT_TRUE(d2.at("value").is_null()) << d2;
  EXPECT_NE(std::string(d2.at("explanation").as_string()).find("社区 0 个"), std::string::npos) << d2;
}

TEST_P(ComputedStatisticApi, AClosedPeriodKeepsItsValue) {
  volunteer(1, true);
  ASSERT_EQ(city_->as("office", "POST", "/api/periods/2026H1/actions/close", "{}").status, 200);
  volunteer(2, true);
  EXPECT_DOUBLE_EQ(entry("D1").at("value").to_number<double>(), 0.001);
  EXPECT_DOUBLE_EQ(item_score("D1"), 0.5);
}

}  // namespace
}  // namespace civic::api
