// Volunteers over real HTTP (both backends): a public registration is pending until the officer of its
// community confirms it; an officer of another district gets 404 as for a missing one; answers are masked
// by default; revealing needs reveal_personal_data (403 without) and is audited naming the volunteer; the
// database holds no plaintext name, phone or ID number; a second registration with the same ID number is
// 409; bad input is 400 naming the field with nothing stored; a rejection needs a reason; teams hold
// confirmed volunteers of their unit; the public route is rate-limited.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "domain/participation/test_id_number.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

constexpr const char* kId = "11010519491231002X";
constexpr const char* kPhone = "13812341234";

std::string body(const std::string& name, const std::string& id, const std::string& unit = "D1-C1",
                 const std::string& phone = kPhone) {
  return R"({"name":")" + name + R"(","phone":")" + phone + R"(","id_number":")" + id + R"(","unit":")" +
         unit + R"(","skills":["急救","翻译"],"availability":"周末"})";
}

class VolunteerApi : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
    service::Principal cli = service::Principal::cli();
    city_->services().units.create(cli,
                                   {"D1-C1", "海关社区", "Customs", UnitType::community, "D1-S1", 5000, 1});
    city_->services().units.create(cli, {"D2-C1", "二社区", "C2", UnitType::community, "D2-S1", 5000, 1});
    city_->add_person("c1", "D1-C1", Role::unit_officer);
  }
  Reply register_public(const std::string& b) { return city_->as("", "POST", "/api/public/volunteers", b); }
  std::string registered(const std::string& name, const std::string& id) {
    Reply r = register_public(body(name, id));
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(ApiCity::parse(r).at("code").as_string());
  }
  long long count(const std::string& query, const std::string& param) {
    auto lease = city_->database().lease();
    long long n = 0;
    std::string p = param;
    *lease << query, soci::use(p), soci::into(n);
    return n;
  }
  long long volunteers() {
    auto lease = city_->database().lease();
    long long n = 0;
    *lease << "SELECT COUNT(*) FROM volunteers", soci::into(n);
    return n;
  }
  std::unique_ptr<ApiCity> city_;
};

TEST_P(VolunteerApi, RegisteredIsPendingUntilTheCommunitysOfficerConfirms) {
  Reply r = register_public(body("张三明", kId));
  ASSERT_EQ(r.status, 201) << r.body;
  json::value created = ApiCity::parse(r);
  EXPECT_EQ(created.at("state"), "pending");
  EXPECT_EQ(created.at("name"), "张*明");  // the public answer is masked
  EXPECT_FALSE(created.as_object().contains("phone"));
  std::string code(created.at("code").as_string());

  // An officer of another district: as if it did not exist.
  EXPECT_EQ(city_->as("target2", "GET", "/api/volunteers/" + code).status, 404);
  EXPECT_EQ(city_->as("target2", "POST", "/api/volunteers/" + code + "/actions/confirm", "{}").status, 404);
  Reply other = city_->as("target2", "GET", "/api/volunteers");
  EXPECT_EQ(ApiCity::parse(other).at("total"), 0);
  // Roles without read_volunteers: 403.
  EXPECT_EQ(city_->as("inspector", "GET", "/api/volunteers/" + code).status, 403);

  Reply pending = city_->as("c1", "GET", "/api/volunteers?state=pending");
  ASSERT_EQ(pending.status, 200) << pending.body;
  EXPECT_EQ(ApiCity::parse(pending).at("total"), 1);
  Reply confirmed = city_->as("c1", "POST", "/api/volunteers/" + code + "/actions/confirm", "{}");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  json::value v = ApiCity::parse(confirmed);
  EXPECT_EQ(v.at("state"), "confirmed");
  EXPECT_EQ(v.at("confirmed_by"), "c1");
  EXPECT_EQ(v.at("hours").as_double(), 0);
  EXPECT_EQ(v.at("stars"), 0);
  Reply again = city_->as("c1", "POST", "/api/volunteers/" + code + "/actions/confirm", "{}");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ApiCity::parse(again).at("error").at("key"), "volunteer.state");
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.register' AND object_id = :c", code),
      1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.confirm' AND object_id = :c", code), 1);
}

