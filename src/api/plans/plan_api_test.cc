// Work plans over HTTP: a plan, a task split down to a street, reports approved and rejected, the progress
// board with nulls, the breakdown table (a bad table names every row and changes nothing; CSV and XLSX
// export), and another district's officer seeing nothing.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "platform/spreadsheet.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[{"code":"A1.1.1","name":"制度","max_score":1,
  "method":"material"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
           {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
  "materials":[{"item":"A1.1.1","unit":"D1-S1","period":"2026H1","grade":"C"}]})";

const char* kPlan = R"({"code":"P1","name":"六优行动","period":"2026H1","tolerance":0.1,
  "phases":[{"code":"PH1","name":"动员部署","start":"2026-01-01","end":"2026-02-28"},
            {"code":"PH2","name":"集中整治","start":"2026-03-01","end":"2026-06-30"}],
  "actions":[{"code":"YMHJ","name":"优美环境","description":"环境整治","phases":["PH1","PH2"]}]})";

class PlanApi : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
    city_->services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));
  }
  Reply as(const std::string& user, const std::string& method, const std::string& target,
           const std::string& body = {}) {
    return city_->as(user, method, target, body);
  }
  std::unique_ptr<ApiCity> city_;
};

TEST_P(PlanApi, PlanTasksReportsAndTheBoard) {
  Reply plan = as("office", "POST", "/api/plans", kPlan);
  ASSERT_EQ(plan.status, 201) << plan.body;
  json::value p = ApiCity::parse(plan);
  EXPECT_EQ(p.at("phases").as_array().size(), 2u);
  EXPECT_EQ(p.at("remind_days_before").as_int64(), 3);
  Reply again = as("office", "POST", "/api/plans", kPlan);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ApiCity::parse(again).at("error").at("key"), "plan.code.exists");

  // The office (at D1) gives D1-S1 a task: assigned by D1.
  Reply task = as("office", "POST", "/api/tasks",
                  R"({"plan":"P1","code":"T1","title":"清理卫生死角","action":"YMHJ","owner":"D1-S1",
                      "start":"2026-03-01","due":"2026-03-10","weight":2,"items":["A1.1.1"]})");
  ASSERT_EQ(task.status, 201) << task.body;
  json::value t = ApiCity::parse(task);
  EXPECT_EQ(t.at("assigned_by"), "D1");
  EXPECT_EQ(t.at("owner_name"), "一街道");
  EXPECT_EQ(t.at("owner_name_en"), "Street 1");
  EXPECT_EQ(t.at("action_name"), "优美环境");
  EXPECT_TRUE(t.at("parent").is_null());
  // 2026-03-01 (the test clock): 1 day of 10.
  EXPECT_DOUBLE_EQ(t.at("expected").as_double(), 0.1);

  // The street splits it for itself (a street has no units below in the test city) and reports.
  Reply split = as(
      "target1", "POST", "/api/tasks/T1/actions/split",
      R"({"children":[{"title":"东片","owner":"D1-S1","weight":1},{"title":"西片","owner":"D1-S1","weight":3}]})");
  ASSERT_EQ(split.status, 200) << split.body;
  EXPECT_EQ(ApiCity::parse(split).at("children").as_array().size(), 2u);
  Reply report = as("target1", "POST", "/api/tasks/T1-1/actions/report", R"({"progress":1,"note":"完成"})");
  ASSERT_EQ(report.status, 200) << report.body;
  json::value r = ApiCity::parse(report);
  EXPECT_EQ(r.at("reports").at(0).at("state"), "pending");
  long long rid = r.at("reports").at(0).at("id").as_int64();
  // The street assigned T1-1 to itself, so its side decides — but not the person who reported (four eyes):
  // the office, above it, approves. Out-of-range progress is refused.
  EXPECT_EQ(as("target1", "POST", "/api/tasks/T1-2/actions/report", R"({"progress":1.5})").status, 400);
  Reply own =
      as("target1", "POST", "/api/tasks/T1-1/actions/approve", R"({"report":)" + std::to_string(rid) + "}");
  EXPECT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(ApiCity::parse(own).at("error").at("key"), "task.report.own");
  Reply approved =
      as("office", "POST", "/api/tasks/T1-1/actions/approve", R"({"report":)" + std::to_string(rid) + "}");
  ASSERT_EQ(approved.status, 200) << approved.body;
  json::value a = ApiCity::parse(approved);
  EXPECT_TRUE(a.at("done").as_bool());
  // People by their display names beside their usernames.
  EXPECT_EQ(a.at("reports").at(0).at("reported_by"), "target1");
  EXPECT_EQ(a.at("reports").at(0).at("reported_by_name"), "target1 测试");
  EXPECT_EQ(a.at("reports").at(0).at("decided_by_name"), "office 测试");
  // The street's officer was told of the task with its place.
  json::value inbox = ApiCity::parse(as("target1", "GET", "/api/notifications"));
  bool told = false;
  for (const auto& item : inbox.at("items").as_array()) {
    if (item.at("kind") == "task_assigned" && item.at("object_id") == "T1")
      told = item.at("params").at("where") == "一区 · 一街道";
  }
  EXPECT_TRUE(told) << inbox;
  // T1 = (1·1 + 3·0) / 4 = 0.25.
  Reply parent = as("office", "GET", "/api/tasks/T1");
  EXPECT_DOUBLE_EQ(ApiCity::parse(parent).at("progress").as_double(), 0.25);

  // Board for D1 on 2026-03-05: D1 owns no task → null; D1-S1 owns T1 (from D1): P 0.25, E 0.5 → behind.
  Reply board = as("office", "GET", "/api/plan-progress?unit=D1&date=2026-03-05");
  ASSERT_EQ(board.status, 200) << board.body;
  json::value b = ApiCity::parse(board);
  EXPECT_TRUE(b.at("progress").is_null());
  EXPECT_TRUE(b.at("status").is_null());
  EXPECT_EQ(b.at("plan"), "P1");
  EXPECT_EQ(b.at("date"), "2026-03-05");
  EXPECT_EQ(b.at("unit_name"), "一区");
  EXPECT_EQ(b.at("unit_name_en"), "District 1");
  ASSERT_EQ(b.at("children").as_array().size(), 1u);
  const json::value& s1 = b.at("children").at(0);
  EXPECT_EQ(s1.at("unit"), "D1-S1");
  EXPECT_EQ(s1.at("unit_name"), "一街道");
  EXPECT_EQ(s1.at("unit_name_en"), "Street 1");
  EXPECT_DOUBLE_EQ(s1.at("progress").as_double(), 0.25);
  EXPECT_DOUBLE_EQ(s1.at("expected").as_double(), 0.5);
  EXPECT_EQ(s1.at("status"), "behind");
  EXPECT_EQ(as("office", "GET", "/api/plan-progress?date=2026-3-5").status, 400);

  // Lists and filters.
  Reply top = as("office", "GET", "/api/tasks?plan=P1&top_level=true");
  EXPECT_EQ(ApiCity::parse(top).at("total").as_int64(), 1);
  Reply done = as("office", "GET", "/api/tasks?status=done");
  EXPECT_EQ(ApiCity::parse(done).at("total").as_int64(), 1);

  // Another district's officer sees nothing of it.
  EXPECT_EQ(as("target2", "GET", "/api/tasks/T1").status, 404);
  EXPECT_EQ(as("target2", "POST", "/api/tasks/T1-2/actions/report", R"({"progress":0.5})").status, 404);
  EXPECT_EQ(ApiCity::parse(as("target2", "GET", "/api/tasks")).at("total").as_int64(), 0);
  EXPECT_EQ(as("target2", "GET", "/api/plan-progress?unit=D1-S1").status, 404);
  // Stale version.
  long long v = ApiCity::parse(as("office", "GET", "/api/tasks/T1-2")).at("version").as_int64();
  EXPECT_EQ(as("office", "POST", "/api/tasks/T1-2/actions/remind",
               R"({"note":"催","version":)" + std::to_string(v) + "}")
                .status,
            200);
  Reply stale =
      as("office", "POST", "/api/tasks/T1-2/actions/remind", R"({"version":)" + std::to_string(v) + "}");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(ApiCity::error_field(stale), "version");
}

