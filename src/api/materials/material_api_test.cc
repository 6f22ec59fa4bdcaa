// Material submissions over real HTTP (both backends): a unit officer drafts and submits, the office sends it
// back with a reason, the unit resubmits, the office grades B and GET /api/scores changes by the grade's
// share of the item's points; duplicates name the existing id, a bad grade is 400, the export lists the rows.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

// Two material items (4 and 6 points) over the test city; D2-S1 graded A on A1.1.2 by import.
const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[
    {"code":"A1.1.1","name":"制度","max_score":4,"method":"material"},
    {"code":"A1.1.2","name":"台账","max_score":6,"method":"material"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
           {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
  "materials":[{"item":"A1.1.2","unit":"D2-S1","period":"2026H1","grade":"A"}]})";

class MaterialApi : public store::BackendTest {};

double total(ApiCity& city, const std::string& unit) {
  Reply r = city.as("office", "GET", "/api/scores?unit=" + unit + "&period=2026H1");
  EXPECT_EQ(r.status, 200) << r.body;
  return ApiCity::parse(r).at("total").to_number<double>();
}

TEST_P(MaterialApi, SubmitReturnResubmitGradeChangesTheScore) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));
  double before = total(city, "D1-S1");

  Reply created = city.as("target1", "POST", "/api/materials",
                          R"({"period":"2026H1","item":"A1.1.1","unit":"D1-S1","description":"制度汇编",
                              "files":["f1"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  json::value m = ApiCity::parse(created);
  std::string path = "/api/materials/" + std::to_string(m.at("id").as_int64());
  EXPECT_EQ(m.at("state"), "draft");

  Reply again = city.as("target1", "POST", "/api/materials",
                        R"({"period":"2026H1","item":"A1.1.1","unit":"D1-S1","description":"","files":[]})");
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find(std::to_string(m.at("id").as_int64())), std::string::npos) << again.body;
  // Another unit's officer does not see it.
  EXPECT_EQ(city.as("target2", "GET", path).status, 404);

  ASSERT_EQ(city.as("target1", "POST", path + "/actions/submit", "{}").status, 200);
  Reply returned = city.as("office", "POST", path + "/actions/return", R"({"reason":"缺少会议纪要"})");
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(ApiCity::parse(returned).at("return_reason"), "缺少会议纪要");
  long long version = ApiCity::parse(returned).at("version").as_int64();
  Reply edited = city.as(
      "target1", "PUT", path,
      R"({"description":"制度汇编及纪要","files":["f1","f2"],"version":)" + std::to_string(version) + "}");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(city.as("target1", "PUT", path,
                    R"({"description":"旧","files":[],"version":)" + std::to_string(version) + "}")
                .status,
            409);
  ASSERT_EQ(city.as("target1", "POST", path + "/actions/submit", "{}").status, 200);

  EXPECT_EQ(city.as("office", "POST", path + "/actions/grade", R"({"grade":"Z"})").status, 400);
  EXPECT_EQ(city.as("target1", "POST", path + "/actions/grade", R"({"grade":"A"})").status, 403);
  EXPECT_DOUBLE_EQ(total(city, "D1-S1"), before);
  Reply graded = city.as("office", "POST", path + "/actions/grade", R"({"grade":"B","comment":"基本齐全"})");
  ASSERT_EQ(graded.status, 200) << graded.body;
  EXPECT_NEAR(total(city, "D1-S1"), before + 4 * *Framework{}.grade_fraction("B"), 1e-9);

  json::value detail = ApiCity::parse(city.as("office", "GET", path));
  EXPECT_EQ(detail.at("grade"), "B");
  EXPECT_EQ(detail.at("grades").as_array().size(), 1u);
  EXPECT_EQ(detail.at("files").as_array().size(), 2u);
  EXPECT_EQ(detail.at("events").as_array().size(), 6u);

  Reply list = city.as("office", "GET", "/api/materials?period=2026H1&state=graded");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(ApiCity::parse(list).at("total").as_int64(), 1);
  Reply csv = city.as("office", "GET", "/api/materials/export?format=csv&period=2026H1");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("D1-S1"), std::string::npos);
  EXPECT_EQ(city.as("office", "GET", "/api/materials?state=nonsense").status, 400);
}

CIVIC_INSTANTIATE_BACKENDS(MaterialApi);

}  // namespace
}  // namespace civic::api
