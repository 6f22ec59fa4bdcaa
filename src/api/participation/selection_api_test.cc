// Selections (评选) over real HTTP (both backends): a 文明单位 selection from nomination to the honour roll;
// a stage cannot be skipped; only a superior unit reviews; a reviewer of the candidate's own unit (or a unit
// above it) is refused; the panel score is the mean of the reviewers' totals; approval waits for the end of
// the public notice and for every objection to be resolved (409); a public objection's contact phone is
// sealed and shown masked; an upheld objection withdraws the candidate; the honour roll is public and lists
// only named titles; a negative-list event in the holder's unit flags the title until it is re-examined.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

constexpr long long kDay = 24LL * 60 * 60 * 1000;
constexpr const char* kPhone = "13912345678";

class SelectionApi : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
    service::Principal cli = service::Principal::cli();
    city_->services().units.create(cli,
                                   {"D1-C1", "海关社区", "Customs", UnitType::community, "D1-S1", 5000, 1});
    // Panel reviewers from the other district.
    city_->add_person("p1", "D2", Role::inspector);
    city_->add_person("p2", "D2-S1", Role::inspector);
  }
  json::value ok(const Reply& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return r.status == status ? ApiCity::parse(r) : json::value(json::object{});
  }
  std::string key(const Reply& r) {
    auto v = ApiCity::parse(r);
    return v.as_object().contains("error") ? std::string(v.at("error").at("key").as_string()) : "";
  }
  void create(const std::string& code, const std::string& kind = "civilized_unit", int quota = 2) {
    ok(city_->as(
           "office", "POST", "/api/selections",
           R"({"code":")" + code + R"(","kind":")" + kind +
               R"(","title":"2026年度文明评选","period":"2026","quota":)" + std::to_string(quota) +
               R"(,"notice_days":7,"term_years":3,"criteria":[{"code":"c1","text":"组织领导","max_points":10},)"
               R"({"code":"c2","text":"道德建设","max_points":20}]})"),
       201);
  }
  std::string nominate(const std::string& selection, const std::string& as = "target1",
                       const std::string& unit = "D1-S1", const std::string& name = "") {
    json::value v = ok(city_->as(as, "POST", "/api/selections/" + selection + "/candidates",
                                 R"({"unit":")" + unit + R"(","name":")" + name +
                                     R"(","materials":"事迹材料 https://example.org/a"})"),
                       201);
    return v.as_object().contains("code") ? std::string(v.at("code").as_string()) : "";
  }
  Reply act(const std::string& user, const std::string& candidate, const std::string& action,
            const std::string& body = "{}") {
    return city_->as(user, "POST", "/api/selection-candidates/" + candidate + "/actions/" + action, body);
  }
  Reply score(const std::string& user, const std::string& candidate, double c1, double c2) {
    return act(user, candidate, "score",
               R"({"points":{"c1":)" + std::to_string(c1) + R"(,"c2":)" + std::to_string(c2) + "}}");
  }
  // Nominated, reviewed, scored by p1 and in notice.
  std::string in_notice(const std::string& selection, const std::string& unit = "D1-S1") {
    std::string c = nominate(selection, "target1", unit);
    ok(act("unit_officer", c, "review"));
    ok(score("p1", c, 8, 16));
    ok(act("office", c, "start-notice"));
    return c;
  }
  Reply object(const std::string& selection, const std::string& candidate) {
    return city_->as("", "POST", "/api/public/selections/" + selection + "/objections",
                     R"({"candidate":")" + candidate +
                         R"(","text":"该单位存在违规行为","contact_name":"李四","contact_phone":")" + kPhone +
                         "\"}");
  }
  long long count(const std::string& query, const std::string& param) {
    auto lease = city_->database().lease();
    long long n = 0;
    std::string p = param;
    *lease << query, soci::use(p), soci::into(n);
    return n;
  }
  std::unique_ptr<ApiCity> city_;
};

