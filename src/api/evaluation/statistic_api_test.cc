// Statistic values and negative-list events over real HTTP, on both backends (evidence.md "Statistic values",
// "Negative-list events"): a department reports, a refused save or submit changes nothing, the office
// approves and GET /api/scores changes at once, returning an approved value takes it out again; scope and
// roles hold; a 一票否决 event puts the unit after its qualified sibling in the ranking and withdrawing
// restores it. Batch entry: the template downloaded, filled and imported saves and submits every filled row;
// a workbook with a bad row answers 400 naming row, column and key and saves nothing; hostile workbooks are
// refused by the table bounds.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "bundle/score_report.h"
#include "domain/core/table_limits.h"
#include "platform/spreadsheet.h"
#include "platform/test_workbooks.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

namespace json = boost::json;
using testing::ApiCity;
using testing::Reply;

// gdp (元, range [0, 1e6]) is reported by 统计局 (a department unit under the city); green by 园林局, which
// is no unit: the office reports it. 2026H1's values come from the bundle (approved); 2026H2 has D2's gdp.
const char* kBundle = R"({"format":"civic-bundle/1",
  "framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面","indicators":[{"code":"A1.1","name":"指标",
    "items":[
      {"code":"A1.1.1","name":"人均GDP","max_score":2,"method":"statistic","metric":"gdp","target":60000,
       "direction":"higher","floor":20000,"min":0,"max":1000000,"measure":"元","lead_unit":"统计局"},
      {"code":"A1.1.2","name":"绿化覆盖率","max_score":1,"method":"statistic","metric":"green","target":40,
       "direction":"higher","lead_unit":"园林局"}]}]}],
    "negative_list":[{"code":"N1","name":"重大安全事故","deduct":5,"disqualify":true},
                     {"code":"N2","name":"媒体曝光","deduct":1,"disqualify":false}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"},
             {"code":"2026H2","start":"2026-07-01","end":"2026-12-31"}],
  "statistics":[{"metric":"gdp","unit":"CITY","period":"2026H1","value":50000},
                {"metric":"gdp","unit":"D1","period":"2026H1","value":50000},
                {"metric":"gdp","unit":"D2","period":"2026H1","value":50000},
                {"metric":"gdp","unit":"D2","period":"2026H2","value":40000}]})";

class StatisticsApi : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(StatisticsApi);

struct City {
  explicit City(store::Dialect dialect) : api(dialect) {
    auto cli = service::Principal::cli();
    api.services().units.create(
        cli, {"CITY-TJJ", "统计局", "Statistics Bureau", UnitType::department, "CITY", 0, 9});
    api.services().users.add(
        cli, {"tjj", "统计局 联络员", "CITY-TJJ", {Role::unit_officer}, std::string(testing::kPassword)});
    api.services().evaluation.import_bundle(cli, bundle::read_bundle(kBundle));
  }
  Reply as(const std::string& user, const std::string& method, const std::string& target,
           const std::string& body = {}) {
    if (user == "tjj" && tjj_token.empty())
      tjj_token = api.services().auth.create_api_token(service::Principal::cli(), "tjj", "tests").token;
    if (user != "tjj") return api.as(user, method, target, body);
    return http::testing::fetch(
        api.port(), method, target, body,
        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + tjj_token}});
  }
  json::value get(const std::string& user, const std::string& target) {
    Reply r = as(user, "GET", target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return json::parse(r.body);
  }
  // The unit's total and the district ranked first in 2026H2.
  std::pair<double, std::string> score(const std::string& unit) {
    auto v = get("office", "/api/scores?unit=" + unit + "&period=2026H2");
    auto city = city_scores();
    return {v.at("total").to_number<double>(), std::string(city.at("ranking").at(0).at("unit").as_string())};
  }
  // The city's scores (its ranking ranks the districts), read as the CLI: the office users sit at D1.
  json::value city_scores() {
    auto cli = service::Principal::cli();
    auto scored = api.services().evaluation.scores(cli, "2026H2");
    return bundle::score_report_json(*scored->scores, scored->unit(cli, "CITY"), 0.85);
  }
  ApiCity api;
  std::string tjj_token;
};

long long version_of(const Reply& r) {
  return json::parse(r.body).at("version").to_number<long long>();
}

