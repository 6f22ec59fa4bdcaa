// Cases through the HTTP API on both backends: every state × every action (allowed → 200 and the new state,
// otherwise 409 naming the allowed actions), scope (another district's officer gets 404), and a full walk
// reported → closed that moves /api/case-measures; notifications listed and marked read.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "api/core/api_test_city.h"
#include "domain/files/test_images.h"
#include "platform/spreadsheet.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

const std::vector<std::string> kActions = {"register",
                                           "reject",
                                           "dispatch",
                                           "accept",
                                           "send-back",
                                           "ask-postponement",
                                           "approve-postponement",
                                           "refuse-postponement",
                                           "report-handled",
                                           "verify-ok",
                                           "verify-fail",
                                           "reopen",
                                           "supervise"};

// cases.md "States and transitions", restated: state → {action → next state}. Supervise needs a case past
// due_at, which none of these is, so it is refused everywhere here (the service test covers it).
const std::map<std::string, std::map<std::string, std::string>> kAllowed = {
    {"reported", {{"register", "registered"}, {"reject", "rejected"}}},
    {"registered", {{"dispatch", "dispatched"}}},
    {"rejected", {}},
    {"dispatched", {{"accept", "handling"}, {"send-back", "registered"}}},
    {"handling",
     {{"send-back", "registered"}, {"ask-postponement", "handling"}, {"report-handled", "handled"}}},
    {"handling+pending",
     {{"send-back", "registered"},
      {"approve-postponement", "handling"},
      {"refuse-postponement", "handling"},
      {"report-handled", "handled"}}},
    {"handled", {{"verify-ok", "closed"}, {"verify-fail", "handling"}}},
    {"closed", {{"reopen", "handling"}}},
};

// Who takes an action: the unit officer (at D1, so D1-S1 is in scope) for the unit's steps, else the office.
std::string actor_for(const std::string& action) {
  static const std::set<std::string> unit_steps{"accept", "send-back", "ask-postponement", "report-handled"};
  return unit_steps.count(action) ? "unit_officer" : "office";
}

class CaseApiTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
    photo_ = city_->services().photos.add_photo(service::Principal::cli(), civic::testing::tiny_png(2, 2)).id;
  }

  // A case at D1-S1 brought to `state` by the CLI through the service.
  std::string case_in(const std::string& state) {
    service::Principal cli = service::Principal::cli();
    service::CaseService& cases = city_->services().cases;
    service::NewCase input;
    input.title = "占道经营";
    input.category = "order";
    input.unit = "D1-S1";
    std::string code = cases.create(cli, input).code;
    auto step = [&](const std::string& action, service::CaseActionRequest r = {}) {
      cases.act(cli, code, action, r);
    };
    if (state == "reported") return code;
    if (state == "rejected") {
      service::CaseActionRequest r;
      r.reason = "不属实";
      step("reject", r);
      return code;
    }
    step("register");
    if (state == "registered") return code;
    service::CaseActionRequest d;
    d.unit = "D1-S1";
    step("dispatch", d);
    if (state == "dispatched") return code;
    step("accept");
    if (state == "handling") return code;
    if (state == "handling+pending") {
      service::CaseActionRequest ask;
      ask.requested_due_at = city_->services().clock.now_ms() + 400LL * 3600 * 1000;
      step("ask-postponement", ask);
      return code;
    }
    service::CaseActionRequest h;
    h.note = "已处置";
    h.photos = {photo_};
    step("report-handled", h);
    if (state == "handled") return code;
    step("verify-ok");
    return code;  // closed
  }

  // A body that carries every input any action may require.
  std::string full_body() const {
    return R"({"reason":"理由","note":"说明","photos":[")" + photo_ +
           R"("],"unit":"D1-S1","category":"order","severity":"一般","requested_due_at":"2026-12-01T00:00:00Z",)"
           R"("new_due_at":"2026-12-02T00:00:00Z"})";
  }

  Reply act(const std::string& user, const std::string& code, const std::string& action,
            const std::string& body) {
    return city_->as(user, "POST", "/api/cases/" + code + "/actions/" + action, body);
  }

  std::unique_ptr<ApiCity> city_;
  std::string photo_;
};
CIVIC_INSTANTIATE_BACKENDS(CaseApiTest);