TEST_P(VolunteerApi, MaskedByDefaultRevealNeedsThePermissionAndIsAudited) {
  std::string code = registered("张三明", kId);
  Reply r = city_->as("c1", "GET", "/api/volunteers/" + code);
  ASSERT_EQ(r.status, 200) << r.body;
  json::value v = ApiCity::parse(r);
  EXPECT_EQ(v.at("name"), "张三明");  // officers see the name
  EXPECT_EQ(v.at("phone"), "138****1234");
  EXPECT_EQ(v.at("id_number"), "110***********002X");
  EXPECT_TRUE(v.at("revealed").is_null());
  Reply list = city_->as("office", "GET", "/api/volunteers");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(kPhone), std::string::npos);
  EXPECT_EQ(list.body.find(kId), std::string::npos);

  // A unit officer may read but not reveal.
  Reply refused = city_->as("c1", "GET", "/api/volunteers/" + code + "?reveal=id_number");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.reveal' AND object_id = :c", code), 0);
  EXPECT_EQ(city_->as("office", "GET", "/api/volunteers/" + code + "?reveal=name").status, 400);

  Reply revealed = city_->as("office", "GET", "/api/volunteers/" + code + "?reveal=id_number");
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(ApiCity::parse(revealed).at("id_number"), kId);
  EXPECT_EQ(ApiCity::parse(revealed).at("phone"), "138****1234");
  EXPECT_EQ(ApiCity::parse(revealed).at("revealed"), "id_number");
  Reply phone = city_->as("office", "GET", "/api/volunteers/" + code + "?reveal=phone");
  EXPECT_EQ(ApiCity::parse(phone).at("phone"), kPhone);
  EXPECT_EQ(ApiCity::parse(phone).at("id_number"), "110***********002X");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.reveal' AND object_id = :c"
                  " AND actor = 'office' AND after_json LIKE '%id_number%'",
                  code),
            1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.reveal' AND object_id = :c", code), 2);
}

TEST_P(VolunteerApi, TheDatabaseHoldsNoPlaintextNamePhoneOrIdNumber) {
  std::string code = registered("张三明", kId);
  ASSERT_EQ(city_->as("office", "GET", "/api/volunteers/" + code + "?reveal=phone").status, 200);
  auto lease = city_->database().lease();
  std::string name, phone, id, hash;
  std::string c = code;
  *lease
      << "SELECT name_sealed, phone_sealed, id_number_sealed, id_number_hash FROM volunteers WHERE code = :c",
      soci::use(c), soci::into(name), soci::into(phone), soci::into(id), soci::into(hash);
  for (const std::string& column : {name, phone, id, hash}) {
    EXPECT_FALSE(column.empty());
    EXPECT_EQ(column.find("张三明"), std::string::npos) << column;
    EXPECT_EQ(column.find(kPhone), std::string::npos) << column;
    EXPECT_EQ(column.find("1231002"), std::string::npos) << column;
  }
  EXPECT_NE(name, phone);
  // Nor does the audit log.
  for (const char* plain : {"张三明", kPhone, kId}) {
    long long n = 0;
    std::string pattern = std::string("%") + plain + "%";
    *lease << "SELECT COUNT(*) FROM audit_log WHERE before_json LIKE :p1 OR after_json LIKE :p2",
        soci::use(pattern), soci::use(pattern), soci::into(n);
    EXPECT_EQ(n, 0) << plain;
  }
}

TEST_P(VolunteerApi, ASecondRegistrationWithTheSameIdNumberIsRefused) {
  registered("张三明", kId);
  Reply again = register_public(body("李四", "11010519491231002x", "D2-C1", "13900000000"));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(ApiCity::parse(again).at("error").at("key"), "volunteer.id_number.duplicate");
  Reply entered = city_->as("office", "POST", "/api/volunteers", body("王五", kId));
  EXPECT_EQ(entered.status, 409);
  EXPECT_EQ(volunteers(), 1);
}

TEST_P(VolunteerApi, BadInputIsRefusedNamingTheFieldAndNothingIsStored) {
  struct Case {
    std::string body, field;
  };
  std::vector<Case> cases{
      {body("张三", kId, "D1-C1", "23812341234"), "phone"},
      {body("张三", kId, "D1-C1", "1381234123"), "phone"},
      {body("张三", "110105194912310021"), "id_number"},
      {body("张三", "1101051949123100"), "id_number"},
      {body("  ", kId), "name"},
      {body("张三", kId, "D1-S1"), "unit"},  // a street, not a community
      {body("张三", kId, "NOPE"), "unit"},
  };
  for (const Case& c : cases) {
    Reply r = register_public(c.body);
    EXPECT_EQ(r.status, 400) << c.body << " " << r.body;
    if (r.status == 400) {
      EXPECT_EQ(ApiCity::error_field(r), c.field) << c.body;
    }
  }
  // An officer enters only into communities in scope.
  Reply outside = city_->as("target1", "POST", "/api/volunteers", body("张三", kId, "D2-C1"));
  EXPECT_EQ(outside.status, 400);
  EXPECT_EQ(volunteers(), 0);
}

