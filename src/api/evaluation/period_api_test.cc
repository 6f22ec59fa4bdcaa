// The period lifecycle and the framework editor over real HTTP (evidence.md "Periods", "Framework drafts"):
// a draft opened from version 1, its points changed, a stale save refused, the diff, publishing version 2,
// a period created on it; a closed period refuses a late grade with 409 and keeps its scores; reopening
// needs a reason; an invalid draft is saved with its problems and refused at publishing naming the path.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "platform/spreadsheet.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

namespace json = boost::json;
using testing::ApiCity;
using testing::Reply;

std::string bundle_with_grade(const std::string& unit, const std::string& grade) {
  return R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面",
    "indicators":[{"code":"A1.1","name":"指标","items":[{"code":"A1.1.1","name":"制度","max_score":1,"method":"material"}]}]}]},
    "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
             {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
    "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
    "materials":[{"item":"A1.1.1","unit":")" +
         unit + R"(","period":"2026H1","grade":")" + grade + R"("}]})";
}

double unit_score(const ApiCity& city, const std::string& unit) {
  Reply r = city.as("office", "GET", "/api/scores?period=2026H1&unit=" + unit);
  EXPECT_EQ(r.status, 200) << r.body;
  return ApiCity::parse(r).at("total").to_number<double>();
}

class PeriodApi : public store::BackendTest {};

TEST_P(PeriodApi, DraftPublishPeriodCloseAndReopen) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(),
                                           bundle::read_bundle(bundle_with_grade("D1-S1", "B")));

  // A draft from version 1; the item's points from 1 to 2.
  Reply created = city.as("office", "POST", "/api/frameworks/FW/drafts", R"({"from_version":1})");
  ASSERT_EQ(created.status, 201) << created.body;
  json::value draft = ApiCity::parse(created);
  std::string id = std::to_string(draft.at("id").as_int64());
  EXPECT_EQ(draft.at("base_version").as_int64(), 1);
  EXPECT_TRUE(draft.at("problems").as_array().empty());
  json::value doc = draft.at("document");
  doc.at("aspects").at(0).at("indicators").at(0).at("items").at(0).as_object()["max_score"] = 2;
  json::object put{{"document", doc}, {"version", draft.at("version")}};
  Reply saved = city.as("office", "PUT", "/api/framework-drafts/" + id, json::serialize(put));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_TRUE(ApiCity::parse(saved).at("problems").as_array().empty());
  Reply stale = city.as("office", "PUT", "/api/framework-drafts/" + id, json::serialize(put));
  EXPECT_EQ(stale.status, 409) << stale.body;

  Reply diff = city.as("office", "GET", "/api/framework-drafts/" + id + "/diff");
  ASSERT_EQ(diff.status, 200) << diff.body;
  json::value d = ApiCity::parse(diff);
  ASSERT_EQ(d.at("changed").as_array().size(), 1u) << diff.body;
  EXPECT_EQ(d.at("changed").at(0).at("code"), "A1.1.1");
  const auto& points = d.at("changed").at(0).at("fields").at("max_score").as_array();
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].to_number<double>(), 1);
  EXPECT_EQ(points[1].to_number<double>(), 2);

  Reply published = city.as("office", "POST", "/api/framework-drafts/" + id + "/actions/publish", "{}");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(ApiCity::parse(published), (json::object{{"code", "FW"}, {"version", 2}}));
  Reply v2 = city.as("office", "GET", "/api/frameworks/FW?version=2");
  ASSERT_EQ(v2.status, 200);
  json::value framework = ApiCity::parse(v2);
  EXPECT_EQ(framework.at("aspects")
                .at(0)
                .at("indicators")
                .at(0)
                .at("items")
                .at(0)
                .at("max_score")
                .to_number<double>(),
            2);

  // The spreadsheet of version 2: Chinese headers, the item with its new points.
  Reply table = city.as("office", "GET", "/api/frameworks/FW/export?version=2&format=csv");
  ASSERT_EQ(table.status, 200) << table.body;
  EXPECT_NE(table.body.find("项目编码"), std::string::npos);
  EXPECT_NE(table.body.find("A1.1.1,制度,材料审核,2"), std::string::npos) << table.body;
  EXPECT_EQ(city.as("office", "GET", "/api/frameworks/FW/export?format=pdf").status, 400);

  // A period on version 2; an overlapping one is refused.
  Reply period = city.as("office", "POST", "/api/periods",
                         R"({"code":"2026H2","name":"2026 下半年","start":"2026-07-01","end":"2026-12-31",
                             "framework":"FW","version":2})");
  ASSERT_EQ(period.status, 201) << period.body;
  EXPECT_EQ(ApiCity::parse(period).at("state"), "open");
  EXPECT_EQ(ApiCity::parse(period).at("framework").at("version"), 2);
  Reply overlap =
      city.as("office", "POST", "/api/periods",
              R"({"code":"X","name":"x","start":"2026-12-01","end":"2027-01-31","framework":"FW"})");
  EXPECT_EQ(overlap.status, 409) << overlap.body;
  Reply officer =
      city.as("unit_officer", "POST", "/api/periods",
              R"({"code":"Y","name":"y","start":"2030-01-01","end":"2030-01-31","framework":"FW"})");
  EXPECT_EQ(officer.status, 403);

  // Closing 2026H1: a late grade is refused with 409 and the scores stay as at closing.
  // (The office user sits at D1: D1 itself has no grade yet, so its material item is not assessed.)
  double before = unit_score(city, "D1");
  Reply closed = city.as("office", "POST", "/api/periods/2026H1/actions/close", "{}");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(ApiCity::parse(closed).at("state"), "closed");
  EXPECT_TRUE(ApiCity::parse(closed).at("closed_at").is_string());
  Reply late = city.as("office", "POST", "/api/bundles", bundle_with_grade("D1", "A"));
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(ApiCity::error_field(late), "period");
  EXPECT_DOUBLE_EQ(unit_score(city, "D1"), before);
  Reply listed = city.as("office", "GET", "/api/periods");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(ApiCity::parse(listed).at("items").at(0).at("state"), "closed");

  Reply file = city.as("office", "GET", "/api/periods/export?format=csv");
  ASSERT_EQ(file.status, 200);
  EXPECT_NE(file.body.find("2026H1,,2026-01-01,2026-06-30,FW,1,已关闭"), std::string::npos) << file.body;
  EXPECT_NE(file.body.find("2026H2,2026 下半年,2026-07-01,2026-12-31,FW,2,进行中"), std::string::npos)
      << file.body;

  Reply no_reason = city.as("office", "POST", "/api/periods/2026H1/actions/reopen", "{}");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(ApiCity::error_field(no_reason), "reason");
  Reply reopened =
      city.as("office", "POST", "/api/periods/2026H1/actions/reopen", R"({"reason":"申诉复核"})");
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(ApiCity::parse(reopened).at("state"), "open");
  // Open again, the period's framework is frozen all the same: the bundle's (version 1) is not the newest,
  // so a bundle now names a framework the period is not scored with.
  Reply later = city.as("office", "POST", "/api/bundles", bundle_with_grade("D1", "A"));
  EXPECT_EQ(later.status, 400) << later.body;
}

