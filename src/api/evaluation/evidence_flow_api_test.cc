// Issue 13's "Done means" over real HTTP, on both backends, each step as the user who does it: the office
// (at the city) opens a draft framework, changes an item's points, publishes and creates a period on the new
// version; 统计局's officer reports a statistic that fails validation (400 naming the field, nothing saved),
// then a good one; the office approves it and the unit's score rises by the item's points × the fraction the
// framework gives the value; the unit's officer submits a material, the reviewer sends it back, the unit
// resubmits, the reviewer grades B and the score rises by the new points × grade_fraction("B"); a 一票否决
// event puts the unit after its qualified sibling, marked disqualified; the period is closed and a late grade
// is refused with 409 period.closed. Every expected figure is computed from the published framework.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <iostream>
#include <map>
#include <tuple>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

namespace json = boost::json;
using testing::ApiCity;
using testing::Reply;

// Version 1 of FW: gdp (2 points, reported by 统计局, range [0, 1e6]) and a material item of 4 points; a
// disqualifying and a deducting negative-list type. 2026H1 holds last period's values.
const char* kBundle = R"({"format":"civic-bundle/1",
  "framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面","indicators":[{"code":"A1.1",
    "name":"指标","items":[
      {"code":"A1.1.1","name":"人均GDP","max_score":2,"method":"statistic","metric":"gdp","target":60000,
       "direction":"higher","floor":20000,"min":0,"max":1000000,"measure":"元","lead_unit":"统计局"},
      {"code":"A1.1.2","name":"创建台账","max_score":4,"method":"material"}]}]}],
    "negative_list":[{"code":"N1","name":"重大安全事故","deduct":5,"disqualify":true},
                     {"code":"N2","name":"媒体曝光","deduct":1,"disqualify":false}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
           {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
  "statistics":[{"metric":"gdp","unit":"D1","period":"2026H1","value":50000},
                {"metric":"gdp","unit":"D2","period":"2026H1","value":50000}],
  "materials":[{"item":"A1.1.2","unit":"D1","period":"2026H1","grade":"A"}]})";

// The test city plus 统计局 (a department under the city) with its officer `tjj`, and `cityoffice`, an office
// user at the city (the fixture's `office` sits at D1: it is the reviewer of D1's materials here).
class Flow {
 public:
  explicit Flow(store::Dialect dialect) : api_(dialect) {
    auto cli = service::Principal::cli();
    auto& s = api_.services();
    s.evaluation.import_bundle(cli, bundle::read_bundle(kBundle));
    s.units.create(cli, {"CITY-TJJ", "统计局", "Statistics Bureau", UnitType::department, "CITY", 0, 9});
    for (auto [user, unit, role] : {std::tuple{"tjj", "CITY-TJJ", Role::unit_officer},
                                    std::tuple{"cityoffice", "CITY", Role::office}}) {
      s.users.add(cli, {user, std::string(user) + " 测试", unit, {role}, std::string(testing::kPassword)});
      tokens_[user] = s.auth.create_api_token(cli, user, "tests").token;
    }
  }

  Reply as(const std::string& user, const std::string& method, const std::string& target,
           const std::string& body = {}, const std::string& content_type = "application/json") {
    auto it = tokens_.find(user);
    std::string token = it != tokens_.end() ? it->second : api_.token(user);
    return http::testing::fetch(api_.port(), method, target, body,
                                {{"Content-Type", content_type}, {"Authorization", "Bearer " + token}});
  }
  json::value ok(const std::string& user, const std::string& method, const std::string& target,
                 const std::string& body = {}, int status = 200) {
    Reply r = as(user, method, target, body);
    EXPECT_EQ(r.status, status) << method << " " << target << ": " << r.body;
    return r.status == status ? json::parse(r.body) : json::value(nullptr);
  }
  json::value scores(const std::string& unit) {
    return ok("cityoffice", "GET", "/api/scores?unit=" + unit + "&period=2026H2");
  }
  double total(const std::string& unit) { return scores(unit).at("total").to_number<double>(); }
  std::string upload(const std::string& user, const std::string& name, const std::string& bytes) {
    Reply r = as(user, "POST", "/api/files?name=" + name, bytes, "application/pdf");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).at("id").as_string());
  }

 private:
  ApiCity api_;
  std::map<std::string, std::string> tokens_;
};