TEST_P(SelectionApi, FromNominationToTheHonourRoll) {
  create("S-U");
  std::string c = nominate("S-U");
  // The unit cannot review itself: only a superior unit.
  Reply self = act("target1", c, "review");
  EXPECT_EQ(self.status, 403) << self.body;
  EXPECT_EQ(key(self), "selection.review.not_superior");
  json::value reviewed = ok(act("unit_officer", c, "review"));
  EXPECT_EQ(reviewed.at("stage"), "reviewed");

  // A reviewer of D1 (an ancestor of the candidate's unit) may not score it.
  Reply own = score("inspector", c, 10, 20);
  EXPECT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(key(own), "selection.reviewer.own_unit");
  // Points beyond a criterion's maximum, or a criterion missing: 400.
  EXPECT_EQ(score("p1", c, 11, 20).status, 400);
  EXPECT_EQ(act("p1", c, "score", R"({"points":{"c1":5}})").status, 400);
  json::value first = ok(score("p1", c, 8, 16));  // 24
  EXPECT_EQ(first.at("stage"), "scored");
  json::value second = ok(score("p2", c, 6, 12));  // 18
  EXPECT_EQ(second.at("scores"), 2);
  EXPECT_DOUBLE_EQ(second.at("mean_score").as_double(), 21.0);
  // A reviewer scoring again replaces their sheet: (20 + 18) / 2.
  EXPECT_DOUBLE_EQ(ok(score("p1", c, 8, 12)).at("mean_score").as_double(), 19.0);

  json::value detail = ok(city_->as("office", "GET", "/api/selections/S-U"));
  ASSERT_EQ(detail.at("candidates").as_array().size(), 1u);
  EXPECT_EQ(detail.at("criteria").as_array().size(), 2u);
  EXPECT_DOUBLE_EQ(detail.at("candidates").at(0).at("mean_score").as_double(), 19.0);
  EXPECT_EQ(detail.at("candidates").at(0).at("objections"), 0);

  json::value notice = ok(act("office", c, "start-notice"));
  EXPECT_EQ(notice.at("stage"), "in_notice");
  json::value pub = ok(city_->as("", "GET", "/api/public/selections/S-U/notice"));
  ASSERT_EQ(pub.at("candidates").as_array().size(), 1u);
  EXPECT_EQ(pub.at("candidates").at(0).at("name"), "一街道");
  EXPECT_FALSE(pub.at("candidates").at(0).as_object().contains("materials"));
  // Not on the honour roll while in notice.
  EXPECT_EQ(ok(city_->as("", "GET", "/api/public/honour-roll")).as_array().size(), 0u);

  // Before the notice has ended: 409.
  city_->clock().advance_ms(7 * kDay - 1);
  Reply early = act("office", c, "approve");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(key(early), "selection.notice.not_ended");
  city_->clock().advance_ms(1);
  EXPECT_EQ(ok(act("office", c, "approve")).at("stage"), "approved");
  json::value named = ok(act("office", c, "name"));
  EXPECT_EQ(named.at("stage"), "named");
  // 2026-03-08 plus three years.
  EXPECT_EQ(named.at("title_valid_until"), "2029-03-08T00:00:00.000Z");

  json::value roll = ok(city_->as("", "GET", "/api/public/honour-roll?kind=civilized_unit"));
  ASSERT_EQ(roll.as_array().size(), 1u);
  EXPECT_EQ(roll.at(0).at("code").as_string(), c);
  EXPECT_EQ(roll.at(0).at("selection_title"), "2026年度文明评选");
  EXPECT_EQ(ok(city_->as("", "GET", "/api/public/honour-roll?kind=civilized_family")).as_array().size(), 0u);
  EXPECT_EQ(city_->as("", "GET", "/api/public/honour-roll?kind=bogus").status, 400);

  // Every stage change is an event; every write is audited.
  json::value one = ok(city_->as("office", "GET", "/api/selection-candidates/" + c));
  std::vector<std::string> stages;
  for (const auto& e : one.at("events").as_array()) stages.emplace_back(e.at("to").as_string());
  EXPECT_EQ(stages,
            (std::vector<std::string>{"nominated", "reviewed", "scored", "in_notice", "approved", "named"}));
  EXPECT_EQ(one.at("score_sheets").as_array().size(), 2u);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE object_id = :c AND action LIKE 'selection_candidate.%'", c),
      1 + 1 + 3 + 1 + 1 + 1);  // nominate, review, three scores, start_notice, approve, name
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'selection.create' AND object_id = :c", "S-U"), 1);
}