TEST_P(VolunteerApi, RejectionNeedsAReason) {
  std::string code = registered("张三明", kId);
  Reply bare = city_->as("target1", "POST", "/api/volunteers/" + code + "/actions/reject", "{}");
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(ApiCity::error_field(bare), "reason");
  Reply rejected = city_->as("target1", "POST", "/api/volunteers/" + code + "/actions/reject",
                             R"({"reason":"非本社区居民"})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(ApiCity::parse(rejected).at("state"), "rejected");
  EXPECT_EQ(ApiCity::parse(rejected).at("rejected_reason"), "非本社区居民");
}

TEST_P(VolunteerApi, OfficersEnterConfirmedVolunteersAndBuildTeams) {
  Reply entered = city_->as("target1", "POST", "/api/volunteers", body("赵六", test_id_number(1)));
  ASSERT_EQ(entered.status, 201) << entered.body;
  json::value v = ApiCity::parse(entered);
  EXPECT_EQ(v.at("state"), "confirmed");
  EXPECT_EQ(v.at("source"), "office");
  EXPECT_EQ(v.at("registered_by"), "target1");
  std::string code(v.at("code").as_string());
  std::string pending = registered("钱七", test_id_number(2));
  Reply other = city_->as("target2", "POST", "/api/volunteers", body("孙八", test_id_number(3), "D2-C1"));
  ASSERT_EQ(other.status, 201);
  std::string far(ApiCity::parse(other).at("code").as_string());

  Reply team = city_->as("target1", "POST", "/api/volunteer-teams",
                         R"({"code":"HG-TEAM","name":"海关社区志愿服务队","unit":"D1-C1"})");
  ASSERT_EQ(team.status, 201) << team.body;
  EXPECT_EQ(
      city_->as("target2", "POST", "/api/volunteer-teams/HG-TEAM/members", R"({"volunteer":")" + far + "\"}")
          .status,
      404);
  Reply add = city_->as("target1", "POST", "/api/volunteer-teams/HG-TEAM/members",
                        R"({"volunteer":")" + code + "\"}");
  ASSERT_EQ(add.status, 200) << add.body;
  EXPECT_EQ(ApiCity::parse(add).at("members"), 1);
  // Pending volunteers and volunteers outside the team's unit do not join.
  EXPECT_EQ(city_
                ->as("target1", "POST", "/api/volunteer-teams/HG-TEAM/members",
                     R"({"volunteer":")" + pending + "\"}")
                .status,
            409);
  EXPECT_EQ(
      city_->as("office", "POST", "/api/volunteer-teams/HG-TEAM/members", R"({"volunteer":")" + far + "\"}")
          .status,
      400);

  Reply members = city_->as("office", "GET", "/api/volunteers?team=HG-TEAM");
  ASSERT_EQ(members.status, 200) << members.body;
  EXPECT_EQ(ApiCity::parse(members).at("total"), 1);
  EXPECT_EQ(ApiCity::parse(members).at("items").at(0).at("teams").at(0), "HG-TEAM");
  EXPECT_EQ(ApiCity::parse(city_->as("office", "GET", "/api/volunteers?q=%E9%92%B1")).at("total"), 1);
  EXPECT_EQ(ApiCity::parse(city_->as("office", "GET", "/api/volunteers?unit=D1-S1")).at("total"), 2);
  EXPECT_EQ(ApiCity::parse(city_->as("target1", "GET", "/api/volunteer-teams")).as_array().size(), 1u);
  EXPECT_EQ(ApiCity::parse(city_->as("target2", "GET", "/api/volunteer-teams")).as_array().size(), 0u);
  Reply xlsx = city_->as("office", "GET", "/api/volunteers/export?format=xlsx");
  EXPECT_EQ(xlsx.status, 200);
  Reply csv = city_->as("office", "GET", "/api/volunteers/export?format=csv");
  EXPECT_NE(csv.body.find("赵六"), std::string::npos);
  EXPECT_EQ(csv.body.find("13812341234"), std::string::npos);  // masked in the export too

  Reply removed = city_->as("target1", "DELETE", "/api/volunteer-teams/HG-TEAM/members/" + code);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(ApiCity::parse(removed).at("members"), 0);
  EXPECT_EQ(city_->as("target1", "DELETE", "/api/volunteer-teams/HG-TEAM/members/" + code).status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE object_id = :c AND action LIKE 'volunteer_team.%'",
                  "HG-TEAM"),
            3);
}

TEST_P(VolunteerApi, ABurstOfRegistrationsFromOneAddressIsLimited) {
  int limited = 0;
  for (int i = 0; i < 20; ++i) {
    Reply r = register_public(body("张三", test_id_number(10 + i)));
    if (r.status == 429)
      ++limited;
    else
      EXPECT_EQ(r.status, 201) << r.body;
  }
  EXPECT_GE(limited, 5);
}

CIVIC_INSTANTIATE_BACKENDS(VolunteerApi);

}  // namespace
}  // namespace civic::api