TEST_P(PeriodApi, AnInvalidDraftAnswersItsProblemsAndIsNotPublished) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(),
                                           bundle::read_bundle(bundle_with_grade("D1-S1", "B")));
  Reply created = city.as("office", "POST", "/api/frameworks/FW/drafts", "{}");
  ASSERT_EQ(created.status, 201) << created.body;
  json::value draft = ApiCity::parse(created);
  std::string id = std::to_string(draft.at("id").as_int64());
  json::value doc = draft.at("document");
  doc.at("aspects").at(0).at("indicators").at(0).at("items").at(0).as_object()["max_score"] = -1;
  json::object put{{"document", doc}, {"version", draft.at("version")}};
  Reply saved = city.as("office", "PUT", "/api/framework-drafts/" + id, json::serialize(put));
  ASSERT_EQ(saved.status, 200) << saved.body;
  json::value answer = ApiCity::parse(saved);
  const auto& problems = answer.at("problems").as_array();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].at("path"), "framework.aspects[0].indicators[0].items[0].max_score");
  Reply publish = city.as("office", "POST", "/api/framework-drafts/" + id + "/actions/publish", "{}");
  EXPECT_EQ(publish.status, 400);
  EXPECT_EQ(ApiCity::error_field(publish), "framework.aspects[0].indicators[0].items[0].max_score");
  EXPECT_EQ(city.as("office", "GET", "/api/frameworks/FW?version=2").status, 404);
  EXPECT_EQ(city.as("office", "GET", "/api/framework-drafts/999").status, 404);
  EXPECT_EQ(city.as("leader", "GET", "/api/framework-drafts").status, 403);
}

// The framework's spreadsheet re-imports as a draft equal to its base; a sheet with a bad cell is refused
// whole, naming the row and the column, and opens no draft.
TEST_P(PeriodApi, AFrameworkSheetImportsAsADraft) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(),
                                           bundle::read_bundle(bundle_with_grade("D1-S1", "B")));
  Reply sheet = city.as("office", "GET", "/api/frameworks/FW/export?format=xlsx");
  ASSERT_EQ(sheet.status, 200);
  Reply imported = city.as("office", "POST", "/api/frameworks/import?code=FW", sheet.body);
  ASSERT_EQ(imported.status, 201) << imported.body;
  json::value draft = ApiCity::parse(imported);
  EXPECT_TRUE(draft.at("problems").as_array().empty()) << imported.body;
  std::string id = std::to_string(draft.at("id").as_int64());
  json::value diff = ApiCity::parse(city.as("office", "GET", "/api/framework-drafts/" + id + "/diff"));
  EXPECT_TRUE(diff.at("changed").as_array().empty()) << diff;
  EXPECT_TRUE(diff.at("added").as_array().empty()) << diff;

  std::string bad = platform::write_xlsx(
      {{"方面编码", "方面", "指标编码", "指标", "项目编码", "项目名称", "测评方法", "分值"},
       {"A1", "方面", "A1.1", "指标", "A1.1.1", "制度", "材料审核", "两分"},
       {"A1", "方面", "A1.1", "指标", "A1.1.2", "新项", "抽查", "1"}},
      "测评体系");
  Reply refused = city.as("office", "POST", "/api/frameworks/import?code=FW", bad);
  ASSERT_EQ(refused.status, 400) << refused.body;
  json::value errors = ApiCity::parse(refused).at("errors");
  ASSERT_EQ(errors.as_array().size(), 2u) << refused.body;
  EXPECT_EQ(errors.at(0).at("row"), 2);
  EXPECT_EQ(errors.at(0).at("column"), "分值");
  EXPECT_EQ(errors.at(1).at("row"), 3);
  EXPECT_EQ(errors.at(1).at("column"), "测评方法");
  EXPECT_EQ(ApiCity::parse(city.as("office", "GET", "/api/framework-drafts")).at("total"), 1);
}

CIVIC_INSTANTIATE_BACKENDS(PeriodApi);

}  // namespace
}  // namespace civic::api
