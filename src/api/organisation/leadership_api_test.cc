// Leadership groups and responsible persons over real HTTP (both backends): a group re-formed on 2026-07-01
// shows the old members on 2026-06-30 and the new ones from 2026-07-01; a version overlapping the latest one
// is refused (409) and so is a composition with two 组长 (400), nothing stored either time; an officer of
// another district gets 404 as for a missing unit or group; a unit officer writes for their own unit; the
// phone of a responsible person is stored sealed (not in the table, not in the audit log), masked in
// answers and revealed only with reveal_personal_data, audited; a new holder closes the old one on its date.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

constexpr const char* kPhone = "13912345678";

std::string members_2026_01() {
  return R"([{"name":"王建国","position":"区党委书记","role":"组长"},
             {"name":"李志强","position":"区管委会主任","role":"副组长"},
             {"name":"陈晓燕","position":"宣传部部长","role":"办公室主任","duties":"日常工作"},
             {"name":"赵明","position":"市场管理处处长","role":"成员"}])";
}
std::string members_2026_07() {
  return R"([{"name":"刘永平","position":"区党委书记","role":"组长"},
             {"name":"李志强","position":"区管委会主任","role":"副组长"},
             {"name":"孙丽","position":"宣传部部长","role":"办公室主任"}])";
}

std::string group_body(const std::string& members = members_2026_01()) {
  return R"({"code":"D1-LDXZ","kind":"领导小组","name":"创建全国文明城市领导小组","valid_from":"2026-01-15",
    "notice":{"number":"〔2026〕3号","title":"关于调整创建全国文明城市领导小组的通知"},"members":)" +
         members + "}";
}

std::string reform_body(const std::string& from, const std::string& members = members_2026_07()) {
  return R"({"valid_from":")" + from +
         R"(","notice":{"number":"〔2026〕27号","title":"关于调整创建全国文明城市领导小组的通知"},"members":)" +
         members + "}";
}

class LeadershipApi : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
  }
  long long count(const std::string& query) {
    auto lease = city_->database().lease();
    long long n = 0;
    *lease << query, soci::into(n);
    return n;
  }
  std::vector<std::string> names_on(const std::string& date) {
    Reply r = city_->as("leader", "GET", "/api/leadership-groups/D1-LDXZ?date=" + date);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    json::value v = ApiCity::parse(r);
    if (v.at("version").is_null()) return out;
    for (const auto& m : v.at("version").at("members").as_array()) out.emplace_back(m.at("name").as_string());
    return out;
  }
  std::unique_ptr<ApiCity> city_;
};

TEST_P(LeadershipApi, AGroupReformedOnADateShowsTheRightMembersBeforeAndAfter) {
  Reply created = city_->as("office", "POST", "/api/units/D1/leadership-groups", group_body());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(ApiCity::parse(created).at("version").at("members").as_array().size(), 4u);
  Reply reformed =
      city_->as("office", "POST", "/api/leadership-groups/D1-LDXZ/versions", reform_body("2026-07-01"));
  ASSERT_EQ(reformed.status, 201) << reformed.body;
  EXPECT_TRUE(ApiCity::parse(reformed).at("valid_to").is_null());

  EXPECT_EQ(names_on("2026-06-30"), (std::vector<std::string>{"王建国", "李志强", "陈晓燕", "赵明"}));
  EXPECT_EQ(names_on("2026-07-01"), (std::vector<std::string>{"刘永平", "李志强", "孙丽"}));
  EXPECT_TRUE(names_on("2026-01-14").empty());  // before the group was formed: no version

  Reply one = city_->as("leader", "GET", "/api/leadership-groups/D1-LDXZ?date=2026-06-30");
  json::value v = ApiCity::parse(one);
  EXPECT_EQ(v.at("version").at("valid_from"), "2026-01-15");
  EXPECT_EQ(v.at("version").at("valid_to"), "2026-07-01");
  EXPECT_EQ(v.at("version").at("notice").at("number"), "〔2026〕3号");
  EXPECT_EQ(v.at("version").at("members").at(0).at("role"), "组长");
  EXPECT_EQ(v.at("version").at("members").at(2).at("duties"), "日常工作");

  Reply versions = city_->as("office", "GET", "/api/leadership-groups/D1-LDXZ/versions");
  ASSERT_EQ(versions.status, 200) << versions.body;
  json::value versions_json = ApiCity::parse(versions);
  const json::array& vs = versions_json.as_array();
  ASSERT_EQ(vs.size(), 2u);
  EXPECT_EQ(vs.at(0).at("valid_from"), "2026-07-01");  // newest first
  EXPECT_EQ(vs.at(1).at("valid_to"), "2026-07-01");

  Reply list = city_->as("unit_officer", "GET", "/api/units/D1/leadership-groups?date=2026-03-01");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(ApiCity::parse(list).at(0).at("version").at("members").at(0).at("name"), "王建国");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'leadership_group.create'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'leadership_group.reform'"), 1);
  EXPECT_EQ(city_->as("office", "GET", "/api/leadership-groups/D1-LDXZ?date=2026-13-01").status, 400);
}