TEST_P(SelectionApi, NoStageCanBeSkipped) {
  create("S-K");
  std::string c = nominate("S-K");
  for (const char* action : {"start-notice", "approve", "name", "renew", "revoke"}) {
    Reply r = act("office", c, action, R"({"note":"x"})");
    EXPECT_EQ(r.status, 409) << action << ": " << r.body;
    EXPECT_EQ(key(r), "selection.stage") << action;
  }
  Reply early = score("p1", c, 5, 5);  // before the preliminary review
  EXPECT_EQ(early.status, 409) << early.body;
  ok(act("unit_officer", c, "review"));
  EXPECT_EQ(act("unit_officer", c, "review").status, 409);  // not twice
  EXPECT_EQ(act("office", c, "start-notice").status, 409);  // not before a score
  EXPECT_EQ(ok(city_->as("office", "GET", "/api/selection-candidates/" + c)).at("stage"), "reviewed");
  // Roles: a unit officer cannot run the notice; a leader cannot nominate; an inspector cannot review.
  EXPECT_EQ(act("unit_officer", c, "start-notice").status, 403);
  EXPECT_EQ(act("inspector", c, "review").status, 403);
  EXPECT_EQ(city_->as("leader", "POST", "/api/selections/S-K/candidates", R"({"unit":"D1-S1"})").status, 403);
  // Outside the nominating officer's scope: 400 as an unknown unit.
  EXPECT_EQ(city_->as("target2", "POST", "/api/selections/S-K/candidates", R"({"unit":"D1-S1"})").status,
            400);
  // Withdrawing needs a reason and ends the candidacy.
  EXPECT_EQ(act("office", c, "withdraw").status, 400);
  EXPECT_EQ(ok(act("office", c, "withdraw", R"({"note":"材料不实"})")).at("stage"), "withdrawn");
  EXPECT_EQ(score("p1", c, 5, 5).status, 409);
}

TEST_P(SelectionApi, APublicObjectionBlocksApprovalUntilDismissedAndItsPhoneIsSealed) {
  create("S-O");
  std::string c = in_notice("S-O");
  Reply lodged = object("S-O", c);
  ASSERT_EQ(lodged.status, 201) << lodged.body;
  long long id = ApiCity::parse(lodged).at("id").as_int64();
  EXPECT_EQ(lodged.body.find(kPhone), std::string::npos);
  // A candidate not in this notice: 400.
  EXPECT_EQ(city_
                ->as("", "POST", "/api/public/selections/S-O/objections",
                     R"({"candidate":"SC0","text":"x","contact_name":"李四","contact_phone":"13912345678"})")
                .status,
            400);

  city_->clock().advance_ms(8 * kDay);
  Reply blocked = act("office", c, "approve");
  EXPECT_EQ(blocked.status, 409) << blocked.body;
  EXPECT_EQ(key(blocked), "selection.objection.open");
  // After the notice: no new objections.
  EXPECT_EQ(object("S-O", c).status, 409);

  json::value one = ok(city_->as("office", "GET", "/api/selection-candidates/" + c));
  ASSERT_EQ(one.at("objection_list").as_array().size(), 1u);
  EXPECT_EQ(one.at("objection_list").at(0).at("contact_phone"), "139****5678");
  EXPECT_EQ(one.at("objection_list").at(0).at("state"), "open");
  EXPECT_EQ(one.at("open_objections"), 1);
  {
    auto lease = city_->database().lease();
    std::string sealed, name;
    *lease << "SELECT contact_phone_sealed, contact_name FROM selection_objections WHERE id = :id",
        soci::use(id), soci::into(sealed), soci::into(name);
    EXPECT_EQ(sealed.find(kPhone), std::string::npos);
    EXPECT_FALSE(sealed.empty());
    EXPECT_EQ(name, "李四");
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE :p", std::string("%") + kPhone + "%"),
            0);

  std::string path = "/api/selection-objections/" + std::to_string(id) + "/actions/";
  EXPECT_EQ(city_->as("office", "POST", path + "dismiss", "{}").status, 400);  // a note is needed
  EXPECT_EQ(city_->as("target1", "POST", path + "dismiss", R"({"note":"x"})").status, 403);
  EXPECT_EQ(ok(city_->as("office", "POST", path + "dismiss", R"({"note":"经核查不属实"})")).at("state"),
            "dismissed");
  EXPECT_EQ(city_->as("office", "POST", path + "uphold", R"({"note":"x"})").status, 409);  // resolved already
  EXPECT_EQ(ok(act("office", c, "approve")).at("stage"), "approved");
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'selection_objection.lodge' AND object_id = :i",
            std::to_string(id)),
      1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'selection_objection.dismiss' AND object_id = :i",
            std::to_string(id)),
      1);
}