TEST_P(CaseApiTest, EveryStateTimesEveryAction) {
  int allowed = 0, refused = 0;
  for (const auto& [state, transitions] : kAllowed) {
    for (const std::string& action : kActions) {
      std::string code = case_in(state);
      Reply r = act(actor_for(action), code, action, full_body());
      auto next = transitions.find(action);
      if (next != transitions.end()) {
        ASSERT_EQ(r.status, 200) << state << " " << action << ": " << r.body;
        EXPECT_EQ(ApiCity::parse(r).at("state").as_string(), next->second) << state << " " << action;
        ++allowed;
      } else {
        ASSERT_EQ(r.status, 409) << state << " " << action << ": " << r.body;
        json::value e = ApiCity::parse(r);
        EXPECT_EQ(e.at("error").at("code").as_string(), "conflict");
        EXPECT_NE(std::string(e.at("error").at("message").as_string()).find("allowed:"), std::string::npos)
            << r.body;
        ++refused;
      }
    }
  }
  EXPECT_EQ(allowed, 15);
  EXPECT_EQ(refused, 8 * 13 - 15);
}

TEST_P(CaseApiTest, AnotherDistrictsOfficerCannotSeeOrAct) {
  std::string code = case_in("dispatched");
  EXPECT_EQ(city_->as("target1", "GET", "/api/cases/" + code).status, 200);
  EXPECT_EQ(city_->as("target2", "GET", "/api/cases/" + code).status, 404);
  EXPECT_EQ(act("target2", code, "accept", "{}").status, 404);
  Reply list = city_->as("target2", "GET", "/api/cases");
  EXPECT_EQ(ApiCity::parse(list).at("total").as_int64(), 0);
  EXPECT_EQ(act("target1", code, "accept", R"({"version":1})").status, 409);  // stale version
  EXPECT_EQ(act("target1", code, "accept", "{}").status, 200);
}

// The filtered case list as Excel: exactly the rows the list has for the same filter, Chinese headings and
// labels, local times; CSV too; every download audited; a bad format changes nothing.
TEST_P(CaseApiTest, TheFilteredListDownloadsAsExcelAndIsAudited) {
  std::string registered = case_in("registered"), dispatched = case_in("dispatched");
  case_in("closed");
  Reply xlsx = city_->as("office", "GET", "/api/cases/export?format=xlsx&state=registered&unit=D1");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 200);
  platform::Cells cells = platform::read_xlsx(xlsx.body);
  ASSERT_FALSE(cells.empty());
  EXPECT_EQ(cells[0][0], "案卷编号");
  EXPECT_EQ(cells[0][4], "状态");
  long long total =
      ApiCity::parse(city_->as("office", "GET", "/api/cases?state=registered&unit=D1&page_size=1"))
          .at("total")
          .as_int64();
  ASSERT_EQ(static_cast<long long>(cells.size()), total + 1);
  bool found = false;
  for (size_t i = 1; i < cells.size(); ++i) {
    EXPECT_EQ(cells[i][4], "已立案");
    EXPECT_NE(cells[i][0], dispatched);
    if (cells[i][0] != registered) continue;
    found = true;
    EXPECT_EQ(cells[i][1], "占道经营");
    EXPECT_EQ(cells[i][2], "市容秩序");  // the category's name, not its code "order"
    EXPECT_EQ(cells[i][8], "D1-S1");
    EXPECT_EQ(cells[i][12].size(), 16u) << cells[i][12];  // YYYY-MM-DD hh:mm
  }
  EXPECT_TRUE(found);
  Reply csv = city_->as("office", "GET", "/api/cases/export?format=csv&state=dispatched");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF案卷编号,"));
  EXPECT_NE(csv.body.find(dispatched), std::string::npos);
  EXPECT_EQ(csv.body.find(registered), std::string::npos);
  auto exports = [&] {
    return city_->services()
        .audit.list(service::Principal::cli(), {"", "case.export", "", "", 0, 0}, {1, 1})
        .total;
  };
  EXPECT_EQ(exports(), 2);
  EXPECT_EQ(city_->as("office", "GET", "/api/cases/export?format=pdf").status, 400);
  EXPECT_EQ(city_->as("office", "GET", "/api/cases/export?state=nope").status, 400);
  EXPECT_EQ(exports(), 2);
  EXPECT_EQ(city_->as("target2", "GET", "/api/cases/export?unit=D1").status, 404);  // out of scope
}