TEST_P(LeadershipApi, AnOverlappingVersionAndTwoLeadersAreRefusedStoringNothing) {
  ASSERT_EQ(city_->as("office", "POST", "/api/units/D1/leadership-groups", group_body()).status, 201);
  ASSERT_EQ(city_->as("office", "POST", "/api/leadership-groups/D1-LDXZ/versions", reform_body("2026-07-01"))
                .status,
            201);
  for (const char* from : {"2026-07-01", "2026-03-01"}) {
    Reply overlap = city_->as("office", "POST", "/api/leadership-groups/D1-LDXZ/versions", reform_body(from));
    EXPECT_EQ(overlap.status, 409) << overlap.body;
    EXPECT_EQ(ApiCity::parse(overlap).at("error").at("key"), "leadership_group.version.overlap");
  }
  std::string two =
      R"([{"name":"甲","position":"书记","role":"组长"},{"name":"乙","position":"主任","role":"组长"}])";
  Reply leaders =
      city_->as("office", "POST", "/api/leadership-groups/D1-LDXZ/versions", reform_body("2026-09-01", two));
  EXPECT_EQ(leaders.status, 400) << leaders.body;
  EXPECT_EQ(ApiCity::parse(leaders).at("error").at("key"), "leadership_group.leader.duplicate");
  EXPECT_EQ(ApiCity::parse(leaders).at("error").at("field"), "members[1].role");
  Reply new_group = city_->as("office", "POST", "/api/units/D1-S1/leadership-groups",
                              group_body(two).replace(9, 7, "D1-S1-X"));
  EXPECT_EQ(new_group.status, 400) << new_group.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM leadership_group_versions"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM leadership_groups"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'leadership_group.%'"), 2);
  // The open version is still open.
  EXPECT_TRUE(names_on("2030-01-01").size() == 3u);
}