const json::object& item_of(const json::value& framework, const std::string& code) {
  for (const auto& a : framework.at("aspects").as_array())
    for (const auto& ind : a.at("indicators").as_array())
      for (const auto& it : ind.at("items").as_array())
        if (std::string_view(it.at("code").as_string()) == code) return it.as_object();
  throw std::runtime_error("no item " + code);
}

double number(const json::value& v, const char* key) {
  return v.at(key).to_number<double>();
}

// scoring.md §3.3, direction higher: f = 1 at or above the target, else (v − floor) / (target − floor).
double statistic_points(const json::object& item, double v) {
  double target = item.at("target").to_number<double>(), lowest = item.at("floor").to_number<double>();
  double f = v >= target ? 1 : std::clamp((v - lowest) / (target - lowest), 0.0, 1.0);
  return item.at("max_score").to_number<double>() * f;
}

std::string version_body(const json::value& v, const std::string& extra = {}) {
  return "{" + extra + (extra.empty() ? "" : ",") + R"("version":)" +
         std::to_string(v.at("version").to_number<long long>()) + "}";
}

class EvidenceFlowApi : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(EvidenceFlowApi);

TEST_P(EvidenceFlowApi, DoneMeansFromDraftToClosedPeriod) {
  Flow flow(GetParam());

  // 1. A draft of FW version 1: the material item's points from 4 to 6; published as version 2.
  json::value draft =
      flow.ok("cityoffice", "POST", "/api/frameworks/FW/drafts", R"({"from_version":1})", 201);
  ASSERT_TRUE(draft.is_object());
  std::string draft_path = "/api/framework-drafts/" + std::to_string(draft.at("id").as_int64());
  json::value doc = draft.at("document");
  double old_points =
      doc.at("aspects").at(0).at("indicators").at(0).at("items").at(1).at("max_score").to_number<double>();
  EXPECT_EQ(old_points, 4);
  doc.at("aspects").at(0).at("indicators").at(0).at("items").at(1).as_object()["max_score"] = 6;
  json::value saved =
      flow.ok("cityoffice", "PUT", draft_path,
              json::serialize(json::object{{"document", doc}, {"version", draft.at("version")}}));
  ASSERT_TRUE(saved.is_object());
  EXPECT_TRUE(saved.at("problems").as_array().empty()) << saved;
  json::value published = flow.ok("cityoffice", "POST", draft_path + "/actions/publish", "{}");
  EXPECT_EQ(published, (json::object{{"code", "FW"}, {"version", 2}}));
  json::value v2 = flow.ok("cityoffice", "GET", "/api/frameworks/FW?version=2");
  const json::object& material_item = item_of(v2, "A1.1.2");
  const json::object& gdp_item = item_of(v2, "A1.1.1");
  double points = material_item.at("max_score").to_number<double>();
  EXPECT_EQ(points, 6);  // the draft's change shows in the published version
  json::value v1 = flow.ok("cityoffice", "GET", "/api/frameworks/FW?version=1");
  EXPECT_EQ(item_of(v1, "A1.1.2").at("max_score").to_number<double>(),
            4);  // a published version never changes

  // 2. The period on version 2.
  json::value period = flow.ok("cityoffice", "POST", "/api/periods",
                               R"({"code":"2026H2","name":"2026 年下半年","start":"2026-07-01",
                                   "end":"2026-12-31","framework":"FW","version":2})",
                               201);
  ASSERT_TRUE(period.is_object());
  EXPECT_EQ(period.at("framework").at("version"), 2);
  EXPECT_EQ(period.at("state"), "open");

  // D2's value for the ranking below: 40000 (−20% on last period), submitted by 统计局, approved.
  json::value d2 = flow.ok("tjj", "PUT", "/api/statistics/2026H2/D2/gdp", R"({"value":40000,"version":0})");
  d2 = flow.ok("tjj", "POST", "/api/statistics/2026H2/D2/gdp/actions/submit", version_body(d2));
  flow.ok("cityoffice", "POST", "/api/statistics/2026H2/D2/gdp/actions/approve", version_body(d2));
  EXPECT_NEAR(flow.total("D2"), statistic_points(gdp_item, 40000), 1e-9);

  // 3. 统计局 reports D1's gdp. Above the item's maximum: 400 naming the value, nothing saved.
  double start = flow.total("D1");
  Reply bad = flow.as("tjj", "PUT", "/api/statistics/2026H2/D1/gdp", R"({"value":2000000,"version":0})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(ApiCity::error_field(bad), "value");
  EXPECT_EQ(ApiCity::parse(bad).at("error").at("key"), "statistic.value.above_max");
  json::value kept = flow.ok("tjj", "GET", "/api/statistics/2026H2/D1/gdp");
  EXPECT_EQ(kept.at("state"), "missing");
  EXPECT_EQ(kept.at("version").to_number<long long>(), 0);
  EXPECT_TRUE(kept.at("history").as_array().empty());
  // +80% on last period without an explanation: the submit is refused naming explanation; not submitted.
  json::value draft_value =
      flow.ok("tjj", "PUT", "/api/statistics/2026H2/D1/gdp", R"({"value":90000,"version":0})");
  Reply unexplained =
      flow.as("tjj", "POST", "/api/statistics/2026H2/D1/gdp/actions/submit", version_body(draft_value));
  EXPECT_EQ(unexplained.status, 400) << unexplained.body;
  EXPECT_EQ(ApiCity::error_field(unexplained), "explanation");
  EXPECT_EQ(flow.ok("tjj", "GET", "/api/statistics/2026H2/D1/gdp").at("state"), "draft");
  // A good value (+24%), submitted; not counted until approved.
  const double good = 62000;
  json::value fixed = flow.ok("tjj", "PUT", "/api/statistics/2026H2/D1/gdp",
                              version_body(draft_value, R"("value":62000,"note":"统计年报")"));
  json::value submitted =
      flow.ok("tjj", "POST", "/api/statistics/2026H2/D1/gdp/actions/submit", version_body(fixed));
  ASSERT_TRUE(submitted.is_object());
  EXPECT_EQ(submitted.at("state"), "submitted");
  EXPECT_DOUBLE_EQ(flow.total("D1"), start);

  // 4. The office approves: D1's score rises by the item's points × f(62000) (target met: all 2 points).
  json::value approved =
      flow.ok("cityoffice", "POST", "/api/statistics/2026H2/D1/gdp/actions/approve", version_body(submitted));
  ASSERT_TRUE(approved.is_object());
  EXPECT_EQ(approved.at("state"), "approved");
  double after_statistic = flow.total("D1");
  EXPECT_NEAR(after_statistic - start, statistic_points(gdp_item, good), 1e-9);
  EXPECT_NEAR(after_statistic - start, 2, 1e-9);

  // 5. D1's officer submits a material (a stored PDF), the reviewer sends it back, the unit adds the
  // minutes and resubmits, the reviewer grades B.
  std::string ledger = flow.upload("unit_officer", "ledger.pdf", "%PDF-1.7\n% 创建台账 D1 2026H2\n%%EOF\n");
  json::value m = flow.ok("unit_officer", "POST", "/api/materials",
                          R"({"period":"2026H2","item":"A1.1.2","unit":"D1","description":"创建工作台账",
                              "files":[")" +
                              ledger + R"("]})",
                          201);
  ASSERT_TRUE(m.is_object());
  std::string path = "/api/materials/" + std::to_string(m.at("id").as_int64());
  EXPECT_EQ(flow.ok("unit_officer", "POST", path + "/actions/submit", "{}").at("state"), "submitted");
  json::value back = flow.ok("office", "POST", path + "/actions/return", R"({"reason":"缺少会议纪要"})");
  ASSERT_TRUE(back.is_object());
  EXPECT_EQ(back.at("state"), "returned");
  EXPECT_EQ(back.at("return_reason"), "缺少会议纪要");
  EXPECT_DOUBLE_EQ(flow.total("D1"), after_statistic);
  std::string minutes = flow.upload("unit_officer", "minutes.pdf", "%PDF-1.7\n% 会议纪要 D1 2026H2\n%%EOF\n");
  json::value edited = flow.ok("unit_officer", "PUT", path,
                               version_body(back, R"("description":"创建工作台账及会议纪要","files":[")" +
                                                      ledger + R"(",")" + minutes + R"("])"));
  ASSERT_TRUE(edited.is_object());
  EXPECT_EQ(flow.ok("unit_officer", "POST", path + "/actions/submit", "{}").at("state"), "submitted");
  EXPECT_EQ(flow.as("unit_officer", "POST", path + "/actions/grade", R"({"grade":"A"})").status, 403);
  json::value graded =
      flow.ok("office", "POST", path + "/actions/grade", R"({"grade":"B","comment":"基本齐全"})");
  ASSERT_TRUE(graded.is_object());
  EXPECT_EQ(graded.at("grade"), "B");
  double b = *Framework{}.grade_fraction("B");
  if (v2.as_object().contains("grades")) b = v2.at("grades").at("B").to_number<double>();
  double after_material = flow.total("D1");
  EXPECT_NEAR(after_material - after_statistic, points * b, 1e-9);  // 6 × 0.8: version 2's points count
  json::value detail = flow.ok("office", "GET", path);
  EXPECT_EQ(detail.at("files").as_array().size(), 2u);
  std::vector<std::string> actions;
  for (const auto& e : detail.at("events").as_array()) actions.emplace_back(e.at("action").as_string());
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "submit", "return", "update", "resubmit", "grade"}));

  // 6. D1 leads D2 on rate; a 一票否决 event puts it after every qualified sibling, disqualified, its total
  // less the deduction.
  auto ranking = [&] { return flow.scores("CITY").at("ranking").as_array(); };
  EXPECT_EQ(ranking().at(0).at("unit"), "D1");
  EXPECT_FALSE(ranking().at(0).at("disqualified").as_bool());
  json::value event = flow.ok("cityoffice", "POST", "/api/penalties",
                              R"({"period":"2026H2","unit":"D1","type":"N1","date":"2026-08-01",
                                  "description":"施工工地塌方，造成重大安全责任事故"})",
                              201);
  ASSERT_TRUE(event.is_object());
  EXPECT_TRUE(event.at("disqualify").as_bool());
  double deduct = number(event, "deduct");
  json::value d1 = flow.scores("D1");
  EXPECT_TRUE(d1.at("disqualified").as_bool());
  EXPECT_NEAR(number(d1, "total"), std::max(0.0, after_material - deduct), 1e-9);
  auto ranked = ranking();
  ASSERT_EQ(ranked.size(), 3u);  // D1, D2 and 统计局 (nothing assessed)
  EXPECT_EQ(ranked.at(0).at("unit"), "D2");
  EXPECT_EQ(ranked.back().at("unit"), "D1");
  EXPECT_TRUE(ranked.back().at("disqualified").as_bool());

  // 7. Closed: a late grade is refused with 409 period.closed; the score stays.
  json::value closed = flow.ok("cityoffice", "POST", "/api/periods/2026H2/actions/close", "{}");
  ASSERT_TRUE(closed.is_object());
  EXPECT_EQ(closed.at("state"), "closed");
  Reply late = flow.as("office", "POST", path + "/actions/grade", R"({"grade":"A","comment":"复核"})");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(ApiCity::parse(late).at("error").at("key"), "period.closed");
  EXPECT_EQ(ApiCity::error_field(late), "period");
  EXPECT_EQ(flow.ok("office", "GET", path).at("grade"), "B");
  EXPECT_NEAR(flow.total("D1"), std::max(0.0, after_material - deduct), 1e-9);

  // The figures, for the record of this run.
  std::cout << "[ figures ] D1 start " << start << ", after approve " << after_statistic << " (+"
            << after_statistic - start << "), after grade B " << after_material << " (+"
            << after_material - after_statistic << " = " << points << " x " << b << "), after 一票否决 "
            << number(d1, "total") << " (-" << deduct << ", disqualified); D2 " << flow.total("D2") << "\n";
}

}  // namespace
}  // namespace civic::api