TEST_P(SelectionApi, AnUpheldObjectionWithdrawsTheCandidate) {
  create("S-W");
  std::string c = in_notice("S-W");
  long long id = ApiCity::parse(object("S-W", c)).at("id").as_int64();
  json::value upheld =
      ok(city_->as("office", "POST", "/api/selection-objections/" + std::to_string(id) + "/actions/uphold",
                   R"({"note":"查实存在违规"})"));
  EXPECT_EQ(upheld.at("state"), "upheld");
  json::value one = ok(city_->as("office", "GET", "/api/selection-candidates/" + c));
  EXPECT_EQ(one.at("stage"), "withdrawn");
  EXPECT_NE(std::string(one.at("withdrawn_reason").as_string()).find("查实存在违规"), std::string::npos);
  EXPECT_EQ(one.at("events").as_array().back().at("to"), "withdrawn");
  EXPECT_EQ(ok(city_->as("", "GET", "/api/public/selections/S-W/notice")).at("candidates").as_array().size(),
            0u);
  city_->clock().advance_ms(8 * kDay);
  EXPECT_EQ(act("office", c, "approve").status, 409);
  // Out of the office's scope (an objection to a D2 candidate) looks missing.
  EXPECT_EQ(city_->as("office", "POST", "/api/selection-objections/999999/actions/uphold", R"({"note":"x"})")
                .status,
            404);
}

TEST_P(SelectionApi, QuotaAndFamiliesAndANegativeListEventFlagsTheTitleUntilReexamined) {
  create("S-F", "civilized_family", 1);
  // A family in the D1-C1 community, nominated by its street.
  std::string a = nominate("S-F", "target1", "D1-C1", "张三家庭");
  std::string b = nominate("S-F", "target1", "D1-C1", "李四家庭");
  for (const auto& c : {a, b}) {
    ok(act("target1", c, "review"));  // the street is the community's superior unit
    ok(score("p1", c, 9, 18));
    ok(act("office", c, "start-notice"));
  }
  city_->clock().advance_ms(7 * kDay);
  ok(act("office", a, "approve"));
  Reply full = act("office", b, "approve");
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(key(full), "selection.quota.reached");
  json::value named = ok(act("office", a, "name"));
  EXPECT_EQ(named.at("name"), "张三家庭");
  EXPECT_EQ(named.at("unit"), "D1-C1");
  EXPECT_FALSE(named.at("flagged_for_withdrawal").as_bool());

  // A negative-list event in the holder's unit after naming flags the title.
  city_->services().evaluation.import_bundle(
      service::Principal::cli(),
      bundle::read_bundle(
          R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面",
    "indicators":[{"code":"A1.1","name":"指标","items":[{"code":"A1.1.1","name":"制度","max_score":1,"method":"material"}]}]}],
    "negative_list":[{"code":"N1","name":"事故","deduct":1,"disqualify":false}]},
    "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
             {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"},{"code":"D1-C1","parent":"D1-S1"}],
    "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}]})"));
  city_->clock().advance_ms(kDay);
  city_->services().penalties.record(service::Principal::cli(),
                                     {"2026H1", "D1-S1", "N1", "2026-03-09", "事故", {}});
  EXPECT_FALSE(ok(city_->as("office", "GET", "/api/selection-candidates/" + a))
                   .at("flagged_for_withdrawal")
                   .as_bool());
  city_->services().penalties.record(service::Principal::cli(),
                                     {"2026H1", "D1-C1", "N1", "2026-03-09", "事故", {}});
  EXPECT_TRUE(ok(city_->as("office", "GET", "/api/selection-candidates/" + a))
                  .at("flagged_for_withdrawal")
                  .as_bool());
  // Renewed on re-examination: another term, the flag cleared.
  city_->clock().advance_ms(kDay);
  json::value renewed = ok(act("office", a, "renew", R"({"note":"复查合格"})"));
  EXPECT_FALSE(renewed.at("flagged_for_withdrawal").as_bool());
  EXPECT_EQ(renewed.at("title_valid_until"), "2032-03-08T00:00:00.000Z");
  EXPECT_EQ(ok(city_->as("", "GET", "/api/public/honour-roll?kind=civilized_family")).as_array().size(), 1u);
  // Revoked: off the honour roll.
  EXPECT_EQ(act("office", a, "revoke").status, 400);  // a reason is needed
  EXPECT_EQ(ok(act("office", a, "revoke", R"({"note":"复查不合格"})")).at("stage"), "withdrawn");
  EXPECT_EQ(ok(city_->as("", "GET", "/api/public/honour-roll")).as_array().size(), 0u);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'selection_candidate.revoke' AND object_id = :c",
            a),
      1);
}

TEST_P(SelectionApi, PublicObjectionsAreRateLimited) {
  create("S-R");
  std::string c = in_notice("S-R");
  int limited = 0;
  for (int i = 0; i < 10; ++i) limited += object("S-R", c).status == 429 ? 1 : 0;
  EXPECT_GE(limited, 4);
}

CIVIC_INSTANTIATE_BACKENDS(SelectionApi);

}  // namespace
}  // namespace civic::api
