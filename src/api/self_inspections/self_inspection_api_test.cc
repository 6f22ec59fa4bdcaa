// Self-inspections over real HTTP (both backends): a unit officer starts one for its street, rates items
// (a rate, an expected grade), reads the gap table (over-optimistic rows first), the office sees it in the
// list and export; a second start is 409 naming the first; another unit's officer gets 404; finishing makes
// it read-only (409).
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

// Two material items over the test city, D1-S1 graded C on A1.1.1 and A on A1.1.2 by import.
const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[
    {"code":"A1.1.1","name":"制度","max_score":4,"method":"material"},
    {"code":"A1.1.2","name":"台账","max_score":6,"method":"material"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
           {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
  "materials":[{"item":"A1.1.1","unit":"D1-S1","period":"2026H1","grade":"C"},
               {"item":"A1.1.2","unit":"D1-S1","period":"2026H1","grade":"A"}]})";

class SelfInspectionApi : public store::BackendTest {};

TEST_P(SelfInspectionApi, StartRateCompareFinish) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));

  Reply created =
      city.as("target1", "POST", "/api/self-inspections", R"({"period":"2026H1","unit":"D1-S1"})");
  ASSERT_EQ(created.status, 201) << created.body;
  json::value s = ApiCity::parse(created);
  long long id = s.at("id").as_int64();
  std::string path = "/api/self-inspections/" + std::to_string(id);
  EXPECT_EQ(s.at("state"), "in_progress");
  EXPECT_EQ(s.at("items").as_array().size(), 2u);
  EXPECT_EQ(s.at("items_total").as_int64(), 2);

  Reply again = city.as("office", "POST", "/api/self-inspections", R"({"period":"2026H1","unit":"D1-S1"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find(std::to_string(id)), std::string::npos) << again.body;
  EXPECT_EQ(city.as("target2", "GET", path).status, 404);
  EXPECT_EQ(city.as("target2", "PUT", path + "/items/A1.1.1", R"({"self_rate":0.5})").status, 404);

  // Expected B (0.8) against C measured (0.6): over-optimistic by 0.2.
  Reply rated = city.as("target1", "PUT", path + "/items/A1.1.1", R"({"expected":"B","note":"制度齐全"})");
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_DOUBLE_EQ(ApiCity::parse(rated).at("items").at(0).at("self_rate").to_number<double>(), 0.8);
  ASSERT_EQ(city.as("target1", "PUT", path + "/items/A1.1.2", R"({"self_rate":0.95})").status, 200);
  EXPECT_EQ(city.as("target1", "PUT", path + "/items/A1.1.2", R"({"self_rate":2})").status, 400);
  EXPECT_EQ(city.as("target1", "PUT", path + "/items/A1.1.2", R"({"expected":"Q"})").status, 400);
  EXPECT_EQ(city.as("target1", "PUT", path + "/items/A9.9", R"({"self_rate":0.5})").status, 404);
  EXPECT_EQ(city.as("target1", "PUT", path + "/items/A1.1.2", R"({"self_rate":0.5,"files":["nope"]})").status,
            400);

  Reply gaps = city.as("target1", "GET", path + "/gaps");
  ASSERT_EQ(gaps.status, 200) << gaps.body;
  json::value g = ApiCity::parse(gaps);
  const auto& rows = g.at("items").as_array();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("item"), "A1.1.1");
  EXPECT_NEAR(rows[0].at("gap").to_number<double>(), 0.2, 1e-12);
  EXPECT_EQ(rows[0].at("over_optimistic"), true);
  EXPECT_NEAR(rows[1].at("gap").to_number<double>(), -0.05, 1e-12);
  EXPECT_EQ(rows[1].at("over_optimistic"), false);
  EXPECT_NEAR(g.at("mean_gap").to_number<double>(), 0.075, 1e-12);
  EXPECT_EQ(g.at("over_optimistic_count").as_int64(), 1);

  Reply list = city.as("office", "GET", "/api/self-inspections?period=2026H1&state=in_progress");
  ASSERT_EQ(list.status, 200) << list.body;
  json::value l = ApiCity::parse(list);
  ASSERT_EQ(l.at("total").as_int64(), 1);
  EXPECT_EQ(l.at("items").at(0).at("items_filled").as_int64(), 2);
  EXPECT_EQ(l.at("items").at(0).at("over_optimistic_count").as_int64(), 1);
  EXPECT_EQ(ApiCity::parse(city.as("target2", "GET", "/api/self-inspections")).at("total").as_int64(), 0);
  EXPECT_EQ(city.as("office", "GET", "/api/self-inspections?state=nonsense").status, 400);
  Reply csv = city.as("office", "GET", "/api/self-inspections/export?format=csv&period=2026H1");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("D1-S1"), std::string::npos);
  EXPECT_NE(csv.body.find("7.5"), std::string::npos) << csv.body;  // mean gap in percentage points
  Reply xlsx = city.as("office", "GET", "/api/self-inspections/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

  Reply finished = city.as("target1", "POST", path + "/actions/finish", "{}");
  ASSERT_EQ(finished.status, 200) << finished.body;
  EXPECT_EQ(ApiCity::parse(finished).at("state"), "finished");
  EXPECT_EQ(city.as("target1", "PUT", path + "/items/A1.1.2", R"({"self_rate":0.5})").status, 409);
  EXPECT_EQ(city.as("target1", "POST", path + "/actions/finish", "{}").status, 409);
  EXPECT_EQ(city.as("leader", "POST", path + "/actions/finish", "{}").status, 403);
}

CIVIC_INSTANTIATE_BACKENDS(SelfInspectionApi);

}  // namespace
}  // namespace civic::api