// The red and black lists as a file: the JSON's lists and ranking row by row (榜单, 排名, 单位 …), the rule
// figures that explain the ranks in the JSON, scope as the rankings, every download audited.
TEST_P(CaseApiTest, TheRankingsDownloadAsExcelWithTheirLists) {
  case_in("closed");
  case_in("closed");
  service::Principal cli = service::Principal::cli();
  service::CaseService& cases = city_->services().cases;
  service::NewCase input;
  input.title = "井盖缺失";
  input.category = "order";
  input.unit = "D2-S1";
  std::string d2 = cases.create(cli, input).code;
  cases.act(cli, d2, "register", {});
  service::CaseActionRequest to_d2;
  to_d2.unit = "D2-S1";
  cases.act(cli, d2, "dispatch", to_d2);

  city_->add_person("city_office", "CITY", Role::office);
  const std::string query = "period=2026H1&level=district&under=CITY&list_size=1&min_cases=1";
  Reply listed = city_->as("city_office", "GET", "/api/case-rankings?" + query);
  ASSERT_EQ(listed.status, 200) << listed.body;
  json::value r = ApiCity::parse(listed);
  EXPECT_EQ(r.at("list_size").as_int64(), 1);
  EXPECT_EQ(r.at("min_cases").as_int64(), 1);
  EXPECT_EQ(r.at("ranked").as_int64(), 2);
  EXPECT_EQ(r.at("units").as_int64(), 2);
  ASSERT_EQ(r.at("red").as_array().size(), 1u);
  EXPECT_EQ(r.at("red").at(0).at("unit"), "D1");
  ASSERT_EQ(r.at("black").as_array().size(), 1u);
  EXPECT_EQ(r.at("black").at(0).at("unit"), "D2");

  Reply xlsx = city_->as("city_office", "GET", "/api/case-rankings/export?format=xlsx&" + query);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 200);
  platform::Cells cells = platform::read_xlsx(xlsx.body);
  ASSERT_EQ(cells.size(), 5u);  // heading, 1 red, 1 black, 2 ranked
  EXPECT_EQ(cells[0], (std::vector<std::string>{"榜单", "排名", "单位", "单位编码", "案卷数", "综合得分"}));
  EXPECT_EQ(cells[1][0], "红榜");
  EXPECT_EQ(cells[1][1], "1");
  EXPECT_EQ(cells[1][2], "一区");
  EXPECT_EQ(cells[1][3], "D1");
  EXPECT_EQ(cells[1][4], "2");
  EXPECT_EQ(cells[2][0], "黑榜");
  EXPECT_EQ(cells[2][1], "2");
  EXPECT_EQ(cells[2][3], "D2");
  EXPECT_EQ(cells[2][4], "1");
  EXPECT_EQ(cells[3][0], "排名");
  EXPECT_EQ(cells[3][3], "D1");
  EXPECT_EQ(cells[4][3], "D2");
  char composite[32];
  std::snprintf(composite, sizeof composite, "%.2f", r.at("red").at(0).at("composite").to_number<double>());
  EXPECT_EQ(cells[1][5], composite);

  Reply csv = city_->as("city_office", "GET", "/api/case-rankings/export?format=csv&" + query);
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF榜单,排名,")) << csv.body.substr(0, 40);
  auto exports = [&] {
    return city_->services()
        .audit.list(service::Principal::cli(), {"", "case_rankings.export", "", "", 0, 0}, {1, 1})
        .total;
  };
  EXPECT_EQ(exports(), 2);
  EXPECT_EQ(city_->as("office", "GET", "/api/case-rankings/export?format=pdf").status, 400);
  EXPECT_EQ(city_->as("office", "GET", "/api/case-rankings/export?level=city").status, 400);
  EXPECT_EQ(city_->as("target2", "GET", "/api/case-rankings/export?level=street&under=D1").status, 404);
  EXPECT_EQ(city_->as("audit_admin", "GET", "/api/case-rankings/export").status, 403);
  EXPECT_EQ(exports(), 2);
}