TEST_P(PlanApi, BodyErrorsNameTheFullJsonPathAndCarryAKey) {
  // The second phase an action names is not a text.
  Reply bad_phase = as("office", "POST", "/api/plans",
                       R"({"code":"P2","name":"方案","period":"2026H1",
                           "phases":[{"code":"PH1","name":"动员","start":"2026-01-01","end":"2026-02-28"}],
                           "actions":[{"code":"A","name":"行动","phases":["PH1",7]}]})");
  ASSERT_EQ(bad_phase.status, 400) << bad_phase.body;
  EXPECT_EQ(ApiCity::error_field(bad_phase), "actions[0].phases[1]");
  EXPECT_EQ(ApiCity::parse(bad_phase).at("error").at("key"), "input.not_text");
  // A phase outside the period: the service names the phase and gives its key.
  Reply outside = as("office", "POST", "/api/plans",
                     R"({"code":"P2","name":"方案","period":"2026H1",
                         "phases":[{"code":"PH1","name":"动员","start":"2025-12-01","end":"2026-02-28"}]})");
  ASSERT_EQ(outside.status, 400) << outside.body;
  EXPECT_EQ(ApiCity::error_field(outside), "phases[0].start");
  json::value e = ApiCity::parse(outside).at("error");
  EXPECT_EQ(e.at("key"), "plan.phase.outside_period");
  EXPECT_EQ(e.at("args").at("start"), "2026-01-01");

  ASSERT_EQ(as("office", "POST", "/api/plans", kPlan).status, 201);
  ASSERT_EQ(as("office", "POST", "/api/tasks",
               R"({"plan":"P1","code":"T1","title":"清理","action":"YMHJ","owner":"D1-S1",
                   "start":"2026-03-01","due":"2026-03-10"})")
                .status,
            201);
  Reply bad_weight =
      as("target1", "POST", "/api/tasks/T1/actions/split",
         R"({"children":[{"title":"东片","owner":"D1-S1"},{"title":"西片","owner":"D1-S1","weight":"2"}]})");
  ASSERT_EQ(bad_weight.status, 400) << bad_weight.body;
  EXPECT_EQ(ApiCity::error_field(bad_weight), "children[1].weight");
  Reply bad_owner = as("target1", "POST", "/api/tasks/T1/actions/split",
                       R"({"children":[{"title":"东片","owner":"D2-S1"}]})");
  ASSERT_EQ(bad_owner.status, 400) << bad_owner.body;
  EXPECT_EQ(ApiCity::error_field(bad_owner), "children[0].owner");
  EXPECT_EQ(ApiCity::parse(bad_owner).at("error").at("key"), "task.owner.not_under_parent");
  // A role without work_tasks is refused before the body is read.
  Reply leader = as("leader", "POST", "/api/tasks/T1/actions/report", "not json");
  EXPECT_EQ(leader.status, 403) << leader.body;
  EXPECT_EQ(ApiCity::parse(leader).at("error").at("key"), "auth.permission");
}