TEST_P(LeadershipApi, AnOfficerOutsideTheUnitIsRefusedAsIfItDidNotExist) {
  // target1 (unit officer at D1-S1) forms their street's group; target2 (D2-S1) sees and changes nothing.
  std::string body = group_body();
  body.replace(body.find("D1-LDXZ"), 7, "S1-LDXZ");
  Reply own = city_->as("target1", "POST", "/api/units/D1-S1/leadership-groups", body);
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(city_->as("target1", "POST", "/api/units/D1/leadership-groups", group_body()).status, 404);
  EXPECT_EQ(city_->as("target2", "GET", "/api/units/D1-S1/leadership-groups").status, 404);
  EXPECT_EQ(city_->as("target2", "GET", "/api/leadership-groups/S1-LDXZ").status, 404);
  EXPECT_EQ(city_->as("target2", "GET", "/api/leadership-groups/S1-LDXZ/versions").status, 404);
  Reply other =
      city_->as("target2", "POST", "/api/leadership-groups/S1-LDXZ/versions", reform_body("2026-07-01"));
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(city_
                ->as("target2", "PUT", "/api/units/D1-S1/responsible-persons",
                     R"({"kind":"liaison","name":"周强","valid_from":"2026-01-01"})")
                .status,
            404);
  // Reading is for whoever reads units; writing is not for the inspector.
  EXPECT_EQ(city_->as("inspector", "GET", "/api/leadership-groups/S1-LDXZ").status, 200);
  EXPECT_EQ(
      city_->as("inspector", "POST", "/api/leadership-groups/S1-LDXZ/versions", reform_body("2026-07-01"))
          .status,
      403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM leadership_group_versions"), 1);
}

TEST_P(LeadershipApi, APhoneIsSealedMaskedAndRevealedOnlyWithThePermission) {
  Reply set = city_->as(
      "office", "PUT", "/api/units/D1/responsible-persons",
      std::string(R"({"kind":"first_responsible","name":"王建国","position":"区党委书记","phone":")") +
          kPhone + R"(","valid_from":"2026-01-15"})");
  ASSERT_EQ(set.status, 200) << set.body;
  json::value v = ApiCity::parse(set);
  EXPECT_EQ(v.at("first_responsible").at("name"), "王建国");
  EXPECT_EQ(v.at("first_responsible").at("phone"), "139****5678");
  EXPECT_TRUE(v.at("liaison").is_null());
  EXPECT_EQ(set.body.find(kPhone), std::string::npos);
  {
    auto lease = city_->database().lease();
    std::string sealed;
    *lease << "SELECT phone_sealed FROM unit_responsible_persons", soci::into(sealed);
    EXPECT_FALSE(sealed.empty());
    EXPECT_EQ(sealed.find(kPhone), std::string::npos);
  }
  EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM audit_log WHERE before_json LIKE '%") + kPhone +
                  "%' OR after_json LIKE '%" + kPhone + "%'"),
            0);
  Reply masked = city_->as("unit_officer", "GET", "/api/units/D1/responsible-persons");
  ASSERT_EQ(masked.status, 200) << masked.body;
  EXPECT_EQ(masked.body.find(kPhone), std::string::npos);
  EXPECT_EQ(city_->as("unit_officer", "GET", "/api/units/D1/responsible-persons?reveal=phone").status, 403);
  Reply revealed = city_->as("office", "GET", "/api/units/D1/responsible-persons?reveal=phone");
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(ApiCity::parse(revealed).at("first_responsible").at("phone"), kPhone);
  EXPECT_EQ(ApiCity::parse(revealed).at("first_responsible").at("revealed"), true);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'unit_responsible.reveal' AND object_id = 'D1'"),
      1);
  EXPECT_EQ(city_->as("office", "GET", "/api/units/D1/responsible-persons?reveal=name").status, 400);
  Reply bad = city_->as("office", "PUT", "/api/units/D1/responsible-persons",
                        R"({"kind":"liaison","name":"周强","phone":"12345","valid_from":"2026-01-01"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ApiCity::parse(bad).at("error").at("key"), "responsible_person.phone.invalid");
}

TEST_P(LeadershipApi, ANewHolderClosesTheOldOneAndThePastIsKept) {
  auto put = [&](const std::string& name, const std::string& from) {
    return city_->as("unit_officer", "PUT", "/api/units/D1-S1/responsible-persons",
                     R"({"kind":"liaison","name":")" + name + R"(","position":"办公室主任","valid_from":")" +
                         from + R"("})");
  };
  ASSERT_EQ(put("周强", "2026-01-01").status, 200);
  Reply second = put("吴敏", "2026-05-01");
  ASSERT_EQ(second.status, 200) << second.body;
  json::value v = ApiCity::parse(second);
  const json::array& history = v.at("history").as_array();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history.at(0).at("name"), "吴敏");
  EXPECT_TRUE(history.at(0).at("valid_to").is_null());
  EXPECT_EQ(history.at(1).at("name"), "周强");
  EXPECT_EQ(history.at(1).at("valid_to"), "2026-05-01");
  EXPECT_EQ(history.at(1).at("phone"), "");  // none given
  Reply overlap = put("郑华", "2026-05-01");
  EXPECT_EQ(overlap.status, 409);
  EXPECT_EQ(ApiCity::parse(overlap).at("error").at("key"), "responsible_person.version.overlap");
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'unit_responsible.set' AND object_id = 'D1-S1'"),
      2);
}

CIVIC_INSTANTIATE_BACKENDS(LeadershipApi);

}  // namespace
}  // namespace civic::api