TEST_P(CaseApiTest, WalkToClosedMovesMeasuresAndNotifies) {
  Reply created =
      city_->as("office", "POST", "/api/cases",
                R"({"title":"垃圾堆放","category":"environment","description":"路边垃圾","lat":31.0,)"
                R"("lon":121.0,"address":"一街道","unit":"D1-S1","photos":[")" +
                    photo_ + R"("],"source":"hotline"})");
  ASSERT_EQ(created.status, 201) << created.body;
  json::value c = ApiCity::parse(created);
  std::string code(c.at("code").as_string());
  EXPECT_EQ(c.at("state").as_string(), "reported");
  EXPECT_EQ(c.at("allowed_actions"), json::parse(R"(["register","reject"])"));

  auto measures = [&] {
    Reply m = city_->as("office", "GET", "/api/case-measures?unit=D1&period=2026H1");
    EXPECT_EQ(m.status, 200) << m.body;
    return ApiCity::parse(m).at("measures");
  };
  EXPECT_EQ(measures().at("base_count").as_int64(), 0);
  EXPECT_TRUE(measures().at("closure_rate").is_null());

  ASSERT_EQ(act("office", code, "register", R"({"version":1,"severity":"一般"})").status, 200);
  Reply dispatched =
      act("office", code, "dispatch", R"({"unit":"D1-S1","category":"environment","severity":"一般"})");
  ASSERT_EQ(dispatched.status, 200) << dispatched.body;
  EXPECT_EQ(ApiCity::parse(dispatched).at("due_at").as_string(), "2026-03-03T00:00:00.000Z");  // 48 h
  EXPECT_EQ(measures().at("base_count").as_int64(), 1);
  EXPECT_EQ(measures().at("closure_rate").as_double(), 0.0);

  // The responsible unit's officer is told.
  Reply inbox = city_->as("target1", "GET", "/api/notifications?unread=true");
  ASSERT_EQ(inbox.status, 200);
  json::value n = ApiCity::parse(inbox);
  EXPECT_EQ(n.at("unread_count").as_int64(), 1);
  EXPECT_EQ(n.at("items").at(0).at("kind").as_string(), "case_dispatched");
  EXPECT_EQ(n.at("items").at(0).at("object_id").as_string(), code);
  // It says where: the unit's place below the city, by name.
  EXPECT_EQ(n.at("items").at(0).at("params").at("where").as_string(), "一区 · 一街道");
  EXPECT_EQ(city_->as("target1", "POST", "/api/notifications/actions/read-all").status, 204);
  EXPECT_EQ(ApiCity::parse(city_->as("target1", "GET", "/api/notifications")).at("unread_count").as_int64(),
            0);

  ASSERT_EQ(act("target1", code, "accept", "{}").status, 200);
  Reply no_photo = act("target1", code, "report-handled", R"({"note":"已清运"})");
  EXPECT_EQ(no_photo.status, 400);
  ASSERT_EQ(
      act("target1", code, "report-handled", R"({"note":"已清运","photos":[")" + photo_ + R"("]})").status,
      200);
  EXPECT_EQ(ApiCity::parse(city_->as("office", "GET", "/api/notifications")).at("items").at(0).at("kind"),
            "case_handled");
  Reply closed = act("inspector", code, "verify-ok", R"({"outcome":"fixed"})");
  ASSERT_EQ(closed.status, 200) << closed.body;
  json::value detail = ApiCity::parse(closed);
  EXPECT_EQ(detail.at("state").as_string(), "closed");
  const json::array& events = detail.at("events").as_array();
  ASSERT_EQ(events.size(), 6u);
  EXPECT_EQ(events[5].at("action").as_string(), "verify-ok");
  EXPECT_EQ(events[5].at("actor").as_string(), "inspector");
  EXPECT_EQ(events[5].at("from_state").as_string(), "handled");
  EXPECT_EQ(events[5].at("to_state").as_string(), "closed");

  json::value after = measures();
  EXPECT_EQ(after.at("closure_rate").as_double(), 1.0);
  EXPECT_EQ(after.at("on_time_closure_rate").as_double(), 1.0);
  EXPECT_EQ(after.at("fixed_share").as_double(), 1.0);
  EXPECT_EQ(after.at("composite").as_double(), 100.0);

  // One audit record per action.
  service::AuditFilter f;
  f.object_type = "case";
  f.object_id = code;
  EXPECT_EQ(city_->services().audit.list(service::Principal::cli(), f, {1, 50}).total, 6);

  Reply categories = city_->as("", "GET", "/api/case-categories");
  ASSERT_EQ(categories.status, 200);
  EXPECT_EQ(ApiCity::parse(categories).as_array().size(), 9u);
}

}  // namespace
}  // namespace civic::api