TEST_P(PlanApi, BadBreakdownTableNamesEveryRowAndChangesNothing) {
  ASSERT_EQ(as("office", "POST", "/api/plans", kPlan).status, 201);
  std::string bad =
      "\xEF\xBB\xBF任务编号,任务内容,专项行动,牵头单位,责任单位,开始日期,完成时限,权重,关联测评内容\n"
      "K1,清理,YMHJ,D1-S1,D1-S1,2026-03-01,2026-03-31,1,A1.1.1\n"
      "K2,整治,YMHJ,D2-S1,,2026-03-01,2026-03-31,1,\n"
      "K3,宣传,YMHJ,D1-S1,,2026-03-01,2026-02-01,1,\n"
      "K4,台账,YMHJ,D1-S1,,2026-03-01,2026-03-31,-1,\n";
  Reply r = as("office", "POST", "/api/plans/P1/tasks/import", bad);
  ASSERT_EQ(r.status, 400) << r.body;
  json::value body = ApiCity::parse(r);
  EXPECT_EQ(body.at("error").at("field"), "file");
  EXPECT_EQ(body.at("error").at("message"), "3 rows have errors");
  const auto& errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].at("row").as_int64(), 4);  // the spreadsheet row of K3 (header = 1)
  EXPECT_EQ(errors[0].at("column"), "完成时限");
  EXPECT_EQ(errors[1].at("row").as_int64(), 5);
  EXPECT_EQ(errors[1].at("column"), "权重");
  EXPECT_EQ(errors[2].at("row").as_int64(), 3);  // another district's unit: the service's check comes after
  EXPECT_EQ(errors[2].at("column"), "牵头单位");
  EXPECT_EQ(ApiCity::parse(as("office", "GET", "/api/tasks")).at("total").as_int64(), 0);

  std::string good =
      "任务编号,任务内容,专项行动,牵头单位,责任单位,开始日期,完成时限,权重,关联测评内容\n"
      "K1,清理,YMHJ,D1-S1,D1-S1,2026-03-01,2026-03-31,1,A1.1.1\n";
  Reply ok = as("office", "POST", "/api/plans/P1/tasks/import", good);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ApiCity::parse(ok).at("created").as_int64(), 1);

  Reply csv = as("office", "GET", "/api/plans/P1/tasks/export?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("K1,清理,YMHJ,D1-S1"), std::string::npos) << csv.body;
  Reply xlsx = as("office", "GET", "/api/plans/P1/tasks/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  auto cells = platform::read_xlsx(xlsx.body);
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cells[1][0], "K1");
  // The XLSX goes back in as an update.
  Reply again = as("office", "POST", "/api/plans/P1/tasks/import", xlsx.body);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(ApiCity::parse(again).at("updated").as_int64(), 1);
}

CIVIC_INSTANTIATE_BACKENDS(PlanApi);

}  // namespace
}  // namespace civic::api