TEST_P(StatisticsApi, BundleValuesAreApprovedReports) {
  City c(GetParam());
  auto v = c.get("office", "/api/statistics?period=2026H1&metric=gdp");
  ASSERT_EQ(v.at("total").as_int64(), 3);
  for (const auto& e : v.at("items").as_array()) {
    EXPECT_EQ(e.at("state"), "approved");
    EXPECT_EQ(e.at("department"), "CITY-TJJ");
    EXPECT_EQ(e.at("measure"), "元");
  }
  auto one = c.get("office", "/api/statistics/2026H1/D1/gdp");
  ASSERT_EQ(one.at("history").as_array().size(), 1u);
  EXPECT_EQ(one.at("history").at(0).at("action"), "import");
  // green has no department unit: listed under "", the office's.
  auto green = c.get("office", "/api/statistics?period=2026H2&metric=green");
  EXPECT_EQ(green.at("total").as_int64(), 3);
  EXPECT_EQ(green.at("items").at(0).at("department"), "");
  EXPECT_EQ(green.at("items").at(0).at("state"), "missing");
}

TEST_P(StatisticsApi, DepartmentReportsOfficeApprovesAndScoresChange) {
  City c(GetParam());
  // The department's form: its metric for the city and each district, with last period's approved value.
  auto form = c.get("tjj", "/api/statistics?period=2026H2");
  ASSERT_EQ(form.at("total").as_int64(), 3);
  auto d1 = form.at("items").at(1);
  EXPECT_EQ(d1.at("unit"), "D1");
  EXPECT_EQ(d1.at("previous").to_number<double>(), 50000);
  EXPECT_EQ(d1.at("state"), "missing");
  EXPECT_TRUE(d1.at("may_report").as_bool());

  // Out of range: 400 naming value, nothing saved.
  Reply bad = c.as("tjj", "PUT", "/api/statistics/2026H2/D1/gdp", R"({"value":2000000,"version":0})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(ApiCity::error_field(bad), "value");
  EXPECT_EQ(c.get("tjj", "/api/statistics/2026H2/D1/gdp").at("state"), "missing");
  // Not a number: 400.
  EXPECT_EQ(c.as("tjj", "PUT", "/api/statistics/2026H2/D1/gdp", R"({"value":"many","version":0})").status,
            400);
  // The console's 提交 (save and submit at once): +80% without an explanation is refused and nothing is
  // stored — not even a draft.
  Reply at_once =
      c.as("tjj", "PUT", "/api/statistics/2026H2/D1/gdp", R"({"value":90000,"version":0,"submit":true})");
  EXPECT_EQ(at_once.status, 400) << at_once.body;
  EXPECT_EQ(ApiCity::error_field(at_once), "explanation");
  EXPECT_EQ(c.get("tjj", "/api/statistics/2026H2/D1/gdp").at("state"), "missing");
  EXPECT_EQ(c.get("tjj", "/api/statistics/2026H2/D1/gdp").at("version").to_number<long long>(), 0);

  Reply saved =
      c.as("tjj", "PUT", "/api/statistics/2026H2/D1/gdp", R"({"value":90000,"note":"年报","version":0})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  long long v1 = version_of(saved);
  EXPECT_EQ(json::parse(saved.body).at("state"), "draft");
  // A stale version: 409.
  EXPECT_EQ(c.as("tjj", "PUT", "/api/statistics/2026H2/D1/gdp", R"({"value":1,"version":0})").status, 409);

  // +80% against 50000 without an explanation: 400 explanation, and the stored draft is as it was.
  Reply refused = c.as("tjj", "POST", "/api/statistics/2026H2/D1/gdp/actions/submit",
                       R"({"version":)" + std::to_string(v1) + "}");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(ApiCity::error_field(refused), "explanation");
  auto after_refusal = c.get("tjj", "/api/statistics/2026H2/D1/gdp");
  EXPECT_EQ(after_refusal.at("state"), "draft");
  EXPECT_EQ(after_refusal.at("version").to_number<long long>(), v1);

  Reply explained =
      c.as("tjj", "PUT", "/api/statistics/2026H2/D1/gdp",
           R"({"value":90000,"explanation":"新园区投产","version":)" + std::to_string(v1) + "}");
  ASSERT_EQ(explained.status, 200) << explained.body;
  Reply submitted = c.as("tjj", "POST", "/api/statistics/2026H2/D1/gdp/actions/submit",
                         R"({"version":)" + std::to_string(version_of(explained)) + "}");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(json::parse(submitted.body).at("state"), "submitted");
  long long vs = version_of(submitted);

  // Submitted is not counted yet.
  double before = c.score("D1").first;
  // Only the office approves.
  EXPECT_EQ(c.as("tjj", "POST", "/api/statistics/2026H2/D1/gdp/actions/approve",
                 R"({"version":)" + std::to_string(vs) + "}")
                .status,
            403);
  EXPECT_EQ(c.as("leader", "POST", "/api/statistics/2026H2/D1/gdp/actions/approve",
                 R"({"version":)" + std::to_string(vs) + "}")
                .status,
            403);
  Reply approved = c.as("office", "POST", "/api/statistics/2026H2/D1/gdp/actions/approve",
                        R"({"version":)" + std::to_string(vs) + "}");
  ASSERT_EQ(approved.status, 200) << approved.body;
  double after = c.score("D1").first;
  EXPECT_NEAR(after - before, 2.0, 1e-9);  // 90000 ≥ target: the item's 2 points

  // Returning needs a reason; returning an approved value takes it out of the scores.
  long long va = version_of(approved);
  Reply no_reason = c.as("office", "POST", "/api/statistics/2026H2/D1/gdp/actions/return",
                         R"({"version":)" + std::to_string(va) + "}");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(ApiCity::error_field(no_reason), "reason");
  Reply returned = c.as("office", "POST", "/api/statistics/2026H2/D1/gdp/actions/return",
                        R"({"version":)" + std::to_string(va) + R"(,"reason":"口径有误"})");
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(json::parse(returned.body).at("return_reason"), "口径有误");
  EXPECT_NEAR(c.score("D1").first, before, 1e-9);
  auto history = c.get("office", "/api/statistics/2026H2/D1/gdp").at("history").as_array();
  ASSERT_EQ(history.size(), 5u);  // save, save, submit, approve, return: the refused submit left nothing
  EXPECT_EQ(history.back().at("action"), "return");
}

TEST_P(StatisticsApi, ScopeAndRolesHold) {
  City c(GetParam());
  // A district's officer sees its district's values but reports none of them.
  auto mine = c.get("unit_officer", "/api/statistics?period=2026H2");
  for (const auto& e : mine.at("items").as_array()) {
    EXPECT_EQ(e.at("unit"), "D1");
    EXPECT_FALSE(e.at("may_report").as_bool());
  }
  EXPECT_EQ(
      c.as("unit_officer", "PUT", "/api/statistics/2026H2/D1/gdp", R"({"value":60000,"version":0})").status,
      403);
  // Another district's value is not there for it.
  EXPECT_EQ(c.as("unit_officer", "GET", "/api/statistics/2026H2/D2/gdp").status, 404);
  EXPECT_EQ(c.as("target1", "PUT", "/api/statistics/2026H2/D1/gdp", R"({"value":60000,"version":0})").status,
            404);
  // The department reports only its own metric; green is the office's.
  EXPECT_EQ(c.as("tjj", "PUT", "/api/statistics/2026H2/D1/green", R"({"value":30,"version":0})").status, 404);
  EXPECT_EQ(c.as("office", "PUT", "/api/statistics/2026H2/D1/green", R"({"value":30,"version":0})").status,
            200);
  EXPECT_EQ(c.as("inspector", "GET", "/api/statistics?period=2026H2").status, 403);
  EXPECT_EQ(c.as("office", "GET", "/api/statistics").status, 400);
  Reply csv = c.as("office", "GET", "/api/statistics/export?period=2026H1&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("50000"), std::string::npos);
}

TEST_P(StatisticsApi, CompletenessBoardAndReminders) {
  City c(GetParam());
  auto board = c.get("office", "/api/statistics/completeness?period=2026H2");
  EXPECT_EQ(board.at("deadline"), "2026-12-16");  // the period's end minus 15 days
  bool found = false;
  for (const auto& d : board.at("departments").as_array()) {
    if (d.at("department") != "CITY-TJJ") continue;
    found = true;
    EXPECT_EQ(d.at("expected").as_int64(), 3);
    EXPECT_EQ(d.at("approved").as_int64(), 1);
    EXPECT_EQ(d.at("missing").as_int64(), 2);
    EXPECT_FALSE(d.at("overdue").as_bool());
  }
  EXPECT_TRUE(found);
  // A deadline already past (the test clock is 2026-03-01) makes the department overdue.
  EXPECT_EQ(c.as("tjj", "PUT", "/api/statistics/deadlines/2026H1", R"({"due":"2026-02-01"})").status, 403);
  Reply set = c.as("office", "PUT", "/api/statistics/deadlines/2026H2", R"({"due":"2026-02-01"})");
  ASSERT_EQ(set.status, 200) << set.body;
  json::value after = json::parse(set.body);
  for (const auto& d : after.at("departments").as_array()) {
    if (d.at("department") == "CITY-TJJ") {
      EXPECT_TRUE(d.at("overdue").as_bool());
    }
  }
  Reply remind = c.as("office", "POST", "/api/statistics/actions/remind",
                      R"({"period":"2026H2","department":"CITY-TJJ"})");
  ASSERT_EQ(remind.status, 200) << remind.body;
  EXPECT_EQ(json::parse(remind.body).at("notified").as_int64(), 1);
  auto notes = c.get("tjj", "/api/notifications");
  ASSERT_GE(notes.at("items").as_array().size(), 1u);
  EXPECT_EQ(notes.at("items").at(0).at("kind"), "statistic_reminder");
}

TEST_P(StatisticsApi, DisqualifyingEventReordersTheRankingAndWithdrawRestoresIt) {
  City c(GetParam());
  // D1 reports a full gdp value and leads D2 (40000).
  auto cli = service::Principal::cli();
  auto& stats = c.api.services().statistics;
  stats.save(cli, "2026H2", "D1", "gdp", {70000, "", "", "扩产", 0});
  auto e = stats.submit(cli, "2026H2", "D1", "gdp", 1);
  stats.approve(cli, "2026H2", "D1", "gdp", e.version);
  EXPECT_EQ(c.score("D1").second, "D1");

  // Refusals: a unit officer may not record; a date outside the period, an unknown type.
  std::string body =
      R"({"period":"2026H2","unit":"D1","type":"N1","date":"2026-08-01","description":"塌方事故"})";
  EXPECT_EQ(c.as("unit_officer", "POST", "/api/penalties", body).status, 403);
  Reply outside =
      c.as("office", "POST", "/api/penalties",
           R"({"period":"2026H2","unit":"D1","type":"N1","date":"2026-05-01","description":"事故"})");
  EXPECT_EQ(outside.status, 400);
  EXPECT_EQ(ApiCity::error_field(outside), "date");
  Reply unknown =
      c.as("office", "POST", "/api/penalties",
           R"({"period":"2026H2","unit":"D1","type":"N9","date":"2026-08-01","description":"事故"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(ApiCity::error_field(unknown), "type");

  Reply recorded = c.as("office", "POST", "/api/penalties", body);
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  auto p = json::parse(recorded.body);
  EXPECT_TRUE(p.at("disqualify").as_bool());
  EXPECT_EQ(p.at("deduct").to_number<double>(), 5);
  std::string id = std::to_string(p.at("id").to_number<long long>());

  auto scores = c.get("office", "/api/scores?unit=D1&period=2026H2");
  EXPECT_TRUE(scores.at("disqualified").as_bool());
  auto ranking = c.city_scores().at("ranking").as_array();
  ASSERT_EQ(ranking.size(), 3u);  // D1, D2 and the department (nothing assessed)
  EXPECT_EQ(ranking.at(0).at("unit"), "D2");
  EXPECT_EQ(ranking.back().at("unit"), "D1");  // after every qualified sibling
  EXPECT_TRUE(ranking.back().at("disqualified").as_bool());

  // D1's officer is told, and sees it; D2's does not.
  auto notes = c.get("unit_officer", "/api/notifications");
  ASSERT_GE(notes.at("items").as_array().size(), 1u);
  EXPECT_EQ(notes.at("items").at(0).at("kind"), "penalty_recorded");
  EXPECT_EQ(c.get("unit_officer", "/api/penalties?period=2026H2").at("total").as_int64(), 1);
  EXPECT_EQ(c.get("target2", "/api/penalties?period=2026H2").at("total").as_int64(), 0);
  EXPECT_EQ(c.as("target2", "GET", "/api/penalties/" + id).status, 404);

  // Withdrawing needs a reason; then D1 leads again, and the event stays, withdrawn.
  Reply no_reason = c.as("office", "POST", "/api/penalties/" + id + "/actions/withdraw", "{}");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(ApiCity::error_field(no_reason), "reason");
  Reply withdrawn =
      c.as("office", "POST", "/api/penalties/" + id + "/actions/withdraw", R"({"reason":"认定有误"})");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(json::parse(withdrawn.body).at("state"), "withdrawn");
  EXPECT_EQ(c.score("D1").second, "D1");
  EXPECT_FALSE(c.get("office", "/api/scores?unit=D1&period=2026H2").at("disqualified").as_bool());
  EXPECT_EQ(
      c.as("office", "POST", "/api/penalties/" + id + "/actions/withdraw", R"({"reason":"再次"})").status,
      409);
  EXPECT_EQ(c.get("office", "/api/penalties?period=2026H2&state=withdrawn").at("total").as_int64(), 1);
  // The office sits at D1: D2 is outside its scope, refused like an unknown unit.
  Reply foreign =
      c.as("office", "POST", "/api/penalties",
           R"({"period":"2026H2","unit":"D2","type":"N2","date":"2026-09-01","description":"曝光"})");
  EXPECT_EQ(foreign.status, 400);
  EXPECT_EQ(ApiCity::error_field(foreign), "unit");
  // A non-disqualifying type only deducts.
  Reply minor =
      c.as("office", "POST", "/api/penalties",
           R"({"period":"2026H2","unit":"D1","type":"N2","date":"2026-09-01","description":"曝光"})");
  ASSERT_EQ(minor.status, 201) << minor.body;
  auto d1 = c.get("office", "/api/scores?unit=D1&period=2026H2");
  EXPECT_FALSE(d1.at("disqualified").as_bool());
  EXPECT_EQ(d1.at("penalty").to_number<double>(), 1);
}

// The cells of the template `user` downloads for 2026H2.
platform::Cells template_of(City& c, const std::string& user) {
  Reply r = c.as(user, "GET", "/api/statistics/template?period=2026H2&format=xlsx");
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  return platform::read_xlsx(r.body);
}

TEST_P(StatisticsApi, TemplateFilledAndImportedSubmitsEveryFilledRow) {
  City c(GetParam());
  platform::Cells cells = template_of(c, "tjj");
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0], (std::vector<std::string>{"单位编码", "单位", "指标编码", "指标", "计量单位", "上期值",
                                                "本期值", "说明", "备注"}));
  // Fill CITY and D1 (D2 is approved already and stays empty).
  for (auto& row : cells) {
    if (row[0] == "CITY") row[6] = "52000";
    if (row[0] == "D1") row[6] = "90000", row[7] = "新园区投产", row[8] = "统计年报";
  }
  Reply r =
      c.as("tjj", "POST", "/api/statistics/import?period=2026H2", platform::write_xlsx(cells, "数据填报"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("submitted").as_int64(), 2);
  auto d1 = c.get("office", "/api/statistics/2026H2/D1/gdp");
  EXPECT_EQ(d1.at("state"), "submitted");
  EXPECT_EQ(d1.at("value").to_number<double>(), 90000);
  EXPECT_EQ(d1.at("note"), "统计年报");
  EXPECT_EQ(d1.at("explanation"), "新园区投产");
  EXPECT_EQ(c.get("office", "/api/statistics/2026H2/CITY/gdp").at("state"), "submitted");
  // The office approves an imported value and the score moves.
  double before = c.score("D1").first;
  Reply approved = c.as("office", "POST", "/api/statistics/2026H2/D1/gdp/actions/approve",
                        R"({"version":)" + std::to_string(d1.at("version").to_number<long long>()) + "}");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_NEAR(c.score("D1").first - before, 2.0, 1e-9);
  // Roles: an inspector neither downloads nor imports; a closed period refuses with 409.
  EXPECT_EQ(c.as("inspector", "GET", "/api/statistics/template?period=2026H2").status, 403);
  EXPECT_EQ(
      c.as("inspector", "POST", "/api/statistics/import?period=2026H2", platform::write_xlsx(cells, "x"))
          .status,
      403);
  EXPECT_EQ(c.as("tjj", "GET", "/api/statistics/template?period=2026H2&format=csv").status, 400);
  ASSERT_EQ(c.as("office", "POST", "/api/periods/2026H2/actions/close", "{}").status, 200);
  Reply closed = c.as("tjj", "POST", "/api/statistics/import?period=2026H2",
                      platform::write_xlsx({{"单位编码", "指标编码", "本期值"}, {"D2", "gdp", "1"}}, "x"));
  EXPECT_EQ(closed.status, 409) << closed.body;
}

TEST_P(StatisticsApi, AWorkbookWithABadRowAnswersEveryRowAndSavesNothing) {
  City c(GetParam());
  platform::Cells cells{{"单位编码", "指标编码", "本期值", "说明"},
                        {"CITY", "gdp", "52000", ""},
                        {"D1", "gdp", "90000", ""},     // +80% without 说明
                        {"D2", "gdp", "41000", ""},     // approved already
                        {"CITY", "gdp", "12 万", ""}};  // CITY again (refused before its value is read)
  Reply r =
      c.as("tjj", "POST", "/api/statistics/import?period=2026H2", platform::write_xlsx(cells, "数据填报"));
  ASSERT_EQ(r.status, 400) << r.body;
  auto body = json::parse(r.body);
  EXPECT_EQ(body.at("error").at("field"), "file");
  auto errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 3u) << r.body;
  EXPECT_EQ(errors[0].at("row").as_int64(), 3);
  EXPECT_EQ(errors[0].at("column"), "说明");
  EXPECT_EQ(errors[0].at("key"), "statistic.explanation.required");
  EXPECT_EQ(errors[0].at("args").at("percent"), "30");
  EXPECT_EQ(errors[1].at("row").as_int64(), 4);
  EXPECT_EQ(errors[1].at("key"), "statistic.import.approved");
  EXPECT_EQ(errors[2].at("row").as_int64(), 5);
  EXPECT_EQ(errors[2].at("key"), "statistic.import.duplicate");
  // Nothing saved, not even the good first row.
  EXPECT_EQ(c.get("office", "/api/statistics/2026H2/CITY/gdp").at("state"), "missing");
  EXPECT_EQ(c.get("office", "/api/statistics/2026H2/D1/gdp").at("state"), "missing");
}

TEST_P(StatisticsApi, HostileWorkbooksAreRefusedByTheTableBounds) {
  City c(GetParam());
  auto expect_limit = [](const Reply& reply, const std::string& key, std::size_t limit) {
    ASSERT_EQ(reply.status, 400) << reply.body.substr(0, 300);
    json::value error = json::parse(reply.body).at("error");
    EXPECT_EQ(error.at("field"), "file");
    EXPECT_EQ(error.at("key").as_string(), key);
    EXPECT_EQ(error.at("args").at("limit").as_string(), std::to_string(limit));
  };
  // One cell at the sheet's last row: the row bound, without materialising a million rows.
  expect_limit(c.as("tjj", "POST", "/api/statistics/import?period=2026H2",
                    civic::testing::workbook_with(civic::testing::one_cell_row(1048576, "XFD1048576", "1"))),
               "table.rows.too_many", kTableLimits.max_rows);
  // A deflate bomb of 1.5 GiB in a file under 3 MiB: refused before inflating.
  std::string bomb = civic::testing::deflate_bomb_workbook(1536ull << 20);
  ASSERT_LT(bomb.size(), 3u << 20);
  expect_limit(c.as("tjj", "POST", "/api/statistics/import?period=2026H2", bomb),
               "table.file.inflated_too_large", kTableLimits.max_inflated_bytes);
  // Not a workbook, and a body past the route's limit.
  Reply text =
      c.as("tjj", "POST", "/api/statistics/import?period=2026H2", "单位编码,指标编码,本期值\nD1,gdp,1\n");
  EXPECT_EQ(text.status, 400);
  EXPECT_EQ(json::parse(text.body).at("error").at("key"), "table.file.unreadable");
  EXPECT_EQ(c.as("tjj", "POST", "/api/statistics/import?period=2026H2", std::string(11u << 20, 'x')).status,
            413);
  EXPECT_EQ(c.get("office", "/api/statistics/2026H2/D1/gdp").at("state"), "missing");
}

}  // namespace
}  // namespace civic::api
